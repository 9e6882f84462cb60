#!/usr/bin/env node
// The sharp side of `make bench` (scripts/bench_thumbnails.py drives it).
//
// Reads one job as JSON on stdin, makes exactly the renditions the Python
// side planned with headshots.thumbnails.plan.make_plan (same crop boxes,
// widths, heights, formats, encoder settings mapped to sharp's names), and
// prints JSON on stdout: {"seconds": wall time of the image work, "files":
// [[kind, width, fmt, path], ...], "versions": sharp.versions, "threads"}.
// Nothing about the renditions is decided here.
//
// Job: {"images_at_once": 2, "threads": 1,
//       "encoders": {"avif": {...}, "webp": {...}, "jpeg": {...}},  // sharp options per format
//       "sources": [{"path", "size": [w, h], "box": [l, t, r, b],     // box in source pixels
//                    "renditions": [{"kind", "width", "height", "fmt", "out"}],
//                    "og": {"width", "height", "inset": [w, h], "out"} | null}]}
//
// Per source, the way a careful sharp user would do it: one decode, with
// libjpeg shrink-on-load (resize the whole image, then extract the crop,
// so sharp may shrink on load; a pre-resize extract would disable it) to the
// largest rendition, kept as raw pixels; every smaller size resized from
// that (Lanczos 3, sharp's default), each size encoded to its formats from
// its raw pixels. The Open Graph card is the 4:5 inset composited on the
// smallest rendition's mean colour, as ours. Sources are assumed upright
// (no EXIF orientation): the bench generates them.
//
// Concurrency: `images_at_once` sources in flight (the bench passes its
// worker count, 2), each with `threads` libvips threads (sharp.concurrency;
// the bench passes cores / images_at_once, which is also sharp's own default
// on glibc), so sharp uses the cores exactly as our process pool does.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'tools', 'package.json'));
const sharp = require('sharp');

const job = JSON.parse(readFileSync(0, 'utf8'));
sharp.concurrency(job.threads);

const raw = (image) => image.raw().toBuffer({ resolveWithObject: true });
const fromRaw = ({ data, info }) =>
  sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

function nearInt (value, what) {
  const rounded = Math.round(value);
  if (Math.abs(rounded - value) > 0.01) {
    process.stderr.write(`bench_sharp: ${what} ${value} is not a whole pixel; rounded to ${rounded}\n`);
  }
  return rounded;
}

async function renderSource (source, files) {
  const [fullW, fullH] = source.size;
  const [left, top, right, bottom] = source.box;
  const sizes = [...new Map(source.renditions.map((r) => [`${r.width}x${r.height}`, [r.width, r.height]])).values()]
    .sort((a, b) => b[0] - a[0]);
  const [topW, topH] = sizes[0];
  const scale = topW / (right - left);
  let pipeline = sharp(source.path);
  const wholeImage = left === 0 && top === 0 && right === fullW && bottom === fullH;
  if (wholeImage) {
    pipeline = pipeline.resize(topW, topH, { fit: 'fill' });
  } else {
    pipeline = pipeline
      .resize(nearInt(fullW * scale, 'scaled width'), nearInt(fullH * scale, 'scaled height'), { fit: 'fill' })
      .extract({ left: nearInt(left * scale, 'crop left'), top: nearInt(top * scale, 'crop top'), width: topW, height: topH });
  }
  const master = await raw(pipeline);
  const made = new Map([[`${topW}x${topH}`, master]]);
  for (const [width, height] of sizes.slice(1)) {
    made.set(`${width}x${height}`, await raw(fromRaw(master).resize(width, height, { fit: 'fill' })));
  }
  for (const [width, height] of sizes) {
    const pixels = made.get(`${width}x${height}`);
    for (const r of source.renditions.filter((r) => r.width === width && r.height === height)) {
      await fromRaw(pixels)[r.fmt](job.encoders[r.fmt]).toFile(r.out);
      files.push([r.kind, r.width, r.fmt, r.out]);
    }
  }
  if (source.og) {
    const { width, height, inset: [insetW, insetH], out } = source.og;
    const inset = await raw(fromRaw(master).resize(insetW, insetH, { fit: 'fill' }));
    const smallest = made.get(`${sizes.at(-1)[0]}x${sizes.at(-1)[1]}`);
    const { channels } = await fromRaw(smallest).stats();
    const [r, g, b] = channels.map((c) => Math.round(c.mean));
    await sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
      .composite([{ input: inset.data, raw: { width: insetW, height: insetH, channels: inset.info.channels }, left: (width - insetW) >> 1, top: (height - insetH) >> 1 }])
      .jpeg(job.encoders.jpeg)
      .toFile(out);
    files.push(['og', width, 'jpeg', out]);
  }
}

const started = process.hrtime.bigint();
const files = [];
const queue = [...job.sources];
await Promise.all(Array.from({ length: Math.max(1, job.images_at_once) }, async () => {
  while (queue.length) await renderSource(queue.shift(), files);
}));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ seconds, files, versions: sharp.versions, threads: sharp.concurrency() }) + '\n');
