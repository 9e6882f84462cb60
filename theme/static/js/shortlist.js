// The shortlist: up to four photographers an actor keeps to compare side by side at /compare/.
// It lives in this browser's localStorage and nowhere else. Every toggle on a page
// (<button data-shortlist="<slug>" aria-pressed>: cards, profiles, search results) and the
// header's count follow it, in other tabs too. Without JavaScript the toggles never show.
import { el, plural } from "./dom.js";

export const SHORTLIST_MAX = 4;
const KEY = "firstlook:shortlist";
// A profile's slug: letters, digits and hyphens (headshots.text.slug), never a path.
const SLUG = /^[\p{L}\p{N}\p{M}-]{1,120}$/u;
const STATUS_MS = 8000;
let memory = []; // the shortlist when storage is blocked (some private modes): this page only

export const isSlug = (value) => typeof value === "string" && SLUG.test(value);

/** The slugs from a list, valid, once each, at most SHORTLIST_MAX, order kept. */
export function cleanSlugs(list) {
  return [...new Set(list.filter(isSlug))].slice(0, SHORTLIST_MAX);
}

export function readShortlist() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || "[]");
    if (Array.isArray(stored)) return cleanSlugs(stored);
  } catch {
    // storage blocked or a hand-edited value: fall back to this page's list
  }
  return cleanSlugs(memory);
}

export function writeShortlist(list) {
  memory = cleanSlugs(list);
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // storage blocked: the list lasts as long as the page
  }
  sync();
  document.dispatchEvent(new CustomEvent("shortlist:change", { detail: memory }));
}

const photographers = (count) => plural(count, "photographer");

/** Every toggle's aria-pressed and the header link's count, from the stored list. */
function sync() {
  const list = readShortlist();
  for (const button of document.querySelectorAll("button[data-shortlist]")) {
    button.setAttribute("aria-pressed", String(list.includes(button.dataset.shortlist)));
  }
  for (const link of document.querySelectorAll("[data-shortlist-link]")) {
    link.querySelector("[data-shortlist-count]").textContent = list.length ? String(list.length) : "";
    link.setAttribute("aria-label", `Shortlist: ${list.length ? photographers(list.length) : "empty"}`);
  }
}

let statusTimer;

/** Say what a toggle did, in the page's live region (a toast for sighted readers). */
function announce(message, count) {
  const status = document.querySelector("[data-shortlist-status]");
  if (!status) return;
  const link = document.querySelector("[data-shortlist-link]");
  status.replaceChildren(el("span", {}, message));
  if (count && link && !window.location.pathname.endsWith(new URL(link.href).pathname)) {
    status.append(" ", el("a", { href: link.href }, `Compare ${photographers(count)}`));
  }
  clearTimeout(statusTimer);
  const hide = () => {
    if (status.matches(":hover, :focus-within")) statusTimer = setTimeout(hide, STATUS_MS);
    else status.replaceChildren();
  };
  statusTimer = setTimeout(hide, STATUS_MS);
}

function toggle(button) {
  const slug = button.dataset.shortlist;
  const name = (button.querySelector(".visually-hidden") || button).textContent.trim();
  const list = readShortlist();
  if (list.includes(slug)) {
    const rest = list.filter((item) => item !== slug);
    writeShortlist(rest);
    announce(`${name} is off your shortlist (${rest.length} of ${SHORTLIST_MAX}).`, rest.length);
  } else if (list.length >= SHORTLIST_MAX) {
    announce(`Your shortlist is full: it holds ${SHORTLIST_MAX} photographers. Take one off to add ${name}.`, list.length);
  } else {
    writeShortlist([...list, slug]);
    announce(`${name} is on your shortlist (${list.length + 1} of ${SHORTLIST_MAX}).`, list.length + 1);
  }
}

/** A toggle for a card drawn in the browser: the same markup as the theme's (_theme_macros.html). */
export function shortlistToggle(slug, name) {
  return el(
    "button",
    {
      type: "button", class: "shortlist-toggle", "data-shortlist": slug,
      "aria-pressed": String(readShortlist().includes(slug)),
    },
    el("span", { class: "shortlist-toggle__icon", "aria-hidden": "true" }),
    "Shortlist",
    el("span", { class: "visually-hidden" }, ` ${name}`),
  );
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-shortlist]");
  if (button) toggle(button);
});
window.addEventListener("storage", (event) => {
  if (event.key === KEY || event.key === null) sync();
});
sync();
