// Warn before leaving a section form with unsaved input: on a weak connection a page left by mistake is work lost.
(function () {
  var form = document.getElementById("section-form");
  if (!form) return;
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
