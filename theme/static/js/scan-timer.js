// The five-second clock the scan pages share (/scan/, a photographer's scan page and
// casting-director mode): how long it runs, waiting for the grid's images, the countdown.
//
// The timer is five seconds; a test (or a curious reader) can shorten it with ?seconds=1 or
// the root's data-seconds attribute.

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
const sleep = (ms) => new Promise((resolve) => { window.setTimeout(resolve, ms); });

/** The countdown length: ?seconds=N, else data-seconds, else 5 (clamped to 1..60). */
export function scanSeconds(element) {
  const fromQuery = Number(new URLSearchParams(window.location.search).get("seconds"));
  const fromData = Number(element && element.dataset.seconds);
  const seconds = fromQuery || fromData || 5;
  return Math.min(60, Math.max(1, Math.round(seconds)));
}

/** "one second", "three seconds": what the live region says. */
export function secondsWord(n) {
  return `${NUMBER_WORDS[n] || n} second${n === 1 ? "" : "s"}`;
}

/** Start loading every image in `container` now and wait (at most `limit` ms) until they can paint. */
export async function imagesReady(container, limit = 4000) {
  const images = [...container.querySelectorAll("img")];
  for (const img of images) img.loading = "eager";
  const decoded = images.map((img) => img.decode().catch(() => undefined));
  await Promise.race([Promise.all(decoded), sleep(limit)]);
}

/** Bring `element` to the top of the screen; `instant` for the grid, whose clock is already running. */
export function scrollToTop(element, instant = false) {
  // "instant" also overrides a smooth `scroll-behavior` set in the site's CSS.
  element.scrollIntoView({ block: "start", behavior: instant || reducedMotion() ? "instant" : "smooth" });
}

/**
 * Run the visible countdown in `timer` (the macro in _scan_macros.html) for
 * `seconds`. Resolves true when it reaches zero, or false as soon as `signal`
 * (an AbortSignal, optional) aborts. The number changes once a second; the
 * polite live region speaks once a second, never faster.
 */
export function countdown(timer, seconds, signal = null) {
  const count = timer.querySelector("[data-count]");
  const bar = timer.querySelector("[data-bar]");
  const announce = timer.querySelector("[data-announce]");
  const still = reducedMotion();
  return new Promise((resolve) => {
    const start = performance.now();
    let shown = -1;
    let pending = 0;
    if (signal) {
      signal.addEventListener("abort", () => {
        window.clearTimeout(pending);
        resolve(false);
      }, { once: true });
    }
    bar.style.transition = "none";
    bar.style.transform = "scaleX(1)";
    if (!still) {
      // Start the smooth bar on the next frame, so the reset above takes effect first.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        bar.style.transition = `transform ${seconds}s linear`;
        bar.style.transform = "scaleX(0)";
      }));
    }
    const tick = () => {
      if (signal && signal.aborted) return;
      const elapsed = performance.now() - start;
      const left = Math.max(0, Math.ceil((seconds * 1000 - elapsed) / 1000));
      if (left !== shown) {
        shown = left;
        count.textContent = String(left);
        if (still) bar.style.transform = `scaleX(${left / seconds})`;
        announce.textContent = left === 0 ? "Time is up." : `${secondsWord(left)}${left === seconds ? " to look." : ""}`;
      }
      if (left === 0) {
        resolve(true);
        return;
      }
      // Wake at the next whole second.
      const untilNext = seconds * 1000 - elapsed - (left - 1) * 1000;
      pending = window.setTimeout(tick, Math.max(10, untilNext));
    };
    tick();
  });
}
