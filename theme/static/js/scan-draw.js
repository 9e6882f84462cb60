// Drawing the actor's photo on canvases for /scan/: the only way the page shows it (no object
// URL, no data URL). Each function takes an ImageBitmap and draws; none keeps the photo.

import { el } from "./dom.js";
import { cropTo } from "./measure.js";

/** Draw the source rectangle of `image` into ctx at dw x dh, halving in steps so small thumbnails stay crisp. */
function drawScaled(ctx, image, sx, sy, sw, sh, dw, dh) {
  let source = image;
  let [x, y, w, h] = [sx, sy, sw, sh];
  while (w > dw * 2 && h > dh * 2) {
    const step = el("canvas", { width: Math.max(1, Math.round(w / 2)), height: Math.max(1, Math.round(h / 2)) });
    const stepCtx = step.getContext("2d");
    stepCtx.imageSmoothingQuality = "high";
    stepCtx.drawImage(source, x, y, w, h, 0, 0, step.width, step.height);
    source = step;
    [x, y, w, h] = [0, 0, step.width, step.height];
  }
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, x, y, w, h, 0, 0, dw, dh);
}

/** Draw `bitmap`'s centred 4:5 crop into `canvas` at its CSS size times the device pixel ratio. */
export function drawTile(canvas, bitmap, cssWidth, cssHeight) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const crop = cropTo(bitmap.width, bitmap.height);
  drawScaled(canvas.getContext("2d"), bitmap, crop.x, crop.y, crop.width, crop.height, canvas.width, canvas.height);
}

/** Draw the whole `bitmap` into `canvas`, at most `maxWidth` pixels wide; returns the scale. */
export function drawWhole(canvas, bitmap, maxWidth) {
  const scale = Math.min(1, maxWidth / bitmap.width, maxWidth * 1.5 / bitmap.height);
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  drawScaled(canvas.getContext("2d"), bitmap, 0, 0, bitmap.width, bitmap.height, canvas.width, canvas.height);
  return scale;
}

/** RGBA pixels of `bitmap` at most `side` px on its long side: enough for tone statistics. */
export function samplePixels(bitmap, side = 400) {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const canvas = el("canvas", {
    width: Math.max(1, Math.round(bitmap.width * scale)), height: Math.max(1, Math.round(bitmap.height * scale)),
  });
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  drawScaled(ctx, bitmap, 0, 0, bitmap.width, bitmap.height, canvas.width, canvas.height);
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** The photo with everything a 4:5 crop cuts shaded, and the crop outlined. */
export function drawCrop(canvas, bitmap, crop) {
  const scale = drawWhole(canvas, bitmap, 640);
  const ctx = canvas.getContext("2d");
  const [x, y, w, h] = [crop.x, crop.y, crop.width, crop.height].map((v) => v * scale);
  ctx.save();
  ctx.fillStyle = "rgba(20, 16, 12, 0.68)";
  ctx.beginPath();
  ctx.rect(0, 0, canvas.width, canvas.height);
  ctx.rect(x, y, w, h);
  ctx.fill("evenodd");
  const line = Math.max(2, Math.round(canvas.width / 160));
  ctx.lineWidth = line;
  ctx.strokeStyle = "#fff";
  ctx.setLineDash([line * 4, line * 3]);
  ctx.strokeRect(x + line / 2, y + line / 2, w - line, h - line);
  ctx.restore();
}

/** Outline each face (the largest in red, the others in grey) on a canvas showing the photo from
 * (x0, y0) at `scale` canvas px per photo px. */
export function drawFaceBoxes(canvas, faces, x0, y0, scale, width, height) {
  const ctx = canvas.getContext("2d");
  const line = Math.max(2, Math.round(canvas.width / 120));
  faces.forEach((face, index) => {
    const [left, top, right, bottom] = face.box;
    ctx.save();
    ctx.lineWidth = line;
    ctx.strokeStyle = index === 0 ? "#e0393e" : "#bdbdbd";
    ctx.strokeRect((left * width - x0) * scale, (top * height - y0) * scale,
      (right - left) * width * scale, (bottom - top) * height * scale);
    ctx.restore();
  });
}

/** Outline crops ([rect, colour, dashed]) on a canvas showing the whole photo at `scale`. */
export function drawCropOutlines(canvas, scale, outlines) {
  const ctx = canvas.getContext("2d");
  const line = Math.max(2, Math.round(canvas.width / 200));
  for (const [rect, colour, dashed] of outlines) {
    ctx.save();
    ctx.lineWidth = line;
    ctx.strokeStyle = colour;
    ctx.setLineDash(dashed ? [line * 4, line * 3] : []);
    ctx.strokeRect(rect.x * scale + line / 2, rect.y * scale + line / 2, rect.width * scale - line, rect.height * scale - line);
    ctx.restore();
  }
}
