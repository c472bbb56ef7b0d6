// A programme's impact page: before/after means of reached and comparison villages (ECharts), and a map of the
// change of the index between the two runs (the thematic map's comparison data, diverging classes) with the
// programme's villages outlined. The numbers of both are also in the tables on the page.
(function () {
  "use strict";

  // ------------------------------------------------------------------------------- before/after chart
  var chartEl = document.getElementById("impact-chart");
  var chartData = document.getElementById("impact-data");
  if (chartEl && chartData && window.echarts) {
    var d = JSON.parse(chartData.textContent);
    var chart = echarts.init(chartEl, null, { renderer: "svg" });
    var years = d.years.map(String);
    var number = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-GB" : "id-ID",
      { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    // each point's label on the outer side of the pair of lines, so that close values do not overlap
    function points(values, others) {
      return values.map(function (v, i) {
        return { value: v, label: { show: true, position: v >= others[i] ? "top" : "bottom", formatter: function () { return number.format(v); } } };
      });
    }
    chart.setOption({
      animation: false,
      legend: { bottom: 0 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number.format(v); } },
      grid: { left: 48, right: 20, top: 15, bottom: 50 },
      xAxis: { type: "category", data: years, boundaryGap: false },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: function (v) { return number.format(v); } } },
      series: [
        // dark blue solid vs orange dashed: distinct in hue, in greyscale and by line style
        { name: chartEl.dataset.reached, type: "line", data: points(d.reached, d.comparison), symbolSize: 9, lineStyle: { width: 3, color: "#2166ac" }, itemStyle: { color: "#2166ac" } },
        { name: chartEl.dataset.comparison, type: "line", data: points(d.comparison, d.reached), symbol: "rect", symbolSize: 9, lineStyle: { width: 3, type: "dashed", color: "#b35806" }, itemStyle: { color: "#b35806" } }
      ]
    });
    chartEl.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // ------------------------------------------------------------------------------------------ the map
  var el = document.getElementById("impact-map");
  var cfgEl = document.getElementById("impact-map-config");
  if (!el || !cfgEl || !window.L) { return; }
  var cfg = JSON.parse(cfgEl.textContent);
  var T = cfg.text;
  var legendEl = document.getElementById("impact-legend");
  var reached = {};
  cfg.reached.forEach(function (code) { reached[code] = true; });
  function qs(params) {
    return Object.keys(params).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  var map = L.map(el, { zoomSnap: 0.25, tap: true });
  map.setView([-7.0, 110.2], 10);
  if (cfg.tiles) { L.tileLayer(cfg.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map); }
  legendEl.textContent = T.loading;

  Promise.all([getJSON(cfg.villages), getJSON(cfg.data + "?" + qs(cfg.query))]).then(function (r) {
    var villages = r[0], data = r[1];
    var colours = {};
    data.legend.forEach(function (e) { colours[e["class"]] = e; });
    function fillOf(code) {
      var cls = data.classes[code];
      var entry = cls === undefined ? null : colours[cls];
      return !entry || entry.hatch || cls < 0 ? "url(#petakan-hatch)" : entry.colour;
    }
    function label(props) {
      var v = data.values[props.code];
      var text = v === null || v === undefined ? T.missing : (v > 0 ? "+" : v < 0 ? "−" : "") + Math.abs(v).toFixed(1);
      var name = window.PetakanEscape ? window.PetakanEscape.html(props.name) : "";
      var html = name + "<br>" + T.change + ": " + text;
      if (reached[props.code]) {
        var names = (cfg.programmes && cfg.programmes[props.code]) || [];
        html += "<br><strong>" + T.reached + "</strong>" + names.map(function (n) {
          return "<br>· " + (window.PetakanEscape ? window.PetakanEscape.html(n) : "");
        }).join("");
      }
      return html;
    }
    var fill = L.geoJSON(villages, {
      style: function (f) { return { color: "#ffffff", weight: 0.5, fillColor: fillOf(f.properties.code), fillOpacity: 0.85 }; },
      onEachFeature: function (f, layer) { layer.bindTooltip(function () { return label(f.properties); }, { sticky: true }); }
    }).addTo(map);
    // the programme's villages on top: a thick black outline over the change colour, readable without colour
    var outlined = L.geoJSON({ type: "FeatureCollection", features: villages.features.filter(function (f) { return reached[f.properties.code]; }) }, {
      style: function () { return { color: "#000000", weight: 2.5, fill: false, className: "reached-village" }; },
      interactive: false
    }).addTo(map);
    // the whole regency in view: the programme's villages are read against all the others
    var bounds = fill.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [4, 4] }); }
    L.control.layers(null, (function () { var o = {}; o[T.change] = fill; o[T.reached] = outlined; return o; }()), { collapsed: true }).addTo(map);
    renderLegend(data);
    el.dataset.ready = "1";
  }).catch(function (err) { legendEl.textContent = "⚠ " + err.message; });

  function renderLegend(data) {
    legendEl.innerHTML = "";
    var title = document.createElement("h2");
    title.textContent = data.change_name + " " + data.name + " (" + data.run_label + " − " + data.compare.label + ")";
    legendEl.appendChild(title);
    var list = document.createElement("ul");
    data.legend.forEach(function (entry) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch" + (entry.hatch ? " hatch" : "");
      if (!entry.hatch) { swatch.style.background = entry.colour; }
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label + " (" + entry.count + ")"));
      list.appendChild(item);
    });
    var mine = document.createElement("li");
    var line = document.createElement("span");
    line.className = "swatch reached-swatch";
    line.setAttribute("aria-hidden", "true");
    mine.appendChild(line);
    mine.appendChild(document.createTextNode(T.reached + " (" + cfg.reached.length + ")"));
    list.appendChild(mine);
    legendEl.appendChild(list);
    if (data.note) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = data.note;
      legendEl.appendChild(note);
    }
  }
}());
