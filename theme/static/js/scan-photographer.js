// /photographers/<slug>/scan/: that photographer's headshots scattered among others for five
// seconds, then large. The start button is hidden in the HTML and shown here, so a browser
// without JavaScript never offers a button that does nothing (the page's <noscript> says why).

import { randomInt, visibleTiles } from "./scan-grid.js";
import { countdown, imagesReady, scanSeconds, scrollToTop } from "./scan-timer.js";

/** Scatter the photographer's tiles (data-mine) over random places a viewer can see. */
function shuffle(grid) {
  const tiles = [...grid.children];
  const mine = tiles.filter((t) => t.hasAttribute("data-mine"));
  const others = tiles.filter((t) => !t.hasAttribute("data-mine"));
  const visible = Math.max(1, visibleTiles(grid).length);
  const slots = new Set();
  while (slots.size < Math.min(mine.length, visible)) slots.add(randomInt(visible));
  const order = [];
  for (let i = 0; i < tiles.length; i += 1) {
    order.push(slots.has(i) && mine.length ? mine.shift() : others.shift() || mine.shift());
  }
  grid.replaceChildren(...order.filter(Boolean));
}

export function photographerScan(root) {
  const start = root.querySelector("[data-start]");
  const stage = root.querySelector("[data-stage]");
  const grid = root.querySelector("[data-grid]");
  const timer = stage.querySelector(".scan-timer");
  const results = root.querySelector("[data-results]");
  const seconds = scanSeconds(root);
  root.querySelectorAll("[data-count]").forEach((count) => { count.textContent = String(seconds); });
  let running = false;
  start.hidden = false;

  start.addEventListener("click", async () => {
    if (running) return;
    running = true;
    results.hidden = true;
    start.disabled = true;
    start.textContent = "Getting the grid ready…";
    await imagesReady(grid);
    shuffle(grid);
    stage.hidden = false;
    scrollToTop(stage, true);
    stage.querySelector("h2").focus({ preventScroll: true });
    await countdown(timer, seconds);
    stage.hidden = true;
    results.hidden = false;
    start.disabled = false;
    start.textContent = "Run the five seconds again";
    await imagesReady(results, 1500);
    scrollToTop(results);
    results.querySelector("h2").focus({ preventScroll: true });
    running = false;
  });
}
