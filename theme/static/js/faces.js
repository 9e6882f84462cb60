// Faces in the actor's photo, found in the browser: MediaPipe's BlazeFace (the back-camera,
// full-range model: the same family as the build's check, headshots.thumbnails.faces) run by
// TensorFlow.js's WebAssembly backend. Every file is the site's own (theme/static/vendor/face/,
// README there): plain same-origin GETs, and only once scan-own.js imports this module, after the
// actor has picked a photo. The photo itself is only drawn on a canvas here; nothing is sent.
//
// A face is plain data in 0..1 of the upright photo, as the build keeps it:
// {box: [left, top, right, bottom], eyes: [[x, y], [x, y]], score}, largest first.
import * as tf from "../vendor/face/tfjs.esm.js";
import { el } from "./dom.js";

const VENDOR = new URL("../vendor/face/", import.meta.url).href;
const INPUT = 256;
// MediaPipe's anchors for this model: a 16 x 16 grid with 2 anchors a cell, then 8 x 8 with 6.
const LAYERS = [{ grid: 16, anchors: 2 }, { grid: 8, anchors: 6 }];
// A detection counts as a face from this score. The build's full-range model uses MediaPipe's 0.5;
// this model, at 0.5, found "faces" in scikit-image's coffee cup (0.66) and a logo (0.65), while
// every sample headshot scores 0.84 or more and the cameraman 0.77.
const MIN_SCORE = 0.7;

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

function overlap(a, b) {
  const width = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const height = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = width * height;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

const area = (face) => (face.box[2] - face.box[0]) * (face.box[3] - face.box[1]);
const clamp01 = (value) => Math.min(1, Math.max(0, value));

/**
 * Every face in `bitmap` (an upright ImageBitmap); two detections overlapping by more than
 * `maxOverlap` (intersection over union: the build's OVERLAP) are one face. The photo is
 * letterboxed into the model's square, as the build does, so its shape is kept.
 */
export async function detectFaces(bitmap, maxOverlap) {
  const model = await load();
  const scale = INPUT / Math.max(bitmap.width, bitmap.height);
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const ox = Math.floor((INPUT - w) / 2);
  const oy = Math.floor((INPUT - h) / 2);
  const canvas = el("canvas", { width: INPUT, height: INPUT });
  const ctx = canvas.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, ox, oy, w, h);
  const input = tf.tidy(() => tf.expandDims(tf.sub(tf.div(tf.browser.fromPixels(canvas), 127.5), 1), 0));
  const outputs = model.execute(input);
  input.dispose();
  // Two score tensors ([1, n, 1]) and two box tensors ([1, n, 16]): the 16 x 16 grid's n is 512.
  const byKind = { 1: {}, 16: {} };
  for (const tensor of outputs) byKind[tensor.shape[2]][tensor.shape[1]] = tensor;
  const order = LAYERS.map(({ grid, anchors }) => grid * grid * anchors);
  const logits = [];
  const boxes = [];
  for (const n of order) {
    logits.push(...(await byKind[1][n].data()));
    const data = await byKind[16][n].data();
    for (let i = 0; i < n; i += 1) boxes.push(data.subarray(i * 16, i * 16 + 16));
  }
  outputs.forEach((tensor) => tensor.dispose());
  const centres = anchorCentres();
  // From the model's square (0..1) back to the photo's 0..1.
  const point = (index, dx, dy) => [
    ((boxes[index][dx] / INPUT + centres[index][0]) * INPUT - ox) / w,
    ((boxes[index][dy] / INPUT + centres[index][1]) * INPUT - oy) / h,
  ];
  const ranked = logits
    .map((logit, index) => ({ index, score: 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, logit)))) }))
    .filter((item) => item.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);
  const found = [];
  for (const { index, score } of ranked) {
    const [cx, cy] = point(index, 0, 1);
    const halfW = (boxes[index][2] / 2) / w;
    const halfH = (boxes[index][3] / 2) / h;
    const box = [cx - halfW, cy - halfH, cx + halfW, cy + halfH];
    if (found.some((face) => overlap(box, face.box) > maxOverlap)) continue;
    found.push({ box: box.map(clamp01), eyes: [point(index, 4, 5), point(index, 6, 7)], score });
  }
  return found.sort((a, b) => area(b) - area(a));
}
