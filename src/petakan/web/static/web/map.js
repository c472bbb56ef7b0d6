// Home and area maps: village polygons coloured by kecamatan, kecamatan outlines, hover name, click to open.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !window.PetakanEscape) { return; }
  var esc = window.PetakanEscape.html;
  var status = document.getElementById("map-status");
  // 20 distinguishable colours (Glasbey-like), one per kecamatan.
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d",
    "#31a354", "#756bb1", "#636363"];
  var map = L.map(el, { zoomSnap: 0.25, preferCanvas: false });
  map.setView([-7.0, 110.2], 10);
  if (el.dataset.tiles) {
    // Background tiles need the internet; without it the polygons still show on a plain background.
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }
  var colourOf = {};
  function colour(code) {
    if (!(code in colourOf)) { colourOf[code] = PALETTE[Object.keys(colourOf).length % PALETTE.length]; }
    return colourOf[code];
  }
  function areaUrl(code) { return el.dataset.areaUrl.replace("CODE", code); }

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  var wanted = [getJSON(el.dataset.villages)];
  if (el.dataset.districts) { wanted.push(getJSON(el.dataset.districts)); }
  Promise.all(wanted).then(function (results) {
    var data = results[0];
    var layer = L.geoJSON(data, {
      style: function (f) {
        return { className: "village", color: "#ffffff", weight: 0.6, fillColor: colour(f.properties.district_code), fillOpacity: 0.65 };
      },
      onEachFeature: function (f, l) {
        var p = f.properties;
        l.bindTooltip(esc(p.name) + " (" + esc(p.district_name) + ")", { sticky: true });  // names are data, not markup
        l.on("mouseover", function () { l.setStyle({ weight: 2.5, color: "#111" }); });
        l.on("mouseout", function () { layer.resetStyle(l); });
        l.on("click", function () { window.location.href = areaUrl(p.code); });
      }
    }).addTo(map);
    if (results[1]) {
      L.geoJSON(results[1], { interactive: false, style: { className: "district", color: "#222", weight: 1.5, fill: false } }).addTo(map);
    }
    // No animation: the layers are drawn once, at their final scale.
    map.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    el.dataset.count = String(data.features.length);
    if (status) { status.hidden = true; }
  }).catch(function (err) {
    if (status) { status.textContent = "⚠ " + err; }
  });
}());
