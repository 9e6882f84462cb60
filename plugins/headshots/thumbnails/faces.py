"""Where the face is, and whether it reads at casting size.

The detector is MediaPipe's BlazeFace full-range model (models/README.md says
where the file comes from and why this one), run with LiteRT on a 192 x 192
copy of the decoded, upright, sRGB image, made through one fixed scale. A face is kept as plain JSON (in
0..1 of the oriented source, so it serves any crop and any scale):
{"box": [left, top, right, bottom], "eyes": [[x, y], [x, y]], "score": s}.

`framing` turns the largest face into the crop's focus; `readability` says
what casting would make of the faces. Both are pure and run in the main
process from the cached record; only `detect` loads the model.
"""

from __future__ import annotations

from pathlib import Path

from . import facerule, geometry

MODEL = Path(__file__).parent / "models" / "face_detection_full_range.tflite"

#: Bump when what `detect` returns for the same pixels changes: every source's record is redone.
VERSION = "blazeface-full-range-4"  # 2: found at one fixed scale (WORKING_SIDE); 3: facerule; 4: its bounds widened

#: The model's square input, in pixels, and its anchors: one per cell of a 48 x 48 grid.
INPUT_SIZE = 192
GRID = 48

#: Every picture is first brought to this long side (Lanczos), whatever its decode: the check's
#: small one, the build's large one, a JPEG's DCT scale, the orientation it was stored in. The
#: faces, and so the crop, depend on the upright picture alone.
WORKING_SIDE = 2 * INPUT_SIZE

#: Two detections overlapping by more than this intersection-over-union are one. Which
#: detections count as faces is `facerule`'s to say, for the build and /scan/ alike.
OVERLAP = 0.3

#: A casting platform's submission thumbnail is about an inch wide: 96 CSS px, 4:5 (CASTING_FACTS.md).
CASTING_THUMBNAIL_WIDTH = 96

#: The face box (brows to chin, as the detector draws it) must be at least this share of the 4:5
#: crop's height. Below it, in a 96 x 120 px casting thumbnail, the face is under 18 px tall and the
#: eyes are about 7 px apart: the expression no longer reads. A head-and-shoulders headshot is
#: about 0.20-0.30; a three-quarter or full-length shot is under 0.12. Shared with /scan/.
MIN_FACE_SHARE = 0.15

#: Around the detector's box, what the crop must also hold: the forehead and hair above the brows,
#: a little below the chin and beside the cheeks (as shares of the box's height and width).
ABOVE, BELOW, BESIDE = 0.45, 0.1, 0.1

_interpreter = None


def _model():
    """The LiteRT interpreter, loaded once per process (workers included), without the XNNPACK
    delegate: it prints to stderr when it starts, and the model runs in about 12 ms without it."""
    global _interpreter
    if _interpreter is None:
        from ai_edge_litert.interpreter import Interpreter, OpResolverType

        interpreter = Interpreter(
            model_path=str(MODEL),
            num_threads=1,
            experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
        )
        interpreter.allocate_tensors()
        _interpreter = interpreter
    return _interpreter


def detect(image) -> list[dict]:
    """Every face in an upright "RGB" image, largest first: the candidates `facerule` counts."""
    from PIL import Image, ImageOps

    working = image.resize(_fit(image.size, WORKING_SIDE), Image.Resampling.LANCZOS)
    found = candidates(working)
    mirrored = None
    if any(facerule.needs_second_opinion(face, "build") for face in found):
        mirrored = [_unmirror(face) for face in candidates(ImageOps.mirror(working))]
    return [
        {"box": face["box"], "eyes": face["eyes"], "score": face["score"]}
        for face in found
        if facerule.is_face(face, image.size, "build", mirrored)
    ]


def _fit(size, side) -> tuple[int, int]:
    scale = side / max(size)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def candidates(working) -> list[dict]:
    """Every detection in an upright "RGB" image already shrunk to WORKING_SIDE that can count
    as a face (the build's lowest score), largest first, with the model's points in 0..1 of the
    image: "eyes" (the subject's right eye first), "nose" and "mouth"."""
    import numpy as np
    from PIL import Image

    small = working.resize(_fit(working.size, INPUT_SIZE), Image.Resampling.BILINEAR)
    square = Image.new("RGB", (INPUT_SIZE, INPUT_SIZE))
    offset = ((INPUT_SIZE - small.size[0]) // 2, (INPUT_SIZE - small.size[1]) // 2)
    square.paste(small, offset)
    interpreter = _model()
    pixels = np.asarray(square, dtype=np.float32)[None] / 127.5 - 1.0
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], pixels)
    interpreter.invoke()
    outputs = {tuple(o["shape"])[-1]: interpreter.get_tensor(o["index"])[0] for o in interpreter.get_output_details()}
    boxes, logits = outputs[16], outputs[1][:, 0]
    scores = 1.0 / (1.0 + np.exp(-np.clip(logits, -80.0, 80.0)))
    cells = (np.arange(GRID * GRID) % GRID + 0.5) / GRID, (np.arange(GRID * GRID) // GRID + 0.5) / GRID
    # from the padded square's 0..1 to the image's 0..1
    sx, sy = small.size[0] / INPUT_SIZE, small.size[1] / INPUT_SIZE
    ox, oy = offset[0] / INPUT_SIZE, offset[1] / INPUT_SIZE

    def point(index, k):
        x = boxes[index, 4 + 2 * k] / INPUT_SIZE + cells[0][index]
        y = boxes[index, 5 + 2 * k] / INPUT_SIZE + cells[1][index]
        return [round((float(x) - ox) / sx, 4), round((float(y) - oy) / sy, 4)]

    found: list[dict] = []
    for index in np.argsort(-scores):
        if scores[index] < facerule.SCORES["build"]["min"]:
            break
        cx = (boxes[index, 0] / INPUT_SIZE + cells[0][index] - ox) / sx
        cy = (boxes[index, 1] / INPUT_SIZE + cells[1][index] - oy) / sy
        half_w = float(boxes[index, 2]) / INPUT_SIZE / sx / 2
        half_h = float(boxes[index, 3]) / INPUT_SIZE / sy / 2
        box = [float(cx) - half_w, float(cy) - half_h, float(cx) + half_w, float(cy) + half_h]
        if any(facerule.overlap(box, face["box"]) > OVERLAP for face in found):
            continue
        found.append(
            {
                "box": [round(min(max(v, 0.0), 1.0), 4) for v in box],
                "eyes": [point(index, 0), point(index, 1)],
                "nose": point(index, 2),
                "mouth": point(index, 3),
                "score": round(float(scores[index]), 3),
            }
        )
    return sorted(found, key=_area, reverse=True)


def _area(face) -> float:
    left, top, right, bottom = face["box"]
    return (right - left) * (bottom - top)


def _unmirror(face: dict) -> dict:
    """A candidate found in the mirrored image, in the unmirrored image's coordinates."""
    left, top, right, bottom = face["box"]

    def flip(point):
        return [round(1 - point[0], 4), point[1]]

    return {
        "box": [round(1 - right, 4), top, round(1 - left, 4), bottom],
        "eyes": [flip(face["eyes"][1]), flip(face["eyes"][0])],
        "nose": flip(face["nose"]),
        "mouth": flip(face["mouth"]),
        "score": face["score"],
    }


def framing(focus, faces: list[dict]):
    """(focus, keep) for `geometry.crop_box`: an editor's `focus:` wins; else the largest face,
    its eyes on the crop's upper third and its whole head kept in; else the default rule."""
    if focus:
        return tuple(focus), None
    if not faces:
        return None, None
    face = faces[0]
    left, top, right, bottom = face["box"]
    width, height = right - left, bottom - top
    eyes_x = sum(x for x, _ in face["eyes"]) / 2
    eyes_y = sum(y for _, y in face["eyes"]) / 2
    keep = (
        max(0.0, left - BESIDE * width),
        max(0.0, top - ABOVE * height),
        min(1.0, right + BESIDE * width),
        min(1.0, bottom + BELOW * height),
    )
    return (round(eyes_x, 4), round(eyes_y, 4)), tuple(round(v, 4) for v in keep)


def face_share(face, size) -> float:
    """The face box's height over the height of the 4:5 crop (what a casting thumbnail shows)."""
    box = geometry.crop_box(size)
    return (face["box"][3] - face["box"][1]) * size[1] / (box[3] - box[1])


def thumbnail_height(share: float) -> float:
    """How tall a face of `share` is, in CSS px, in a 4:5 casting thumbnail CASTING_THUMBNAIL_WIDTH wide."""
    return share * CASTING_THUMBNAIL_WIDTH * geometry.RATIO_H / geometry.RATIO_W


#: What the five-second scan's face check shares with this one (scan.html hands it to the page):
#: one threshold, one casting thumbnail, one idea of the head around the detector's box.
BROWSER_RULES = {
    "minShare": MIN_FACE_SHARE,
    "minPixels": round(thumbnail_height(MIN_FACE_SHARE)),  # the same threshold, in thumbnail pixels
    "thumbnailWidth": CASTING_THUMBNAIL_WIDTH,
    "above": ABOVE,
    "below": BELOW,
    "overlap": OVERLAP,
    "face": facerule.BROWSER,  # what counts as a face
}


def readability(faces: list[dict], size) -> list[str]:
    """What casting would make of these faces in a headshot, as warnings (empty when it reads)."""
    if not faces:
        return [
            "no face found: casting judges a headshot by one clear face, and without one the crop "
            "follows the default rule (add focus: [x, y] to place it)"
        ]
    notes = []
    if len(faces) > 1:
        notes.append(f"{len(faces)} faces found: casting expects one face in a headshot (the crop follows the largest)")
    share = face_share(faces[0], size)
    if share < MIN_FACE_SHARE:
        notes.append(
            f"the face fills {share:.0%} of the crop's height, about {thumbnail_height(share):.0f} px in a "
            f"{CASTING_THUMBNAIL_WIDTH} px wide casting thumbnail: under {MIN_FACE_SHARE:.0%} it is too small to "
            "read at that size; choose a closer frame"
        )
    return notes


def caption(faces: list[dict], size) -> str:
    """One line for actors under a headshot on a photographer's scan page: how the face reads at casting size."""
    if not faces:
        return "No face found: casting looks for one clear face."
    share = face_share(faces[0], size)
    verdict = "reads at that size" if share >= MIN_FACE_SHARE else "too small to read at that size"
    tall = thumbnail_height(share)
    text = f"Face: {share:.0%} of the frame's height, about {tall:.0f} px tall in a casting thumbnail: {verdict}."
    return text + (f" {len(faces)} faces in the frame." if len(faces) > 1 else "")
