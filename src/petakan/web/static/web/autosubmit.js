// A <select data-autosubmit> sends its form as soon as it changes: the static-file form of the former inline
// onchange="this.form.submit()", which the Content-Security-Policy (script-src 'self') refuses.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
}());
