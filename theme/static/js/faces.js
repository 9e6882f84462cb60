// Faces in the actor's photo, found in the browser: MediaPipe's BlazeFace (the back-camera,
// full-range model: the same family as the build's check, headshots.thumbnails.faces) run by
// TensorFlow.js's WebAssembly backend. Every file is the site's own (theme/static/vendor/face/,
// README there): plain same-origin GETs, and only once scan-own.js imports this module, after the
// actor has picked a photo. The photo itself is only drawn on a canvas here; nothing is sent.
//
// A face is plain data in 0..1 of the upright photo, as the build keeps it:
// {box: [left, top, right, bottom], eyes: [[x, y], [x, y]], score}, largest first. Which
// detections count as faces is the build's rule (face-rule.js).
import * as tf from "../vendor/face/tfjs.esm.js";
import { el } from "./dom.js";
import { isFace, needsSecondOpinion, overlap } from "./face-rule.js";

const VENDOR = new URL("../vendor/face/", import.meta.url).href;
const INPUT = 256;
// MediaPipe's anchors for this model: a 16 x 16 grid with 2 anchors a cell, then 8 x 8 with 6.
const LAYERS = [{ grid: 16, anchors: 2 }, { grid: 8, anchors: 6 }];
let loading = null;

function load() {
  if (!loading) {
    loading = (async () => {
      tf.setWasmPaths(VENDOR);
      if (!(await tf.setBackend("wasm"))) await tf.setBackend("cpu");
      await tf.ready();
      return tf.loadGraphModel(`${VENDOR}blazeface.json`);
    })();
  }
  return loading;
}

function anchorCentres() {
  const centres = [];
  for (const { grid, anchors } of LAYERS) {
    for (let row = 0; row < grid; row += 1) {
      for (let col = 0; col < grid; col += 1) {
        for (let a = 0; a < anchors; a += 1) centres.push([(col + 0.5) / grid, (row + 0.5) / grid]);
      }
    }
  }
  return centres;
}

const area = (face) => (face.box[2] - face.box[0]) * (face.box[3] - face.box[1]);
const clamp01 = (value) => Math.min(1, Math.max(0, value));

/** The model's raw output for `bitmap` drawn into its square (mirrored left to right if asked). */
async function run(model, bitmap, mirrored) {
  const scale = INPUT / Math.max(bitmap.width, bitmap.height);
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const ox = Math.floor((INPUT - w) / 2);
  const oy = Math.floor((INPUT - h) / 2);
  const canvas = el("canvas", { width: INPUT, height: INPUT });
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  if (mirrored) ctx.setTransform(-1, 0, 0, 1, INPUT, 0);
  ctx.drawImage(bitmap, ox, oy, w, h);
  const input = tf.tidy(() => tf.expandDims(tf.sub(tf.div(tf.browser.fromPixels(canvas), 127.5), 1), 0));
  const outputs = model.execute(input);
  input.dispose();
  // Two score tensors ([1, n, 1]) and two box tensors ([1, n, 16]): the 16 x 16 grid's n is 512.
  const byKind = { 1: {}, 16: {} };
  for (const tensor of outputs) byKind[tensor.shape[2]][tensor.shape[1]] = tensor;
  const logits = [];
  const boxes = [];
  for (const n of LAYERS.map(({ grid, anchors }) => grid * grid * anchors)) {
    logits.push(...(await byKind[1][n].data()));
    const data = await byKind[16][n].data();
    for (let i = 0; i < n; i += 1) boxes.push(data.subarray(i * 16, i * 16 + 16));
  }
  outputs.forEach((tensor) => tensor.dispose());
  return { logits, boxes, w, h, ox, oy };
}

/**
 * Every detection in `bitmap` (an upright ImageBitmap) scoring at least the rule's lowest face
 * score, largest first, with the model's points the rule reads, in 0..1 of the photo: eyes (the
 * subject's right first), nose, mouth. Two detections overlapping by more than `rules.overlap`
 * (intersection over union: the build's OVERLAP) are one. The photo is letterboxed into the model's square, as the build
 * does, so its shape is kept; `mirrored` runs the model on the photo flipped left to right and
 * maps what it finds back (the rule's second opinion).
 */
async function candidates(bitmap, rules, mirrored = false) {
  const { logits, boxes, w, h, ox, oy } = await run(await load(), bitmap, mirrored);
  const centres = anchorCentres();
  const flip = (x) => (mirrored ? 1 - x : x);
  // From the model's square (0..1) back to the photo's 0..1.
  const point = (index, k) => [
    flip(((boxes[index][4 + 2 * k] / INPUT + centres[index][0]) * INPUT - ox) / w),
    ((boxes[index][5 + 2 * k] / INPUT + centres[index][1]) * INPUT - oy) / h,
  ];
  const ranked = logits
    .map((logit, index) => ({ index, score: 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, logit)))) }))
    .filter((item) => item.score >= rules.face.minScore)
    .sort((a, b) => b.score - a.score);
  const found = [];
  for (const { index, score } of ranked) {
    const cx = flip(((boxes[index][0] / INPUT + centres[index][0]) * INPUT - ox) / w);
    const cy = ((boxes[index][1] / INPUT + centres[index][1]) * INPUT - oy) / h;
    const halfW = (boxes[index][2] / 2) / w;
    const halfH = (boxes[index][3] / 2) / h;
    const box = [cx - halfW, cy - halfH, cx + halfW, cy + halfH];
    if (found.some((face) => overlap(box, face.box) > rules.overlap)) continue;
    const [a, b] = [point(index, 0), point(index, 1)];
    found.push({
      box: box.map(clamp01),
      // mirrored, the model's "right eye" is the subject's left: swap back
      eyes: mirrored ? [b, a] : [a, b],
      nose: point(index, 2),
      mouth: point(index, 3),
      score,
    });
  }
  return found.sort((a, b) => area(b) - area(a));
}

/**
 * Every face in `bitmap` (an upright ImageBitmap), by the build's rule: `rules` are FACE_RULES
 * (headshots.thumbnails.faces.BROWSER_RULES). The mirrored photo is read only when a candidate
 * needs the second opinion.
 */
export async function detectFaces(bitmap, rules) {
  const found = await candidates(bitmap, rules);
  const mirrored = found.some((face) => needsSecondOpinion(face, rules.face))
    ? await candidates(bitmap, rules, true)
    : [];
  return found
    .filter((face) => isFace(face, bitmap.width, bitmap.height, rules.face, mirrored))
    .map(({ box, eyes, score }) => ({ box, eyes, score }));
}
