// The five-second scan's measurements: pure functions, no DOM, no network.
//
// Everything here takes plain numbers or a typed array of RGBA pixels
// (ImageData.data) and returns plain objects, so it runs the same in the page,
// in a worker or under a test that imports this module.
//
// Thresholds (chosen for this site, written down here so they stay honest):
// - a ratio within 2% of 4:5 "matches" (platforms crop to 8 x 10 = 4:5);
// - luma >= 250 counts as a clipped highlight, luma <= 5 as a crushed shadow;
//   more than 5% of the frame in either is worth a look (a pure white or
//   black backdrop can do this on purpose, so it is "check", never "fail");
// - contrast is the spread between the 5th and 95th luma percentiles:
//   under 90 (of 255) reads flat and grey at thumbnail size;
// - colour is the mean chroma (max(R,G,B) - min(R,G,B)); under 6 the photo is
//   black and white (or as good as: a faint sepia tone included).
// - 1 MB = 1,048,576 bytes (how upload forms count).

export const TARGET_RATIO = 4 / 5;
export const RATIO_TOLERANCE = 0.02;
export const CLIP_HIGH = 250;
export const CRUSH_LOW = 5;
export const EXPOSURE_WARN_PERCENT = 5;
export const FLAT_SPREAD = 90;
export const MONO_CHROMA = 6;
export const MB = 1024 * 1024;
export const KB = 1024;

const NAMED_RATIOS = [
  [4, 5], [5, 7], [2, 3], [3, 4], [1, 1], [5, 4], [4, 3], [3, 2], [16, 9], [2, 1], [9, 16],
];

function gcd(a, b) {
  a = Math.abs(Math.round(a));
  b = Math.abs(Math.round(b));
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

function assertSize(width, height) {
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new RangeError(`width and height must be positive numbers, got ${width} x ${height}`);
  }
}

/** "portrait", "landscape" or "square". */
export function orientation(width, height) {
  assertSize(width, height);
  if (width === height) return "square";
  return width < height ? "portrait" : "landscape";
}

/**
 * The aspect ratio as a label a person recognises: exact small ratios
 * ("4:5", "2:1"), the nearest common photo ratio within 1% ("about 2:3"),
 * or a decimal ("0.71:1").
 */
export function aspectRatio(width, height) {
  assertSize(width, height);
  const ratio = width / height;
  const divisor = gcd(width, height);
  const [w, h] = [Math.round(width / divisor), Math.round(height / divisor)];
  const exact = NAMED_RATIOS.find(([a, b]) => a === w && b === h) || (w <= 20 && h <= 20 ? [w, h] : null);
  let label;
  let approximate = false;
  if (exact) {
    label = `${exact[0]}:${exact[1]}`;
  } else {
    const near = NAMED_RATIOS.find(([a, b]) => Math.abs(ratio / (a / b) - 1) <= 0.01);
    if (near) {
      label = `${near[0]}:${near[1]}`;
      approximate = true;
    } else {
      label = `${ratio.toFixed(2)}:1`;
    }
  }
  return { ratio, label, approximate, orientation: orientation(width, height) };
}

/**
 * The largest 4:5 (or `ratio`) rectangle inside width x height, centred on
 * the focal point (fx, fy in 0..1; default: the centre) and kept inside the frame.
 * Returns the rectangle in source pixels, what it cuts from each side and the
 * share of the picture it keeps.
 */
export function cropTo(width, height, ratio = TARGET_RATIO, focus = [0.5, 0.5]) {
  assertSize(width, height);
  const [fx, fy] = focus;
  let cropWidth;
  let cropHeight;
  if (width / height > ratio) {
    cropHeight = height;
    cropWidth = Math.round(height * ratio);
  } else {
    cropWidth = width;
    cropHeight = Math.round(width / ratio);
  }
  cropWidth = Math.min(cropWidth, width);
  cropHeight = Math.min(cropHeight, height);
  const clamp = (value, max) => Math.max(0, Math.min(max, value));
  const x = Math.round(clamp(fx * width - cropWidth / 2, width - cropWidth));
  const y = Math.round(clamp(fy * height - cropHeight / 2, height - cropHeight));
  return {
    x, y, width: cropWidth, height: cropHeight,
    cut: { left: x, right: width - x - cropWidth, top: y, bottom: height - y - cropHeight },
    keptPercent: (100 * cropWidth * cropHeight) / (width * height),
  };
}

/**
 * How the frame compares with 4:5: "pass" within RATIO_TOLERANCE, else "check". Never "fail":
 * whether a crop spoils the photo depends on where the face is (face-measure.js).
 */
export function compareTo45(width, height) {
  const { ratio, label, orientation: shape } = aspectRatio(width, height);
  const crop = cropTo(width, height);
  const off = Math.abs(ratio / TARGET_RATIO - 1);
  const status = off <= RATIO_TOLERANCE ? "pass" : "check";
  return { status, label, orientation: shape, offPercent: 100 * off, keptPercent: crop.keptPercent, crop };
}

/** Rec. 709 luma of one gamma-encoded sRGB pixel, 0..255. */
export function luma(r, g, b) {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The value below which `fraction` of the histogram's pixels fall. */
export function percentile(histogram, fraction) {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (!total) return 0;
  const target = fraction * total;
  let seen = 0;
  for (let value = 0; value < histogram.length; value += 1) {
    seen += histogram[value];
    if (seen >= target) return value;
  }
  return histogram.length - 1;
}

/**
 * Tone and colour from RGBA pixels (ImageData.data, or any array of
 * r,g,b,a quadruples). Fully transparent pixels are skipped.
 * Returns the 256-bin luma histogram, clipped highlights and crushed shadows
 * in %, mean and standard deviation of luma, the 5th/95th percentiles and
 * their spread (contrast), mean chroma and whether the picture is colour.
 */
export function toneStats(rgba) {
  const histogram = new Array(256).fill(0);
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  let chroma = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) continue;
    const r = rgba[i];
    const g = rgba[i + 1];
    const b = rgba[i + 2];
    const y = luma(r, g, b);
    histogram[Math.min(255, Math.round(y))] += 1;
    sum += y;
    sumSquares += y * y;
    chroma += Math.max(r, g, b) - Math.min(r, g, b);
    count += 1;
  }
  if (!count) throw new RangeError("no visible pixels to measure");
  const mean = sum / count;
  const stdDev = Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
  let clipped = 0;
  for (let v = CLIP_HIGH; v < 256; v += 1) clipped += histogram[v];
  let crushed = 0;
  for (let v = 0; v <= CRUSH_LOW; v += 1) crushed += histogram[v];
  const p5 = percentile(histogram, 0.05);
  const p95 = percentile(histogram, 0.95);
  const meanChroma = chroma / count;
  return {
    histogram, pixels: count, mean, stdDev, p5, p95, spread: p95 - p5,
    clippedPercent: (100 * clipped) / count,
    crushedPercent: (100 * crushed) / count,
    meanChroma,
    colour: meanChroma >= MONO_CHROMA,
  };
}

/** Exposure and contrast verdicts from toneStats(): each { status, ... }. */
export function judgeTone(stats) {
  const highlights = stats.clippedPercent > EXPOSURE_WARN_PERCENT ? "check" : "pass";
  const shadows = stats.crushedPercent > EXPOSURE_WARN_PERCENT ? "check" : "pass";
  const contrast = stats.spread < FLAT_SPREAD ? "check" : "pass";
  return { highlights, shadows, contrast };
}

/** The one casting-thumbnail size the report speaks of: a 4:5 tile `width` px wide ("96 × 120 px"). */
export function castingSize(width) {
  return `${width} × ${Math.round((width * 5) / 4)} px`;
}

/** "1.4 MB", "320 KB", "900 bytes". */
export function formatBytes(bytes) {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= KB) return `${Math.round(bytes / KB)} KB`;
  return `${bytes} bytes`;
}

/** The file format from a MIME type or, failing that, the file name. */
export function fileFormat(type, name = "") {
  const byType = {
    "image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WebP",
    "image/heic": "HEIC", "image/heif": "HEIF", "image/avif": "AVIF", "image/tiff": "TIFF",
  };
  if (byType[type]) return byType[type];
  const extension = (name.split(".").pop() || "").toLowerCase();
  const byExtension = {
    jpg: "JPEG", jpeg: "JPEG", png: "PNG", gif: "GIF", webp: "WebP", heic: "HEIC",
    heif: "HEIF", avif: "AVIF", tif: "TIFF", tiff: "TIFF",
  };
  return byExtension[extension] || "unknown";
}

const RANK = { pass: 0, check: 1, fail: 2 };

/** The worst of several statuses ("info" and unknown ones are ignored). */
export function worst(statuses) {
  return statuses.reduce((a, b) => (b in RANK && RANK[b] > RANK[a] ? b : a), "pass");
}

/**
 * Casting-director arithmetic: `reviewed` headshots in `seconds` of review.
 * Returns seconds per headshot and the hours `total` submissions take at
 * that pace and at `standard` seconds each (5,000 at 5 s is about 7 hours).
 */
export function castingArithmetic(reviewed, seconds, total = 5000, standard = 5) {
  const perHeadshot = reviewed > 0 ? seconds / reviewed : standard;
  return {
    perHeadshot,
    hoursAtYourPace: (perHeadshot * total) / 3600,
    hoursAtStandard: (standard * total) / 3600,
  };
}
