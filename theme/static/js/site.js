// First Look: site-wide behaviour. Tiny on purpose; everything works without it.
// The "/" key jumps to the header search box, unless the reader is typing somewhere.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("site-search");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
  // Each headshot's placeholder (its average colour, or a tiny blurred copy) behind it while it
  // loads: set here, not in a style attribute, which the Content-Security-Policy refuses.
  var pictures = document.querySelectorAll("img[data-placeholder]");
  for (var i = 0; i < pictures.length; i++) {
    var img = pictures[i];
    img.style.backgroundColor = img.getAttribute("data-placeholder");
    var blur = img.getAttribute("data-placeholder-blur");
    if (blur) {
      img.style.backgroundImage = "url(" + JSON.stringify(blur) + ")";
      img.style.backgroundSize = "cover";
    }
  }
})();
