// The dev server's page script (headshots serve only; never in the output folder):
// the build's problems as an overlay on the open page, and a reload after a build that changed it.
// One tab per browser holds the event stream and passes each message to the others: a browser
// opens at most 6 connections to a server, and a stream per tab left the 7th tab loading forever.
(() => {
  const script = document.currentScript;
  const page = script.dataset.page;
  // The page's own address, and the one asked for (a 404 page stands in for a page not made yet).
  const here = [page, location.pathname, location.pathname.replace(/\/?$/, "/")];
  const version = Number(script.dataset.version);
  const ID = "headshots-dev-problems";
  let seen = null;

  function overlay(problems) {
    document.getElementById(ID)?.remove();
    if (!problems.length) return;
    const box = document.createElement("section");
    box.id = ID;
    box.setAttribute("role", "alert");
    Object.assign(box.style, {
      position: "fixed", inset: "0 0 auto 0", zIndex: "2147483647", maxHeight: "70vh", overflow: "auto",
      background: "#fff8f6", color: "#3b0d0c", borderBottom: "4px solid #b3261e", padding: "1rem 1.25rem",
      font: "15px/1.45 system-ui, sans-serif", boxShadow: "0 6px 24px rgb(0 0 0 / 0.25)",
    });
    const title = document.createElement("h2");
    title.textContent = "The last save could not be built: this page shows the last good build";
    Object.assign(title.style, { margin: "0 0 0.5rem", font: "600 17px/1.3 system-ui, sans-serif" });
    const lines = document.createElement("pre");
    lines.textContent = problems.join("\n");
    Object.assign(lines.style, { margin: "0", whiteSpace: "pre-wrap", overflowWrap: "anywhere", font: "14px/1.5 ui-monospace, monospace" });
    const hint = document.createElement("p");
    hint.textContent = "Fix the file and save: this goes away by itself.";
    hint.style.margin = "0.5rem 0 0";
    box.append(title, lines, hint);
    document.body.append(box);
  }

  function touches(changed) {
    return changed.includes("*") || here.some((address) => changed.includes(address));
  }

  function hear(state) {
    if (seen !== null && state.version < seen) return;  // an answer overtaken by a newer message
    overlay(state.problems);
    const first = seen === null;
    const newer = state.version !== (first ? version : seen);
    seen = state.version;
    // A build finished while this page loaded (first message), or one that changed it.
    if (newer && !state.problems.length && (first || touches(state.changed))) location.reload();
  }

  const tabs = "BroadcastChannel" in window ? new BroadcastChannel("headshots-dev") : null;

  function stream() {  // held until this page goes: the lock then passes to another tab
    return new Promise(() => {
      const events = new EventSource("/__headshots/events");
      events.onmessage = (message) => {
        const state = JSON.parse(message.data);
        tabs?.postMessage(state);
        hear(state);
      };
    });
  }

  if (tabs && navigator.locks) {  // (Web Locks need a secure context: 127.0.0.1 and localhost are)
    tabs.onmessage = (message) => hear(message.data);
    navigator.locks.request("headshots-dev-events", stream);
    fetch("/__headshots/state", { cache: "no-store" }).then((reply) => reply.json()).then(hear, () => {});
  } else {
    stream();
  }
})();
