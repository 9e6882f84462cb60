#!/usr/bin/env python3
"""Draw the fictional sample headshots used by the sample photographer profiles.

Nobody in these pictures exists. Each portrait is drawn from simple shapes
with Pillow: a backdrop, shoulders in a garment, neck, head, hair and soft
facial features, lit with gradients and finished with a little film grain so
the files compress like photographs. Every image carries a small
"SAMPLE · fictional" mark. The script reads nothing from disk or the network.

Re-run it from the repository root after changing PORTRAITS:

    python scripts/make_sample_headshots.py               # every image
    python scripts/make_sample_headshots.py maya-okafor   # one photographer

It needs only Pillow (10.1 or later, for sized default fonts). The output is
deterministic: every image is seeded by its file name, so the same Pillow build
writes the same bytes. The alt texts in photographers/<slug>/profile.yaml
describe the parameters in PORTRAITS: change both together.
"""

from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "photographers"
QUALITY = 85
MAX_BYTES = 900_000
LABEL = "SAMPLE · fictional"

Colour = tuple[int, int, int]
Point = tuple[float, float]

# --- palettes ---------------------------------------------------------------

SKIN: dict[str, Colour] = {
    "porcelain": (236, 204, 184),
    "fair": (226, 186, 158),
    "light": (214, 172, 136),
    "olive": (198, 154, 114),
    "medium": (184, 136, 100),
    "tan": (164, 116, 82),
    "brown": (136, 92, 64),
    "deep": (108, 72, 52),
    "ebony": (84, 56, 42),
}
HAIR: dict[str, Colour] = {
    "black": (26, 22, 21),
    "dark-brown": (52, 36, 28),
    "brown": (92, 62, 42),
    "auburn": (118, 54, 34),
    "red": (156, 78, 40),
    "blonde": (196, 160, 108),
    "grey": (138, 134, 130),
    "silver": (196, 194, 190),
}
EYES: dict[str, Colour] = {
    "dark": (40, 26, 20),
    "brown": (78, 50, 30),
    "hazel": (112, 92, 52),
    "green": (86, 110, 74),
    "blue": (82, 116, 150),
    "grey": (112, 122, 130),
}
CLOTH: dict[str, Colour] = {
    "navy": (34, 46, 78),
    "charcoal": (58, 60, 64),
    "black": (28, 28, 30),
    "white": (232, 232, 226),
    "cream": (222, 210, 186),
    "heather": (148, 148, 150),
    "olive": (92, 98, 58),
    "burgundy": (108, 34, 46),
    "teal": (30, 94, 100),
    "mustard": (190, 144, 48),
    "denim": (78, 104, 140),
    "sky": (150, 178, 210),
    "dusty-pink": (200, 152, 150),
    "rust": (158, 78, 44),
    "forest": (40, 78, 54),
    "camel": (178, 138, 94),
    "plum": (88, 48, 78),
    "cobalt": (40, 72, 150),
}
# backdrop: base colour, glow colour behind the sitter, mottle strength
SEAMLESS: dict[str, tuple[Colour, Colour, int]] = {
    "grey": ((104, 106, 108), (168, 170, 170), 5),
    "white": ((206, 206, 204), (242, 242, 240), 3),
    "warm": ((150, 118, 86), (206, 176, 138), 14),
    "blue": ((58, 74, 94), (120, 140, 160), 12),
    "dark": ((20, 20, 22), (62, 60, 60), 6),
}
# light: highlight tint, shadow tint, width of the light-to-shadow ramp (in
# head radii), how far the torso falls off, rim light colour and strength
LIGHTS: dict[str, tuple[Colour, Colour, float, int, Colour, float]] = {
    "studio": ((255, 252, 248), (150, 146, 152), 1.6, 190, (235, 238, 245), 0.25),
    "natural": ((255, 248, 238), (192, 186, 186), 2.4, 215, (255, 245, 230), 0.0),
    "outdoor": ((255, 246, 230), (176, 178, 190), 2.2, 205, (255, 226, 180), 0.55),
    "lowkey": ((255, 248, 240), (84, 78, 86), 1.3, 120, (200, 208, 222), 0.6),
}


@dataclass(frozen=True)
class Portrait:
    """One sample image: who is in it and how it is lit.

    build: "f", "m" or "child"; wear: garment style (see draw_garment);
    colours: "outer" or "outer/inner" from CLOTH; mood: neutral, soft, smile
    or grin; key: -1 when the key light is on the viewer's left, 1 right;
    frame: head centre x and y as fractions of the image, head radius as a
    fraction of its height.
    """

    file: str
    backdrop: str
    light: str
    build: str
    skin: str
    hair: str
    hair_colour: str
    wear: str
    colours: str
    mood: str
    eyes: str = "brown"
    extras: tuple[str, ...] = ()
    key: int = -1
    turn: float = 0.0
    tilt: float = 0.0
    size: tuple[int, int] = (1600, 2000)
    frame: tuple[float, float, float] = (0.5, 0.33, 0.168)

    @property
    def slug(self) -> str:
        """The photographer folder: the file name without "-NN.jpg"."""
        return self.file.rsplit("-", 1)[0]


P = Portrait
PORTRAITS: list[Portrait] = [
    P(
        "maya-okafor-01.jpg",
        "grey",
        "studio",
        "f",
        "deep",
        "coils",
        "black",
        "blazer",
        "navy/white",
        "smile",
        "dark",
        ("earrings",),
    ),
    P(
        "maya-okafor-02.jpg",
        "warm",
        "natural",
        "m",
        "medium",
        "short",
        "dark-brown",
        "henley",
        "olive",
        "soft",
        extras=("stubble",),
        key=1,
        turn=0.25,
    ),
    P(
        "maya-okafor-03.jpg",
        "brick",
        "natural",
        "f",
        "fair",
        "long",
        "auburn",
        "sweater",
        "cream",
        "soft",
        "green",
        tilt=-3,
    ),
    P(
        "maya-okafor-04.jpg",
        "dark",
        "lowkey",
        "m",
        "tan",
        "short",
        "black",
        "tee",
        "black",
        "neutral",
        extras=("beard",),
        turn=-0.2,
    ),
    P("luis-carranza-01.jpg", "white", "studio", "m", "olive", "swept", "dark-brown", "shirt", "sky", "grin", tilt=2),
    P("luis-carranza-02.jpg", "blue", "studio", "f", "brown", "bun", "black", "tee", "mustard", "grin", "dark", key=1),
    P(
        "luis-carranza-03.jpg",
        "grey",
        "studio",
        "m",
        "fair",
        "bald",
        "brown",
        "blazer-shirt",
        "charcoal/white",
        "smile",
        "blue",
        ("glasses",),
    ),
    P(
        "hannah-lindqvist-01.jpg",
        "warm",
        "natural",
        "f",
        "porcelain",
        "wavy",
        "blonde",
        "sweater",
        "heather",
        "soft",
        "blue",
        tilt=3,
        size=(2400, 3000),
    ),
    P(
        "hannah-lindqvist-02.jpg",
        "grey",
        "natural",
        "m",
        "light",
        "short",
        "brown",
        "turtleneck",
        "black",
        "neutral",
        "hazel",
        key=1,
        turn=0.2,
    ),
    P("hannah-lindqvist-03.jpg", "white", "natural", "f", "deep", "locs", "black", "scoop", "rust", "smile", "dark"),
    P(
        "marcus-bell-01.jpg",
        "dark",
        "lowkey",
        "m",
        "deep",
        "buzz",
        "black",
        "tee",
        "charcoal",
        "neutral",
        "dark",
        ("stubble",),
    ),
    P(
        "marcus-bell-02.jpg",
        "dark",
        "lowkey",
        "f",
        "fair",
        "bob",
        "black",
        "scoop",
        "burgundy",
        "neutral",
        "grey",
        key=1,
        turn=0.15,
    ),
    P("marcus-bell-03.jpg", "blue", "studio", "m", "tan", "swept", "black", "jacket", "denim/white", "smile", tilt=-2),
    P(
        "priya-raman-01.jpg",
        "warm",
        "natural",
        "f",
        "brown",
        "long",
        "black",
        "blazer",
        "camel/cream",
        "smile",
        "dark",
        ("earrings",),
    ),
    P(
        "priya-raman-02.jpg",
        "white",
        "natural",
        "m",
        "light",
        "short",
        "grey",
        "blazer-shirt",
        "navy/white",
        "smile",
        "blue",
        ("glasses",),
        key=1,
    ),
    P(
        "priya-raman-03.jpg",
        "green",
        "outdoor",
        "f",
        "medium",
        "curly",
        "dark-brown",
        "tee",
        "teal",
        "grin",
        "hazel",
        tilt=2,
    ),
    P(
        "ruth-abernathy-01.jpg",
        "grey",
        "studio",
        "f",
        "fair",
        "bun",
        "silver",
        "cardigan",
        "plum/cream",
        "soft",
        "blue",
    ),
    P(
        "ruth-abernathy-02.jpg",
        "dark",
        "lowkey",
        "m",
        "brown",
        "bald",
        "grey",
        "turtleneck",
        "charcoal",
        "neutral",
        "dark",
        ("beard",),
        key=1,
    ),
    P(
        "ruth-abernathy-03.jpg",
        "warm",
        "studio",
        "f",
        "olive",
        "slick",
        "dark-brown",
        "scoop",
        "black",
        "neutral",
        "brown",
        ("earrings",),
        turn=-0.2,
    ),
    P("ruth-abernathy-04.jpg", "grey", "studio", "m", "deep", "short", "black", "shirt", "white", "smile", "dark"),
    P("june-nakamura-01.jpg", "green", "outdoor", "f", "light", "bob", "black", "tee", "white", "smile", "dark"),
    P(
        "june-nakamura-02.jpg",
        "urban",
        "outdoor",
        "m",
        "tan",
        "short",
        "dark-brown",
        "jacket",
        "olive/heather",
        "neutral",
        extras=("stubble",),
        key=1,
        turn=0.2,
    ),
    P(
        "june-nakamura-03.jpg",
        "warm",
        "natural",
        "f",
        "medium",
        "wavy",
        "brown",
        "sweater",
        "dusty-pink",
        "soft",
        "hazel",
        tilt=-3,
    ),
    P("theo-alvarez-01.jpg", "green", "outdoor", "m", "olive", "swept", "black", "tee", "heather", "grin", key=1),
    P(
        "theo-alvarez-02.jpg",
        "white",
        "natural",
        "f",
        "fair",
        "long",
        "blonde",
        "shirt",
        "denim",
        "grin",
        "blue",
        tilt=3,
    ),
    P(
        "theo-alvarez-03.jpg",
        "urban",
        "outdoor",
        "m",
        "brown",
        "curly",
        "black",
        "jacket",
        "denim/white",
        "smile",
        "dark",
        size=(2400, 1800),
        frame=(0.62, 0.36, 0.16),
    ),
    P(
        "kai-mahoe-01.jpg",
        "green",
        "outdoor",
        "f",
        "tan",
        "long",
        "black",
        "tee",
        "white",
        "smile",
        "dark",
        ("earrings",),
        key=1,
    ),
    P(
        "kai-mahoe-02.jpg",
        "dark",
        "lowkey",
        "m",
        "medium",
        "bun",
        "black",
        "tee",
        "black",
        "neutral",
        "dark",
        ("beard",),
        turn=-0.2,
    ),
    P(
        "kai-mahoe-03.jpg",
        "blue",
        "studio",
        "f",
        "deep",
        "coils",
        "dark-brown",
        "scoop",
        "mustard",
        "grin",
        "dark",
        key=1,
    ),
    P("kai-mahoe-04.jpg", "grey", "studio", "m", "light", "short", "red", "sweater", "forest", "soft", "green"),
    P(
        "denise-holloway-01.jpg",
        "white",
        "studio",
        "child",
        "brown",
        "puffs",
        "black",
        "tee",
        "sky",
        "grin",
        "dark",
        frame=(0.5, 0.36, 0.18),
    ),
    P(
        "denise-holloway-02.jpg",
        "warm",
        "natural",
        "child",
        "fair",
        "short",
        "blonde",
        "tee",
        "rust",
        "grin",
        "blue",
        key=1,
        frame=(0.5, 0.36, 0.18),
    ),
    P(
        "denise-holloway-03.jpg",
        "green",
        "outdoor",
        "f",
        "deep",
        "locs",
        "black",
        "shirt",
        "white",
        "smile",
        "dark",
        tilt=-2,
    ),
    P(
        "denise-holloway-04.jpg",
        "grey",
        "studio",
        "child",
        "medium",
        "bob",
        "dark-brown",
        "sweater",
        "mustard",
        "smile",
        "brown",
        frame=(0.5, 0.36, 0.18),
    ),
    P(
        "jordan-pierce-01.jpg",
        "grey",
        "studio",
        "m",
        "deep",
        "short",
        "black",
        "blazer-shirt",
        "charcoal/white",
        "smile",
        "dark",
        ("beard",),
    ),
    P(
        "jordan-pierce-02.jpg",
        "brick",
        "natural",
        "f",
        "tan",
        "long",
        "dark-brown",
        "tee",
        "olive",
        "neutral",
        key=1,
        turn=0.15,
    ),
    P(
        "jordan-pierce-03.jpg",
        "blue",
        "studio",
        "m",
        "fair",
        "swept",
        "brown",
        "henley",
        "navy",
        "soft",
        "grey",
        ("stubble",),
    ),
    P(
        "oliver-ashdown-01.jpg",
        "brick",
        "natural",
        "m",
        "fair",
        "swept",
        "auburn",
        "sweater",
        "navy",
        "neutral",
        "blue",
        key=1,
    ),
    P(
        "oliver-ashdown-02.jpg",
        "grey",
        "natural",
        "f",
        "brown",
        "bob",
        "black",
        "tee",
        "cream",
        "soft",
        "dark",
        turn=-0.15,
    ),
    P(
        "oliver-ashdown-03.jpg",
        "warm",
        "natural",
        "f",
        "porcelain",
        "long",
        "red",
        "turtleneck",
        "cream",
        "soft",
        "green",
        tilt=2,
    ),
    P(
        "amara-nwosu-01.jpg",
        "warm",
        "studio",
        "f",
        "deep",
        "coils",
        "black",
        "scoop",
        "burgundy",
        "grin",
        "dark",
        ("earrings",),
    ),
    P("amara-nwosu-02.jpg", "grey", "studio", "m", "ebony", "short", "black", "shirt", "denim", "smile", "dark", key=1),
    P(
        "amara-nwosu-03.jpg",
        "white",
        "natural",
        "f",
        "light",
        "bun",
        "brown",
        "blazer",
        "black/white",
        "smile",
        "hazel",
    ),
    P(
        "amara-nwosu-04.jpg",
        "dark",
        "lowkey",
        "m",
        "brown",
        "locs",
        "black",
        "tee",
        "black",
        "neutral",
        "dark",
        turn=0.2,
    ),
    P(
        "callum-reid-01.jpg",
        "brick",
        "natural",
        "m",
        "fair",
        "buzz",
        "red",
        "tee",
        "heather",
        "grin",
        "blue",
        ("stubble",),
    ),
    P(
        "callum-reid-02.jpg",
        "green",
        "outdoor",
        "f",
        "light",
        "wavy",
        "blonde",
        "jacket",
        "denim/white",
        "smile",
        "green",
        key=1,
    ),
    P(
        "callum-reid-03.jpg",
        "urban",
        "outdoor",
        "m",
        "medium",
        "short",
        "black",
        "jacket",
        "black/heather",
        "neutral",
        "dark",
        turn=-0.2,
    ),
    P(
        "sophie-tremblay-01.jpg",
        "grey",
        "studio",
        "f",
        "fair",
        "bob",
        "auburn",
        "blazer",
        "cream/black",
        "smile",
        "green",
    ),
    P(
        "sophie-tremblay-02.jpg",
        "blue",
        "studio",
        "m",
        "brown",
        "short",
        "black",
        "turtleneck",
        "camel",
        "neutral",
        "dark",
        ("glasses",),
        key=1,
    ),
    P("sophie-tremblay-03.jpg", "white", "studio", "f", "olive", "long", "dark-brown", "tee", "white", "grin", "brown"),
    P("daniel-osei-01.jpg", "warm", "natural", "m", "deep", "buzz", "black", "shirt", "white", "grin", "dark"),
    P("daniel-osei-02.jpg", "green", "outdoor", "f", "light", "slick", "brown", "tee", "teal", "smile", "hazel", key=1),
    P(
        "daniel-osei-03.jpg",
        "grey",
        "natural",
        "m",
        "tan",
        "short",
        "grey",
        "blazer-shirt",
        "navy/sky",
        "smile",
        "brown",
        ("beard",),
    ),
    P(
        "mei-chen-01.jpg",
        "green",
        "outdoor",
        "f",
        "light",
        "long",
        "black",
        "sweater",
        "cream",
        "soft",
        "dark",
        tilt=-2,
    ),
    P(
        "mei-chen-02.jpg",
        "urban",
        "outdoor",
        "m",
        "fair",
        "swept",
        "dark-brown",
        "jacket",
        "charcoal/black",
        "neutral",
        "grey",
        ("stubble",),
        key=1,
    ),
    P("mei-chen-03.jpg", "grey", "natural", "f", "medium", "curly", "black", "scoop", "olive", "smile", "brown"),
    P(
        "zoe-brunner-01.jpg",
        "grey",
        "studio",
        "f",
        "porcelain",
        "bun",
        "blonde",
        "blazer-shirt",
        "black/white",
        "smile",
        "blue",
    ),
    P(
        "zoe-brunner-02.jpg",
        "dark",
        "lowkey",
        "m",
        "olive",
        "short",
        "dark-brown",
        "turtleneck",
        "black",
        "neutral",
        "brown",
        key=1,
        turn=0.15,
    ),
    P("zoe-brunner-03.jpg", "white", "studio", "f", "brown", "bob", "black", "blazer", "cobalt/white", "grin", "dark"),
]

# --- small helpers ----------------------------------------------------------


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Blend colour a towards b by t (0..1)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def scale(c: Colour, k: float) -> Colour:
    """Multiply a colour's channels by k, clipped to 0..255."""
    return tuple(max(0, min(255, round(x * k))) for x in c)  # type: ignore[return-value]


def shadow_of(c: Colour) -> Colour:
    """A darker, slightly richer colour for the shaded side of c."""
    return (round(c[0] * 0.62), round(c[1] * 0.52), round(c[2] * 0.5))


def smoothstep(t: float) -> float:
    """0 below 0, 1 above 1, an S-curve between."""
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


def ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 64) -> list[Point]:
    """An ellipse as a polygon (so it can be rotated with the head)."""
    return [(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n)) for i in range(n)]


def mirror(points: list[Point]) -> list[Point]:
    """The same shape reflected left to right about x = 0."""
    return [(-x, y) for x, y in points]


def ramp(length: int, value) -> list[int]:
    """A 1-D list of 0..255 values from a function of the index."""
    return [max(0, min(255, round(255 * value(i)))) for i in range(length)]


def noise(rng: random.Random, cells: tuple[int, int], size: tuple[int, int], lo: int, hi: int) -> Image.Image:
    """Smooth random texture: a cells-sized grid of random values upscaled to size, mapped to lo..hi."""
    small = Image.frombytes("L", cells, rng.randbytes(cells[0] * cells[1]))
    big = small.resize(size, Image.Resampling.BICUBIC)
    return big.point([lo + (hi - lo) * smoothstep((v - 40) / 175) for v in range(256)])


def radial(size: tuple[int, int], centre: Point, radii: Point) -> Image.Image:
    """An L image: 255 at centre falling smoothly to 0 at the given radii."""
    rx, ry = max(1, round(radii[0])), max(1, round(radii[1]))
    grad = Image.radial_gradient("L").resize((2 * rx, 2 * ry), Image.Resampling.BILINEAR)
    grad = grad.point([round(255 * smoothstep(1 - v / 128)) for v in range(256)])
    out = Image.new("L", size, 0)
    out.paste(grad, (round(centre[0]) - rx, round(centre[1]) - ry))
    return out


# --- the canvas the sitter is painted on --------------------------------------


class Painter:
    """Paints soft-edged, optionally shaded shapes onto a sitter layer.

    Shapes are given in head units: (0, 0) is the centre of the head, 1 is
    the head's half-height, y grows downwards. Head shapes turn with the
    head's tilt around the chin; body shapes do not.
    """

    def __init__(self, size: tuple[int, int], centre: Point, radius: float, key: int, tilt: float):
        self.size = size
        self.cx, self.cy = centre
        self.r = radius
        self.key = key
        self.sin, self.cos = math.sin(math.radians(tilt)), math.cos(math.radians(tilt))
        self.rgb = Image.new("RGB", size, (128, 128, 128))
        self.alpha = Image.new("L", size, 0)

    def px(self, points: list[Point], head: bool = True) -> list[Point]:
        """Convert head units to pixels, turning head shapes about the chin."""
        out = []
        for x, y in points:
            if head:
                y -= 0.9
                x, y = x * self.cos - y * self.sin, x * self.sin + y * self.cos
                y += 0.9
            out.append((self.cx + x * self.r, self.cy + y * self.r))
        return out

    def _mask(self, shapes: list[list[Point]], box: tuple[int, int, int, int], line: float) -> Image.Image:
        """Draw shapes (pixel polygons or, with line > 0, polylines) into a mask cropped to box."""
        mask = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
        draw = ImageDraw.Draw(mask)
        for shape in shapes:
            pts = [(x - box[0], y - box[1]) for x, y in shape]
            if line:
                draw.line(pts, fill=255, width=max(1, round(line * self.r)), joint="curve")
            else:
                draw.polygon(pts, fill=255)
        return mask

    def paint(
        self,
        shapes: list[list[Point]],
        colour: Colour,
        *,
        head: bool = True,
        soft: float = 0.006,
        form: float = 0.0,
        shade: Colour | None = None,
        opacity: float = 1.0,
        line: float = 0.0,
        clip: list[list[Point]] | None = None,
        cut: list[list[Point]] | None = None,
        texture: Image.Image | None = None,
        solid: bool = True,
    ) -> None:
        """Fill shapes with colour.

        soft: edge blur; form: radius of the rounding shade (darker towards
        the edges, lighter towards the key light); shade: the colour of that
        shadow; line: draw outlines this thick instead of filling; clip:
        shapes to stay inside; cut: shapes to leave out; texture: an L image multiplied in; solid:
        whether the shape is part of the sitter's silhouette.
        """
        shapes = [self.px(s, head) for s in shapes]
        blur = max(soft * self.r, 0.6)
        pad = round(3 * max(blur, form * self.r) + line * self.r) + 4
        xs = [x for s in shapes for x, _ in s]
        ys = [y for s in shapes for _, y in s]
        w, h = self.size
        # the box may reach pad pixels past the image edge, so blurs and
        # shifts near the edge see the shape continue instead of a border
        box = (
            max(-pad, int(min(xs)) - pad),
            max(-pad, int(min(ys)) - pad),
            min(w + pad, int(max(xs)) + pad + 1),
            min(h + pad, int(max(ys)) + pad + 1),
        )
        if box[2] <= max(box[0], 0) or box[3] <= max(box[1], 0):
            return
        hard = self._mask(shapes, box, line)
        if clip:
            hard = ImageChops.multiply(hard, self._mask([self.px(s, head) for s in clip], box, 0))
        if cut:
            hard = ImageChops.subtract(hard, self._mask([self.px(s, head) for s in cut], box, 0))
        mask = hard.filter(ImageFilter.GaussianBlur(blur))
        fill = Image.new("RGB", mask.size, colour)
        if form:
            radius = form * self.r
            lit = hard.filter(ImageFilter.GaussianBlur(radius))
            lit = ImageChops.offset(lit, round(self.key * radius * 0.7), round(-radius * 0.4))
            lit = lit.point([round(255 * smoothstep(v / 215)) for v in range(256)])
            fill = Image.composite(fill, Image.new("RGB", mask.size, shade or shadow_of(colour)), lit)
        if texture is not None:
            fill = ImageChops.multiply(fill, texture.crop(box).convert("RGB"))
        if opacity < 1:
            mask = mask.point([round(v * opacity) for v in range(256)])
        self.rgb.paste(fill, box[:2], mask)
        if solid:
            self.alpha.paste(ImageChops.lighter(self.alpha.crop(box), mask), box[:2])


# --- backdrops ----------------------------------------------------------------


def seamless(p: Portrait, size: tuple[int, int], head: Point, r: float, rng: random.Random) -> Image.Image:
    """A painted or paper studio backdrop: a glow behind the sitter and a soft mottle."""
    base, glow, amount = SEAMLESS[p.backdrop]
    w, h = size
    img = Image.new("RGB", size, base)
    spot = radial(size, (head[0] - p.key * 0.6 * r, head[1] + 0.8 * r), (0.75 * max(w, h), 0.7 * max(w, h)))
    img = Image.composite(Image.new("RGB", size, glow), img, spot)
    big = noise(rng, (5, 6), size, 128 - amount, 128 + amount)
    fine = noise(rng, (18, 22), size, 128 - amount // 2, 128 + amount // 2)
    tex = Image.blend(big, fine, 0.4)
    return ImageChops.add(img, Image.merge("RGB", (tex, tex, tex)), 1.0, -128)


def bricks(p: Portrait, size: tuple[int, int], head: Point, r: float, rng: random.Random) -> Image.Image:
    """An out-of-focus painted brick wall, side lit."""
    w, h = size
    sw, sh = w // 4, h // 4
    img = Image.new("RGB", (sw, sh), (176, 164, 150))
    draw = ImageDraw.Draw(img)
    bw, bh, gap = sw / 4.2, sw / 12.5, max(2, sw // 110)
    for row in range(int(sh / bh) + 2):
        shift = (row % 2) * bw / 2
        for col in range(-1, int(sw / bw) + 2):
            tone = rng.uniform(0.8, 1.12)
            base = mix((150, 76, 56), (120, 92, 80), rng.random() * 0.5)
            x0, y0 = col * bw + shift, row * bh
            draw.rectangle((x0 + gap, y0 + gap, x0 + bw - gap, y0 + bh - gap), fill=scale(base, tone))
    img = img.filter(ImageFilter.GaussianBlur(sw / 260)).resize(size, Image.Resampling.BICUBIC)
    img = img.filter(ImageFilter.GaussianBlur(w / 260))
    side = Image.new("L", (w, 1))
    side.putdata(ramp(w, lambda x: 0.55 + 0.45 * smoothstep((x / w if p.key < 0 else 1 - x / w) * -1.4 + 1.1)))
    return ImageChops.multiply(img, side.resize(size).convert("RGB"))


def bokeh(p: Portrait, size: tuple[int, int], head: Point, r: float, rng: random.Random) -> Image.Image:
    """Out-of-focus outdoor light: leaves and sun (green) or a street at dusk (urban)."""
    w, h = size
    sw, sh = w // 4, h // 4
    if p.backdrop == "green":
        top, bottom = (126, 146, 92), (44, 62, 36)
        spots = [(196, 214, 140), (232, 236, 190), (90, 120, 60), (150, 176, 96), (250, 248, 226)]
    else:
        top, bottom = (92, 104, 122), (52, 54, 62)
        spots = [(236, 190, 120), (250, 220, 170), (150, 170, 200), (220, 150, 90), (240, 240, 235)]
    grad = Image.new("RGB", (1, sh))
    grad.putdata([mix(top, bottom, smoothstep(y / sh)) for y in range(sh)])
    img = grad.resize((sw, sh))
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(70):
        x, y = rng.uniform(0, sw), rng.uniform(0, sh * 0.8)
        rad = rng.uniform(0.02, 0.07) * sw
        alpha = rng.randint(40, 150)
        draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=rng.choice(spots) + (alpha,))
    img = img.filter(ImageFilter.GaussianBlur(sw / 90)).resize(size, Image.Resampling.BICUBIC)
    return img.filter(ImageFilter.GaussianBlur(w / 400))


# backdrops drawn by a function of their own (same signature as seamless);
# the others are SEAMLESS paper or painted canvas
BACKDROPS = {"brick": bricks, "green": bokeh, "urban": bokeh}

# --- the sitter -------------------------------------------------------------------


@dataclass
class Face:
    """Proportions of one sitter, in head units, with a little individual variation."""

    width: float
    taper: float
    square: float
    neck: float
    shoulders: float
    shoulder_y: float
    eye_y: float
    eye_x: float
    eye_w: float
    mouth_y: float
    lips: float
    brow: float


def make_face(build: str, rng: random.Random) -> Face:
    """Proportions for a build ("f", "m", "child"), jittered per sitter."""
    j = lambda v, d=0.02: v + rng.uniform(-d, d)
    if build == "child":
        return Face(j(0.82), 0.14, 1.0, 0.3, 1.5, 1.22, j(0.12, 0.01), 0.29, 0.14, 0.62, 0.042, 0.035)
    if build == "m":
        return Face(
            j(0.78),
            j(0.17),
            0.8,
            j(0.44),
            j(2.1, 0.05),
            1.32,
            j(0.0, 0.015),
            j(0.3, 0.01),
            j(0.125, 0.006),
            j(0.6),
            0.04,
            0.05,
        )
    return Face(
        j(0.75),
        j(0.24),
        0.95,
        j(0.36),
        j(1.85, 0.05),
        1.28,
        j(0.0, 0.015),
        j(0.3, 0.01),
        j(0.13, 0.006),
        j(0.6),
        0.052,
        0.04,
    )


def head_outline(f: Face, grow: float = 0.0, n: int = 96) -> list[Point]:
    """The head: an egg that narrows towards the chin, optionally grown outwards."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        c, s = math.cos(t), math.sin(t)
        x = (f.width + grow) * math.copysign(abs(c) ** f.square if s > 0 else abs(c), c)
        if s > 0:
            x *= 1 - f.taper * s * s
        pts.append((x, s * (1 + grow)))
    return pts


def draw_body(pt: Painter, p: Portrait, f: Face, skin: Colour) -> None:
    """Neck and upper chest, with the jaw's shadow, then the garment over them."""
    top, nw = f.shoulder_y, f.neck
    right = [(nw, 0.2), (nw * 0.97, 0.95), (nw * 1.15, top - 0.02), (nw * 2.7, top + 0.35), (nw * 2.7, top + 1.2)]
    neck = right + mirror(right)[::-1]
    pt.paint([neck], scale(skin, 0.93), head=False, form=0.22, soft=0.004)
    pt.paint(
        [ellipse(0, 0.95, f.width * 0.8, 0.3)],
        shadow_of(skin),
        head=False,
        soft=0.09,
        opacity=0.55,
        clip=[neck],
        solid=False,
    )
    draw_garment(pt, p, f)


# neckline of each garment: half-width (in neck widths), depth, V-shaped
NECKLINES = {
    "tee": (1.35, 0.36, False),
    "sweater": (1.35, 0.36, False),
    "henley": (1.35, 0.36, False),
    "vneck": (1.3, 0.8, True),
    "scoop": (2.5, 0.62, False),
    "shirt": (1.2, 0.85, True),
}


def neckline(f: Face, style: str) -> list[Point]:
    """The shape a garment's neckline cuts out of it: a U or a V below the neck."""
    k, depth, v = NECKLINES[style]
    width, top = f.neck * k, f.shoulder_y - 0.05
    pts = [(-width, top - 0.6)]
    for i in range(21):
        x = -width + 2 * width * i / 20
        u = abs(x) / width
        pts.append((x, top + depth * ((1 - u) if v else max(0.0, 1 - u * u) ** 0.8)))
    return pts + [(width, top - 0.6)]


def draw_garment(pt: Painter, p: Portrait, f: Face) -> None:
    """The garment: body with its neckline cut out, then collars, ribs, plackets and lapels."""
    outer, _, inner = p.colours.partition("/")
    cloth, under = CLOTH[outer], CLOTH[inner or outer]
    top, sw, nw = f.shoulder_y, f.shoulders, f.neck
    right = [(x * sw / 20, top + 0.28 * x / 20 + 0.85 * (1 - (1 - (x / 20) ** 4) ** 0.25)) for x in range(21)] + [
        (sw * 1.08, 7)
    ]
    torso = mirror(right)[::-1] + right
    body = dict(head=False, soft=0.005)
    detail = dict(head=False, soft=0.006, solid=False)
    open_front = p.wear in ("blazer", "blazer-shirt", "jacket", "cardigan")
    style = ("shirt" if p.wear == "blazer-shirt" else "tee") if open_front else p.wear
    cut = [neckline(f, style)] if style in NECKLINES else None
    if open_front:  # a jacket open over a tee or shirt
        closes = top + 2.3 if p.wear.startswith("blazer") else 7
        gap = 0.12 if closes < 7 else 0.42
        opening = [(-0.62, top - 0.6), (0.62, top - 0.6), (gap, closes), (-gap, closes)]
        pt.paint([torso], cloth, form=0.45, cut=[opening], **body)
        pt.paint([opening], under, form=0.3, clip=[torso], cut=cut, **body)
    else:
        pt.paint([torso], cloth, form=0.45, cut=cut, **body)
    collar = under if open_front else cloth
    for side in (-1, 1):  # soft folds where the arms meet the chest
        pt.paint(
            [[(side * sw * 0.62, top + 1.2), (side * sw * 0.5, top + 3.2)]],
            shadow_of(cloth),
            line=0.2,
            opacity=0.35,
            **{**detail, "soft": 0.12},
        )
    if style in ("tee", "sweater", "henley"):
        pt.paint([cut[0][1:-1]], scale(collar, 0.9), line=0.06 if style == "sweater" else 0.035, clip=[torso], **detail)
    if style == "henley":
        pt.paint(
            [[(-0.06, top + 0.3), (0.06, top + 0.3), (0.06, top + 1.0), (-0.06, top + 1.0)]],
            scale(collar, 0.88),
            **detail,
        )
        for k in range(2):
            pt.paint([ellipse(0, top + 0.5 + 0.3 * k, 0.025, 0.025, 16)], mix(collar, (230, 225, 215), 0.6), **detail)
    if style == "scoop":  # a hint of collarbones
        for side in (-1, 1):
            pt.paint(
                [[(side * 0.12, top + 0.12), (side * nw * 1.6, top + 0.02), (side * nw * 2.3, top + 0.08)]],
                shadow_of(scale(SKIN[p.skin], 0.93)),
                line=0.03,
                opacity=0.25,
                **{**detail, "soft": 0.03},
            )
    if style == "turtleneck":
        tube = [
            (-nw * 1.12, 0.82),
            (nw * 1.12, 0.82),
            (nw * 1.45, top - 0.02),
            (nw * 0.8, top + 0.14),
            (0, top + 0.18),
            (-nw * 0.8, top + 0.14),
            (-nw * 1.45, top - 0.02),
        ]
        pt.paint([tube], scale(collar, 1.04), form=0.25, **detail)
        for k in range(3):
            fold = [(-nw, 0.95 + 0.17 * k), (nw, 0.98 + 0.17 * k)]
            pt.paint([fold], shadow_of(collar), line=0.025, opacity=0.5, **{**detail, "soft": 0.02})
    if style == "shirt":
        for side in (-1, 1):
            flap = [
                (side * nw * 1.05, top - 0.3),
                (side * nw * 1.75, top + 0.05),
                (side * nw * 1.45, top + 0.62),
                (side * 0.06, top + 0.9),
                (side * nw * 1.08, top + 0.1),
            ]
            pt.paint([flap], scale(collar, 1.06), form=0.12, **detail)
            pt.paint([flap[1:4]], shadow_of(collar), line=0.02, opacity=0.5, **{**detail, "soft": 0.012})
    if open_front:
        for side in (-1, 1):
            if p.wear.startswith("blazer"):
                lapel = [
                    (side * 0.62, top - 0.1),
                    (side * 0.95, top + 0.5),
                    (side * 0.8, top + 0.62),
                    (side * 0.88, top + 0.78),
                    (side * 0.14, top + 2.3),
                    (side * 0.5, top + 0.4),
                ]
            else:
                lapel = [
                    (side * 0.62, top - 0.15),
                    (side * 1.0, top + 0.35),
                    (side * 0.72, top + 1.1),
                    (side * 0.45, top + 7),
                    (side * 0.42, top + 0.4),
                ]
            pt.paint([lapel], scale(cloth, 1.1), form=0.2, **detail)
            pt.paint([lapel[3:5]], shadow_of(cloth), line=0.03, opacity=0.6, **{**detail, "soft": 0.02})


def draw_head(pt: Painter, p: Portrait, f: Face, skin: Colour) -> None:
    """Ears, head and soft facial modelling (sockets, cheeks, forehead)."""
    shade = shadow_of(skin)
    for side in (-1, 1):
        ear = ellipse(side * (f.width - 0.03), 0.14, 0.12, 0.22)
        pt.paint([ear], scale(skin, 0.95), form=0.08, shade=shade)
        pt.paint([ellipse(side * (f.width + 0.0), 0.14, 0.05, 0.12)], shade, soft=0.03, opacity=0.5, solid=False)
    pt.paint([head_outline(f)], skin, form=0.42, shade=shade, soft=0.005)
    t = p.turn * 0.1
    for side in (-1, 1):
        pt.paint([ellipse(side * f.eye_x + t, f.eye_y - 0.03, 0.19, 0.13)], shade, soft=0.08, opacity=0.32, solid=False)
        pt.paint(
            [ellipse(side * 0.36 + t, f.eye_y + 0.3, 0.15, 0.1)],
            mix(skin, (200, 90, 90), 0.35),
            soft=0.1,
            opacity=0.22,
            solid=False,
        )
    pt.paint([ellipse(p.key * 0.15, -0.52, 0.32, 0.18)], scale(skin, 1.12), soft=0.14, opacity=0.3, solid=False)


def draw_eyes(pt: Painter, p: Portrait, f: Face, skin: Colour, hair: Colour) -> None:
    """Almond eyes with iris, pupil, catchlight, lash line, crease and brows."""
    shade = shadow_of(skin)
    lash = mix(scale(hair, 0.6), (20, 16, 16), 0.6)
    iris = EYES[p.eyes]
    t = p.turn * 0.1
    for side in (-1, 1):
        ex, ey, ew = side * f.eye_x + t, f.eye_y, f.eye_w * (1 - 0.15 * p.turn * side)
        up, lo = 0.062, 0.036
        # upper lid from the left corner to the right; the outer corner sits a little higher
        upper = [
            (ex - ew + 2 * ew * i / 16, ey - up * math.sin(math.pi * i / 16) ** 0.8 - side * 0.012 * (i / 16 - 0.5))
            for i in range(17)
        ]
        lower = [(ex + ew - 2 * ew * i / 16, ey + lo * math.sin(math.pi * i / 16)) for i in range(17)]
        almond = upper + lower
        pt.paint(
            [almond],
            mix((226, 220, 212), skin, 0.22),
            form=0.04,
            shade=mix(skin, (150, 140, 135), 0.5),
            soft=0.006,
            solid=False,
        )
        ix, iy = ex + t * 0.4, ey + 0.006
        pt.paint([ellipse(ix, iy, 0.058, 0.058, 40)], scale(iris, 0.7), soft=0.006, clip=[almond], solid=False)
        pt.paint([ellipse(ix, iy, 0.045, 0.045, 40)], iris, soft=0.012, clip=[almond], solid=False)
        pt.paint([ellipse(ix, iy, 0.022, 0.022, 24)], (14, 11, 11), soft=0.005, clip=[almond], solid=False)
        pt.paint(
            [ellipse(ix + p.key * 0.022, iy - 0.022, 0.011, 0.011, 16)],
            (250, 250, 246),
            soft=0.003,
            opacity=0.9,
            solid=False,
        )
        pt.paint([upper], lash, line=0.024, soft=0.004, solid=False)
        pt.paint([lower[2:-2]], shade, line=0.012, soft=0.006, opacity=0.45, solid=False)
        crease = [(x, y - 0.045) for x, y in upper[2:-2]]
        pt.paint([crease], shade, line=0.014, soft=0.01, opacity=0.4, solid=False)
        inner, peak, outer = (
            (side * 0.1 + t, f.eye_y - 0.16),
            (side * 0.3 + t, f.eye_y - 0.215),
            (side * 0.45 + t, f.eye_y - 0.18),
        )
        if p.mood == "neutral":
            peak = (peak[0], peak[1] + 0.012)
        th = f.brow
        brow = [
            inner,
            peak,
            outer,
            (outer[0] - side * 0.01, outer[1] + th * 0.4),
            (peak[0], peak[1] + th * 0.9),
            (inner[0], inner[1] + th),
        ]
        pt.paint([brow], mix(scale(hair, 0.8), skin, 0.25), soft=0.012, opacity=0.92, solid=False)


def draw_nose(pt: Painter, p: Portrait, f: Face, skin: Colour) -> None:
    """A nose suggested by a shadowed side, a soft base, nostrils and a highlight."""
    shade = shadow_of(skin)
    n = p.turn * 0.16
    pt.paint(
        [[(-p.key * 0.07 + n, f.eye_y - 0.06), (-p.key * 0.09 + n, f.eye_y + 0.3)]],
        shade,
        line=0.06,
        soft=0.04,
        opacity=0.3,
        solid=False,
    )
    pt.paint([ellipse(n, f.eye_y + 0.37, 0.12, 0.045)], shade, soft=0.03, opacity=0.35, solid=False)
    for side in (-1, 1):
        pt.paint(
            [ellipse(side * 0.065 + n, f.eye_y + 0.365, 0.028, 0.016, 20)],
            scale(shade, 0.75),
            soft=0.012,
            opacity=0.75,
            solid=False,
        )
    pt.paint(
        [ellipse(p.key * 0.02 + n, f.eye_y + 0.29, 0.045, 0.035, 24)],
        scale(skin, 1.15),
        soft=0.02,
        opacity=0.35,
        solid=False,
    )


MOODS = {  # mouth half-width, corner lift, opening
    "neutral": (0.19, 0.0, 0.0),
    "soft": (0.2, 0.014, 0.0),
    "smile": (0.235, 0.04, 0.03),
    "grin": (0.26, 0.05, 0.075),
}


def draw_mouth(pt: Painter, p: Portrait, f: Face, skin: Colour) -> None:
    """Lips (closed, a slight smile or a grin with teeth) and smile lines."""
    w, lift, gap = MOODS[p.mood]
    y0, n = f.mouth_y, p.turn * 0.13
    lip = scale(mix(skin, (160, 64, 72) if sum(skin) > 400 else (96, 44, 48), 0.32), 0.92)
    line_y = lambda x: y0 - lift * (x / w) ** 2 + (lift * 0.3 if gap else 0)
    xs = [w * (-1 + 2 * i / 20) for i in range(21)]
    mouth_line = [(x + n, line_y(x)) for x in xs]
    bow = [
        (
            x + n,
            line_y(x) - f.lips * max(0.0, 1 - (x / w) ** 2) ** 0.6 - 0.008 * math.exp(-(((abs(x) - 0.06) / 0.04) ** 2)),
        )
        for x in xs
    ]
    low_top = [(x + n, line_y(x) + gap * (1 - (x / w) ** 2)) for x in xs]
    low_bottom = [(x + n, y + f.lips * 1.35 * max(0.0, 1 - (x / w) ** 2) ** 0.7) for (x, y) in low_top]
    pt.paint([bow + mouth_line[::-1]], scale(lip, 0.88), soft=0.006, solid=False)
    if gap:
        opening = mouth_line + low_top[::-1]
        pt.paint([opening], (70, 30, 32), soft=0.005, solid=False)
        teeth = mouth_line + [(x, y + gap * 0.8 * (1 - ((x - n) / w) ** 2)) for x, y in mouth_line[::-1]]
        pt.paint([teeth], (222, 214, 202), soft=0.006, clip=[opening], form=0.05, shade=(150, 140, 130), solid=False)
    pt.paint([low_top + low_bottom[::-1]], lip, soft=0.007, form=0.03, shade=scale(lip, 0.75), solid=False)
    pt.paint([ellipse(n, y0 + gap + f.lips * 0.8, 0.08, 0.018)], scale(lip, 1.2), soft=0.015, opacity=0.3, solid=False)
    pt.paint([mouth_line], scale(lip, 0.45), line=0.011, soft=0.004, opacity=0.8, solid=False)
    shade = shadow_of(skin)
    pt.paint([ellipse(n, y0 + gap + f.lips * 1.6 + 0.05, 0.1, 0.03)], shade, soft=0.03, opacity=0.25, solid=False)
    if lift > 0.02:
        for side in (-1, 1):
            arc = [(side * (0.15 + 0.02 * k) + n, f.eye_y + 0.36 + 0.06 * k) for k in range(5)] + [
                (side * (w + 0.05) + n, y0 + 0.05)
            ]
            pt.paint([arc], shade, line=0.03, soft=0.03, opacity=0.22, solid=False)


def strands(rng: random.Random, size: tuple[int, int], curly: bool) -> Image.Image:
    """A texture for hair: long vertical streaks, or small curls."""
    w, h = size
    if curly:
        a = noise(rng, (w // 9, h // 9), size, 150, 255)
        b = noise(rng, (w // 4, h // 4), size, 190, 255)
        return ImageChops.multiply(a, b)
    a = noise(rng, (w // 3, h // 45), size, 165, 255)
    b = noise(rng, (w // 7, h // 90), size, 200, 255)
    return ImageChops.multiply(a, b)


def wobble(points: list[Point], amount: float, freq: float, phase: float) -> list[Point]:
    """Push a shape's outline in and out along x (finely subdivided first), for waves."""
    fine = []
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        fine += [(x0 + (x1 - x0) * k / 12, y0 + (y1 - y0) * k / 12) for k in range(12)]
    return [(x + amount * math.sin(freq * y + phase) * (1 if x > 0 else -1), y) for x, y in fine]


def bob(a: float, side: int) -> list[Point]:
    """One side of a chin-length bob: down the outside, curling under, back up beside the cheek."""
    outer = [(side * (a + 0.2) * math.cos(math.asin(max(-1.0, y / 1.08))), y) for y in (-0.5, -0.35, -0.15)]
    outer += [(side * (a + 0.22), 0.1), (side * (a + 0.22), 0.5), (side * (a + 0.18), 0.78), (side * (a + 0.08), 0.9)]
    inner = [
        (side * (a - 0.04), 0.9),
        (side * (a - 0.1), 0.8),
        (side * (a - 0.12), 0.4),
        (side * (a - 0.14), -0.1),
        (side * (a - 0.16), -0.35),
    ]
    return outer + inner


def cloud(cx: float, cy: float, rx: float, ry: float, bumps: int, depth: float) -> list[Point]:
    """A bumpy ellipse: the outline of curly or coily hair."""
    pts = []
    for i in range(160):
        t = 2 * math.pi * i / 160
        k = 1 + depth * abs(math.sin(bumps * t / 2)) ** 0.6
        pts.append((cx + rx * k * math.cos(t), cy + ry * k * math.sin(t)))
    return pts


def cap(
    f: Face, top: float, hairline: float, lift: float = 0.0, side: float = 0.15, sides: float = 0.04
) -> list[Point]:
    """Hair over the top of the head: top/sides thickness, a hairline, a quiff (lift), sideburns down to side."""
    rx, ry = f.width + sides, 1 + top
    pts = []
    for i in range(41):
        t = math.pi + math.pi * i / 40
        bump = lift * max(0.0, math.cos(t - 1.5 * math.pi + 0.4))
        pts.append((rx * math.cos(t), -0.08 + (ry + bump - 0.08) * math.sin(t)))
    if hairline > -0.45:  # a fringe cut straight across the forehead
        right = [(f.width - 0.01, side), (f.width - 0.1, side), (f.width - 0.1, hairline + 0.03), (0.14, hairline)]
    else:
        right = [
            (f.width - 0.01, side),
            (f.width - 0.07, side),
            (f.width - 0.07, -0.12),
            (f.width - 0.15, -0.3),
            (0.42, hairline + 0.1),
            (0.14, hairline),
        ]
    return pts + right + mirror(right)[::-1]


def draw_hair(pt: Painter, p: Portrait, f: Face, layer: str, tex: dict[str, Image.Image]) -> None:
    """The hair behind the head (layer "back") or over it ("front"), by style."""
    colour = HAIR[p.hair_colour]
    style = p.hair
    curly = style in ("coils", "curly", "puffs")
    paint = lambda shapes, **kw: pt.paint(
        shapes,
        colour,
        form=kw.pop("form", 0.3),
        shade=scale(colour, 0.45),
        texture=tex["curly" if curly else "straight"],
        **kw,
    )
    a = f.width
    length = {"long": 2.5, "wavy": 2.1, "locs": 2.6}.get(style, 0.0)
    if layer == "back":
        if length:
            back = ellipse(0, -0.1, a + 0.22, 1.08, 64)[32:] + [
                (a + 0.35, 1.2),
                (a + 0.5, length),
                (-a - 0.5, length),
                (-a - 0.35, 1.2),
            ]
            paint([wobble(back, 0.035, 5, 1) if style == "wavy" else back], soft=0.02)
        elif style == "bob":
            paint([bob(a, 1)[:-6] + bob(a, -1)[:-6][::-1]], soft=0.01)
        elif style == "coils":
            paint([cloud(0, -0.35, a + 0.42, 0.98, 22, 0.05)], soft=0.015, form=0.5)
        elif style == "curly":
            paint([cloud(0, -0.2, a + 0.3, 1.0, 18, 0.06)], soft=0.015, form=0.45)
        elif style == "puffs":
            for side in (-1, 1):
                paint([cloud(side * (a + 0.1), -0.75, 0.36, 0.34, 12, 0.07)], soft=0.015, form=0.3)
        elif style == "bun":
            paint([ellipse(0, -1.12, 0.32, 0.26)], soft=0.01, form=0.2)
        return
    if style == "bald":
        pt.paint(
            [ellipse(p.key * 0.2, -0.72, 0.28, 0.14)], scale(SKIN[p.skin], 1.15), soft=0.1, opacity=0.35, solid=False
        )
        if p.hair_colour in ("grey", "silver", "brown"):  # a thin fringe of hair above the ears
            for side in (-1, 1):
                pt.paint([ellipse(side * (a - 0.01), -0.15, 0.06, 0.26)], colour, soft=0.03, opacity=0.6)
        return
    if style in ("buzz", "short", "swept"):  # a soft, uneven hairline under the cap
        paint([cap(f, 0.02, -0.53, side=0.14, sides=0.02)], soft=0.035, opacity=0.45, form=0.1)
    if style == "buzz":
        paint([cap(f, 0.03, -0.58, side=0.05, sides=0.02)], soft=0.012, opacity=0.75, form=0.2)
    elif style == "short":
        paint([cap(f, 0.1, -0.56, lift=0.05, side=0.12, sides=0.05)], soft=0.012)
    elif style == "swept":
        paint([cap(f, 0.14, -0.6, lift=0.1, side=0.1)], soft=0.012)
        pt.paint(
            [[(-0.5, -1.0), (0.1, -1.2), (0.55, -0.95)]],
            scale(colour, 1.6),
            line=0.07,
            soft=0.05,
            opacity=0.35,
            solid=False,
        )
    elif style in ("slick", "bun"):
        paint([cap(f, 0.05, -0.62, side=-0.05, sides=0.03)], soft=0.01, form=0.25)
    elif curly:
        paint([cap(f, 0.1, -0.58, side=-0.1, sides=0.06)], soft=0.015, form=0.2)
    elif style == "bob":
        paint([cap(f, 0.14, -0.3, side=0.0, sides=0.14)], soft=0.01)
        paint([bob(a, -1), bob(a, 1)], soft=0.01)
    else:  # long, wavy, locs: a parted top and locks falling over the shoulders
        top = cap(f, 0.12, -0.6, lift=0.04, side=0.0, sides=0.1)
        paint([top], soft=0.01)
        locks = []
        for side in (-1, 1):
            lock = [
                (side * (a - 0.16), -0.5),
                (side * (a - 0.12), 0.2),
                (side * (a - 0.06), 0.75),
                (side * (a + 0.05), 1.3),
                (side * (a + 0.15), length),
                (side * (a + 0.55), length - 0.15),
                (side * (a + 0.48), 1.3),
                (side * (a + 0.26), 0.5),
                (side * (a + 0.14), -0.3),
            ]
            locks.append(wobble(lock, 0.035, 5, side) if style == "wavy" else lock)
            paint(locks[-1:], soft=0.012)
        part = p.key * 0.16
        pt.paint(
            [[(part, -1.08), (part * 1.1, -0.62)]], scale(colour, 0.5), line=0.02, soft=0.015, opacity=0.6, solid=False
        )
        if style == "locs":
            hair_shapes = [top] + locks
            for k in range(-9, 10):
                x = k * (a + 0.5) / 9
                pt.paint(
                    [[(x * 0.7, -1.2), (x, -0.4), (x * 1.08, length)]],
                    scale(colour, 2.4),
                    line=0.025,
                    soft=0.02,
                    opacity=0.3,
                    clip=hair_shapes,
                    solid=False,
                )
    # a soft sheen where the light catches the top of the head
    pt.paint(
        [[(p.key * 0.55, -0.7), (p.key * 0.3, -0.93), (0, -1.0)]],
        scale(colour, 1.9),
        line=0.08,
        soft=0.06,
        opacity=0.28,
        solid=False,
    )


def draw_facial_hair(pt: Painter, p: Portrait, f: Face, tex: dict[str, Image.Image]) -> None:
    """A trimmed beard or stubble along the jaw and above the lip, when the portrait asks for one."""
    if "beard" not in p.extras and "stubble" not in p.extras:
        return
    stubble = "stubble" in p.extras
    hair = scale(HAIR["grey" if p.hair_colour == "silver" else p.hair_colour], 0.85)
    y0, n = f.mouth_y, p.turn * 0.13
    jaw = sorted((q for q in head_outline(f, 0.02, 120) if q[1] > 0.22), key=lambda q: -math.atan2(q[1], q[0]))
    inner = [(f.width * 0.93, 0.22), (0.5, 0.5), (0.34, 0.64), (0.24, y0 + 0.14), (0.0, y0 + 0.15)]
    beard = jaw + inner + mirror(inner)[::-1][1:]
    tache = [
        (-0.27 + n, y0 + 0.02),
        (-0.2 + n, y0 - 0.08),
        (n, y0 - 0.11),
        (0.2 + n, y0 - 0.08),
        (0.27 + n, y0 + 0.02),
        (0.18 + n, y0 - 0.04),
        (n, y0 - 0.05),
        (-0.18 + n, y0 - 0.04),
    ]
    for shape in (beard, tache):
        pt.paint(
            [shape],
            hair,
            soft=0.035 if stubble else 0.02,
            opacity=0.3 if stubble else 0.9,
            texture=tex["curly"],
            form=0.15,
            shade=scale(hair, 0.6),
            solid=False,
        )


def draw_accessories(pt: Painter, p: Portrait, f: Face) -> None:
    """Glasses and earrings, when the portrait asks for them."""
    if "glasses" in p.extras:
        frame = (36, 30, 28)
        t = p.turn * 0.1
        for side in (-1, 1):
            ex = side * f.eye_x + t
            lens = [
                (ex - 0.19, f.eye_y - 0.11),
                (ex + 0.19, f.eye_y - 0.11),
                (ex + 0.17, f.eye_y + 0.11),
                (ex - 0.17, f.eye_y + 0.11),
                (ex - 0.19, f.eye_y - 0.11),
            ]
            pt.paint([lens], frame, line=0.028, soft=0.004, solid=False)
            pt.paint(
                [[(ex + side * 0.19, f.eye_y - 0.09), (side * f.width, f.eye_y - 0.02)]],
                frame,
                line=0.026,
                soft=0.004,
                solid=False,
            )
            pt.paint(
                [[(ex - 0.05, f.eye_y - 0.08), (ex + 0.08, f.eye_y - 0.02)]],
                (255, 255, 255),
                line=0.03,
                soft=0.03,
                opacity=0.18,
                solid=False,
            )
        pt.paint(
            [[(t - 0.11, f.eye_y - 0.06), (t, f.eye_y - 0.09), (t + 0.11, f.eye_y - 0.06)]],
            frame,
            line=0.028,
            soft=0.004,
            solid=False,
        )
    if "earrings" in p.extras and p.hair not in ("long", "wavy", "bob", "locs"):
        for side in (-1, 1):
            pt.paint(
                [ellipse(side * (f.width + 0.02), 0.38, 0.035, 0.035, 20)],
                (214, 176, 92),
                form=0.03,
                shade=(120, 90, 40),
                soft=0.004,
            )


def draw_sitter(p: Portrait, size: tuple[int, int], head: Point, r: float, rng: random.Random) -> Painter:
    """Paint the whole sitter, back to front, onto a fresh Painter."""
    pt = Painter(size, head, r, p.key, p.tilt)
    f = make_face(p.build, rng)
    skin = SKIN[p.skin]
    tex = {"straight": strands(rng, size, False), "curly": strands(rng, size, True)}
    draw_hair(pt, p, f, "back", tex)
    draw_body(pt, p, f, skin)
    draw_head(pt, p, f, skin)
    draw_eyes(pt, p, f, skin, HAIR[p.hair_colour])
    draw_nose(pt, p, f, skin)
    draw_mouth(pt, p, f, skin)
    draw_facial_hair(pt, p, f, tex)
    draw_hair(pt, p, f, "front", tex)
    draw_accessories(pt, p, f)
    return pt


# --- light and finish -------------------------------------------------------------


def light_sitter(pt: Painter, p: Portrait) -> Image.Image:
    """Light the sitter: key side to shadow side, falling off down the body, with a rim light."""
    hi, lo, spread, falloff, rim_colour, rim = LIGHTS[p.light]
    w, h = pt.size
    across = Image.new("L", (w, 1))
    across.putdata(ramp(w, lambda x: smoothstep(((x - pt.cx) / pt.r * -p.key + spread * 0.55) / spread)))
    down = Image.new("L", (1, h))
    down.putdata(ramp(h, lambda y: 1 - (1 - falloff / 255) * smoothstep((y - pt.cy - 1.3 * pt.r) / (h - pt.cy))))
    lightmap = ImageChops.multiply(across.resize(pt.size), down.resize(pt.size))
    rgb = Image.composite(
        ImageChops.multiply(pt.rgb, Image.new("RGB", pt.size, hi)),
        ImageChops.multiply(pt.rgb, Image.new("RGB", pt.size, lo)),
        lightmap,
    )
    if rim:
        shift = round(pt.r * 0.035)
        edge = ImageChops.subtract(pt.alpha, ImageChops.offset(pt.alpha, p.key * shift, shift // 2))
        edge = edge.filter(ImageFilter.GaussianBlur(pt.r * 0.012)).point([round(v * rim) for v in range(256)])
        rgb = Image.composite(ImageChops.screen(rgb, Image.new("RGB", pt.size, rim_colour)), rgb, edge)
    return rgb


def finish(img: Image.Image, rng: random.Random, grain: int) -> Image.Image:
    """Vignette, film grain and the SAMPLE mark."""
    w, h = img.size
    vignette = radial(img.size, (w / 2, h * 0.42), (w * 0.95, h * 0.85)).point(
        [200 + v * 55 // 255 for v in range(256)]
    )
    img = ImageChops.multiply(img, vignette.convert("RGB"))
    grains = Image.frombytes("L", img.size, rng.randbytes(w * h)).filter(ImageFilter.GaussianBlur(0.55))
    grains = grains.point([round(128 + (v - 128) * grain / 100) for v in range(256)])
    img = ImageChops.add(img, Image.merge("RGB", (grains, grains, grains)), 1.0, -128)
    return stamp(img)


def stamp(img: Image.Image) -> Image.Image:
    """A small, legible "SAMPLE · fictional" mark in the bottom-left corner."""
    size = round(min(img.size) * 0.022)
    font = ImageFont.load_default(size=size)
    left, top, right, bottom = font.getbbox(LABEL)
    margin, pad = size, size // 2
    x, y = margin, img.size[1] - margin - (bottom - top) - 2 * pad
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rounded_rectangle(
        (x, y, x + right - left + 2 * pad, y + bottom - top + 2 * pad), radius=pad, fill=(0, 0, 0, 120)
    )
    draw.text((x + pad - left, y + pad - top), LABEL, font=font, fill=(255, 255, 255, 235))
    return Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")


def render(p: Portrait, grain: int = 14) -> Image.Image:
    """Draw one portrait, from backdrop to grain."""
    rng = random.Random(p.file)
    w, h = p.size
    head = (p.frame[0] * w, p.frame[1] * h)
    r = p.frame[2] * h
    back = BACKDROPS.get(p.backdrop, seamless)(p, p.size, head, r, rng)
    pt = draw_sitter(p, p.size, head, r, rng)
    lit = light_sitter(pt, p)
    if p.backdrop in SEAMLESS:  # the sitter's soft shadow on the backdrop
        shadow = ImageChops.offset(pt.alpha, round(-p.key * 0.35 * r), round(0.1 * r)).filter(
            ImageFilter.GaussianBlur(0.5 * r)
        )
        back = Image.composite(ImageChops.multiply(back, Image.new("RGB", p.size, (190, 190, 192))), back, shadow)
    return finish(Image.composite(lit, back, pt.alpha), rng, grain)


def encode(p: Portrait) -> bytes:
    """JPEG bytes for a portrait, with less grain if the file would exceed MAX_BYTES."""
    for grain in (14, 10, 7, 4, 0):
        buf = io.BytesIO()
        render(p, grain).save(buf, "JPEG", quality=QUALITY, optimize=True)
        if buf.tell() <= MAX_BYTES:
            return buf.getvalue()
    raise SystemExit(f"{p.file}: still over {MAX_BYTES} bytes without grain")


def main(argv: list[str]) -> int:
    """Write every portrait (or only those of the slugs given) into photographers/<slug>/."""
    chosen = [p for p in PORTRAITS if not argv or p.slug in argv]
    unknown = set(argv) - {p.slug for p in PORTRAITS}
    if unknown:
        print(f"no sample portraits for: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for p in chosen:
        data = encode(p)
        path = OUT / p.slug / p.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}  {p.size[0]}x{p.size[1]}  {len(data) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
