// Small DOM helpers the page scripts share: build elements without innerHTML, vet URLs
// from data files, and draw a card photo from its data (thumbnails.picture.card_image).

/** el("a", { href, class: "x" }, "text", child): an element; null/false attributes are left out. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

/** plural(2, "look") -> "2 looks"; plural(1, "match", "matches") -> "1 match". */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Only root-relative or same-origin http(s) URLs from the data become links or images. */
export function safeUrl(value) {
  if (typeof value !== "string" || !value) return null;
  try {
    const url = new URL(value, window.location.href);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return value;
  } catch {
    return null;
  }
}

/** A card's photo (`<picture>` with AVIF, else `<img>`) from `{src, srcset, avif_srcset, alt, colour}`. */
export function cardPhoto(image, sizes) {
  const src = image && safeUrl(image.src);
  if (!src) return null;
  const img = el("img", {
    src, srcset: image.srcset || null, sizes: image.srcset ? sizes : null,
    alt: image.alt || "", width: 160, height: 200, loading: "lazy", decoding: "async",
  });
  if (/^#[0-9a-f]{6}$/i.test(image.colour || "")) img.style.backgroundColor = image.colour;
  if (!image.avif_srcset) return img;
  return el("picture", {}, el("source", { type: "image/avif", srcset: image.avif_srcset, sizes }), img);
}
