// The one HTML-escaping helper for every Petakan script. Names and labels come from data (a village imported with
// `<img onerror=…>` in its name is still just a name): whatever a script puts into HTML — Leaflet tooltips and popups,
// legends, panels, tables, ECharts tooltip formatters — passes through PetakanEscape.html first. Where a script can
// build the DOM with textContent instead, it does, and needs no escaping at all.
(function () {
  "use strict";
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
  function html(value) {
    if (value === null || value === undefined) { return ""; }
    return String(value).replace(/[&<>"'`]/g, function (c) { return ENTITIES[c]; });
  }
  window.PetakanEscape = Object.freeze({ html: html });
}());
