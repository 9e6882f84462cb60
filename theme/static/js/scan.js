// The five-second scan's page entry: /scan/ (the actor's own headshot, scan-own.js, with
// "photographers near you", city-picker.js) and /photographers/<slug>/scan/ (a photographer's
// headshots among others, scan-photographer.js). Other pages import the shared clock from
// scan-timer.js, never from here.

import { cityPicker } from "./city-picker.js";
import { ownScan } from "./scan-own.js";
import { photographerScan } from "./scan-photographer.js";

const root = document.querySelector("[data-scan]");
if (root) {
  root.classList.add("has-js");
  if (root.dataset.scan === "own") {
    ownScan(root);
    cityPicker(root);
  } else if (root.dataset.scan === "photographer") {
    photographerScan(root);
  }
}
