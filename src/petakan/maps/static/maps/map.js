// Thematic map: geometry from the static layers, values from /peta/data.json, the whole view kept in the URL.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var cfgEl = document.getElementById("map-config");
  if (!el || !cfgEl || !window.L || !window.PetakanEscape) { return; }
  var escapeHtml = window.PetakanEscape.html;  // every data string that goes into HTML passes through it
  var cfg = JSON.parse(cfgEl.textContent);
  var T = cfg.text, U = cfg.urls;
  var state = cfg.state;
  var statusEl = document.getElementById("map-status");
  var legendEl = document.getElementById("legend");
  var panel = document.getElementById("panel");
  var ZONE_STYLE = {
    pesisir: { color: "#01665e", dashArray: "2 5" },
    dataran: { color: "#3f3f3f", dashArray: "9 5" },
    pegunungan: { color: "#8c510a", dashArray: null }
  };
  var formatters = {};
  function fmt(value, digits) {
    var key = String(digits);
    if (!formatters[key]) {
      formatters[key] = new Intl.NumberFormat(cfg.lang === "en" ? "en-GB" : "id-ID",
        { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    }
    return formatters[key].format(value);
  }
  function qs(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== "" && params[k] !== null && params[k] !== undefined; })
      .map(function (k) {
        // "/" and ":" are legal in a query and keep links readable (v=11/-7.0188/110.1444, var=idm:status)
        return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]).replace(/%2F/g, "/").replace(/%3A/g, ":");
      }).join("&");
  }
  function dataParams() {
    return { run: state.run, banding: state.banding || "", level: state.level, "var": state["var"], cls: state.cls, k: state.k, pal: state.pal };
  }
  function getJSON(url, signal) {
    return fetch(url, { credentials: "same-origin", signal: signal }).then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(body.error || (url + ": " + r.status));
        });
      }
      return r.json();
    });
  }
  function setStatus(text) {
    if (!statusEl) { return; }
    statusEl.textContent = text || "";
    statusEl.hidden = !text;
  }

  // ------------------------------------------------------------------------------------------- the map
  var map = L.map(el, { zoomSnap: 0.25 });
  map.setView([-7.0, 110.2], 10);
  if (cfg.tiles) {
    L.tileLayer(cfg.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }
  var geometry = { village: null, district: null };
  var detail = false;
  var fillLayer = null, outlineLayer = null, zoneLayer = null;
  var data = null;
  var layerByCode = {};
  var villageByCode = {};
  var selected = "";

  function legendEntry(cls) {
    if (!data) { return null; }
    for (var i = 0; i < data.legend.length; i++) { if (data.legend[i]["class"] === cls) { return data.legend[i]; } }
    return null;
  }
  function baseStyle() {
    return { color: "#ffffff", weight: state.level === "village" ? 0.6 : 1, opacity: 1, fillOpacity: 0.85 };
  }
  function styleFor(code) {
    var style = baseStyle();
    if (!data) {
      style.fillColor = "#c8d3cf";
      style.fillOpacity = 0.6;
    } else {
      var cls = data.classes[code];
      var entry = legendEntry(cls === undefined ? -1 : cls);
      style.fillColor = cls === undefined || cls < 0 ? "url(#petakan-hatch)" : entry.colour;
      if (cls === undefined || cls < 0) { style.fillOpacity = 1; }
    }
    if (outsideFocus(code)) { style.fillOpacity = 0.15; style.opacity = 0.4; }
    if (code === selected) { style.color = "#000000"; style.weight = 3; }
    return style;
  }
  function outsideFocus(code) {
    return !!state.fokus && state.level === "village" && code.indexOf(state.fokus + ".") !== 0;
  }
  function signed(value, digits) {
    // a change: "+1,2", "−0,4"; what rounds to zero has no sign (as the server's legend labels)
    var text = fmt(Math.abs(value), digits);
    if (text === fmt(0, digits)) { return text; }
    return (value > 0 ? "+" : "−") + text;
  }
  function plainText(value) {
    return value === null || value === undefined ? T.missing : fmt(value, data.digits);
  }
  function valueText(code) {
    if (!data) { return ""; }
    var cls = data.classes[code];
    if (cls === undefined || cls < 0) { return T.missing; }
    if (data.kind === "category") { return legendEntry(cls).label; }
    if (data.compare) { return signed(data.values[code], data.digits); }
    if (data.imputed && data.imputed.indexOf(code) >= 0) { return fmt(data.values[code], data.digits) + " (" + data.imputed_label + ")"; }
    return fmt(data.values[code], data.digits);
  }
  // both runs' values of a comparison: [[label, text], [label, text]]
  function comparedValues(code) {
    if (!data || !data.compare) { return []; }
    return [[data.run_label, plainText(data.values_run[code])], [data.compare.label, plainText(data.values_compare[code])]];
  }
  function tooltipFor(props) {
    var text = escapeHtml(props.name);
    if (props.district_name) { text += " (" + escapeHtml(props.district_name) + ")"; }
    if (data && data.compare) {
      text += "<br>" + escapeHtml(T.change + " " + data.name) + ": <strong>" + escapeHtml(valueText(props.code)) + "</strong>";
      comparedValues(props.code).forEach(function (pair) {
        text += "<br>" + escapeHtml(pair[0]) + ": " + escapeHtml(pair[1]);
      });
    } else if (data) {
      text += "<br>" + escapeHtml(data.name) + ": <strong>" + escapeHtml(valueText(props.code)) + "</strong>";
    }
    return text;
  }

  function drawFill() {
    if (fillLayer) { map.removeLayer(fillLayer); }
    layerByCode = {};
    var collection = geometry[state.level];
    if (!collection) { return; }
    var className = state.level === "village" ? "village" : "kecamatan-area";
    fillLayer = L.geoJSON(collection, {
      style: function (f) { var s = styleFor(f.properties.code); s.className = className; return s; },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layerByCode[p.code] = layer;
        layer.bindTooltip(function () { return tooltipFor(p); }, { sticky: true });
        layer.on("mouseover", function () { layer.setStyle({ weight: 2.5, color: "#111111" }); });
        layer.on("mouseout", function () { layer.setStyle(styleFor(p.code)); });
        layer.on("click", function () { select(p.code, false); });
      }
    }).addTo(map);
    fillLayer.eachLayer(function (layer) {
      var element = layer.getElement();
      if (element) { element.setAttribute("data-code", layer.feature.properties.code); }
    });
    restyle();
    el.dataset.count = String(collection.features.length);
    el.dataset.level = state.level;
    if (outlineLayer) { outlineLayer.bringToFront(); }
    if (zoneLayer) { zoneLayer.bringToFront(); }
  }
  function drawOutlines() {
    if (outlineLayer) { map.removeLayer(outlineLayer); outlineLayer = null; }
    if (!state.outlines || !geometry.district) { return; }
    outlineLayer = L.geoJSON(geometry.district, {
      interactive: false,
      style: { className: "district", color: "#263238", weight: 1.6, fill: false }
    }).addTo(map);
  }
  function restyle() {
    if (!fillLayer) { return; }
    fillLayer.eachLayer(function (layer) {
      var code = layer.feature.properties.code;
      layer.setStyle(styleFor(code));
      var element = layer.getElement();
      if (element) {
        element.setAttribute("data-class", String(data && data.classes[code] !== undefined ? data.classes[code] : -1));
      }
    });
  }

  // ------------------------------------------------------------------------------------------- legend, table
  function renderLegend() {
    if (!legendEl) { return; }
    legendEl.innerHTML = "";
    if (!data) { return; }
    var title = document.createElement("h2");
    title.textContent = data.compare ?
      data.change_name + " " + data.name + " (" + data.run_label + " − " + data.compare.label + ")" :
      data.name + (data.unit ? " (" + data.unit + ")" : "");
    legendEl.appendChild(title);
    if (data.method_name) {
      var method = document.createElement("p");
      method.className = "muted";
      method.textContent = data.method_name + " · " + data.year + (data.demo ? " · DATA CONTOH" : "");
      legendEl.appendChild(method);
    }
    var list = document.createElement("ul");
    list.className = "legend-classes";
    data.legend.forEach(function (entry) {
      var item = document.createElement("li");
      item.dataset["class"] = String(entry["class"]);
      item.dataset.colour = entry.colour;
      item.dataset.count = String(entry.count);
      if (entry.lower !== undefined) { item.dataset.lower = String(entry.lower); item.dataset.upper = String(entry.upper); }
      var swatch = document.createElement("span");
      swatch.className = "swatch" + (entry.hatch ? " hatch" : "");
      if (!entry.hatch) { swatch.style.background = entry.colour; }
      swatch.setAttribute("aria-hidden", "true");
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label + " "));
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = "(" + entry.count + ")";
      item.appendChild(count);
      list.appendChild(item);
    });
    legendEl.appendChild(list);
    if (state.zones && zoneLayer) {
      var zones = document.createElement("ul");
      zones.className = "legend-zones";
      Object.keys(ZONE_STYLE).forEach(function (zone) {
        var item = document.createElement("li");
        var line = document.createElement("span");
        line.className = "zone-line zone-" + zone;
        line.setAttribute("aria-hidden", "true");
        item.appendChild(line);
        item.appendChild(document.createTextNode(T.zone[zone]));
        zones.appendChild(item);
      });
      legendEl.appendChild(zones);
    }
    if (data.note) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = data.note;
      legendEl.appendChild(note);
    }
  }
  var tableBox = document.getElementById("data-table-box");
  function renderTable() {
    if (!tableBox || !tableBox.open || !data) { return; }
    var names = {};
    var source = geometry[state.level];
    if (source) { source.features.forEach(function (f) { names[f.properties.code] = f.properties.name; }); }
    var body = tableBox.querySelector("tbody");
    var rows = Object.keys(data.values).filter(function (code) { return !outsideFocus(code); }).map(function (code) {
      var cls = data.classes[code];
      var entry = legendEntry(cls);
      return "<tr><td>" + escapeHtml(code) + "</td><td>" + escapeHtml(names[code] || "") + "</td><td>" + escapeHtml(valueText(code)) +
        "</td><td>" + escapeHtml(entry ? entry.label : "") + "</td></tr>";
    });
    body.innerHTML = rows.join("");
  }
  if (tableBox) { tableBox.addEventListener("toggle", renderTable); }

  // ------------------------------------------------------------------------------------------- panel
  function closePanel() {
    if (!panel) { return; }
    panel.hidden = true;
    var previous = selected;
    selected = "";
    if (layerByCode[previous]) { layerByCode[previous].setStyle(styleFor(previous)); }
    writeUrl();
  }
  if (panel) {
    document.getElementById("panel-close").addEventListener("click", closePanel);
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { closePanel(); } });
  }
  function select(code, zoom) {
    var previous = selected;
    selected = code;
    if (layerByCode[previous]) { layerByCode[previous].setStyle(styleFor(previous)); }
    var layer = layerByCode[code];
    if (layer) {
      layer.setStyle(styleFor(code));
      layer.bringToFront();
      if (zoom) { map.fitBounds(layer.getBounds(), { maxZoom: 13, animate: false }); }
    }
    writeUrl();
    if (!panel || !state.run) { return; }
    var title = document.getElementById("panel-title");
    var body = document.getElementById("panel-body");
    var props = (geometry[state.level] && findFeature(geometry[state.level], code)) || {};
    title.textContent = props.name || code;
    body.innerHTML = "<p class=\"muted\">" + escapeHtml(T.loading) + "</p>";
    panel.hidden = false;
    panel.dataset.code = code;
    getJSON(U.area + "?" + qs({ run: state.run, code: code })).then(function (area) {
      if (selected !== code) { return; }
      title.textContent = area.name;
      var html = "<p class=\"muted\">" + escapeHtml(area.kind) + (area.district ? " · " + escapeHtml(T.kecamatan) + " " + escapeHtml(area.district) : "") + "</p>";
      if (area.demo) { html += "<p><span class=\"demo-badge\">DATA CONTOH</span></p>"; }
      if (data && (data["var"] !== area.index.code || data.compare)) {
        var cls = data.classes[code];
        var entry = legendEntry(cls === undefined ? -1 : cls);
        html += "<dl class=\"facts\" id=\"panel-var\"><dt>" + escapeHtml(data.compare ? T.change + " " + data.name : data.name) +
          "</dt><dd><strong>" + escapeHtml(valueText(code)) + "</strong>" +
          (entry && cls >= 0 && data.kind !== "category" ? " <span class=\"muted\">(" + escapeHtml(T["class"]) + " " + escapeHtml(entry.label) + ")</span>" : "") + "</dd>" +
          comparedValues(code).map(function (pair) {
            return "<dt>" + escapeHtml(data.name + " · " + pair[0]) + "</dt><dd>" + escapeHtml(pair[1]) + "</dd>";
          }).join("") + "</dl>";
      }
      html += "<dl class=\"facts\" id=\"panel-index\"><dt>" + escapeHtml(area.index.name) + "</dt><dd><strong>" + escapeHtml(area.index.text) +
        "</strong></dd><dt>" + escapeHtml(T.rank) + "</dt><dd>" + escapeHtml(area.index.rank) + "</dd></dl>";
      html += "<table class=\"compact\" id=\"panel-dimensions\"><tbody>" + area.dimensions.map(function (d) {
        return "<tr data-node=\"" + escapeHtml(d.code) + "\"><th scope=\"row\">" + escapeHtml(d.name) + "</th><td>" + escapeHtml(d.text) + "</td></tr>";
      }).join("") + "</tbody></table>";
      if (state.level === "district") {
        html += "<p><button type=\"button\" id=\"panel-drill\" class=\"primary\">" + escapeHtml(T.drill) + "</button></p>";
      }
      html += "<p><a href=\"" + escapeHtml(area.url) + "\">" + escapeHtml(T.open) + " →</a></p>";
      body.innerHTML = html;
      var drill = document.getElementById("panel-drill");
      if (drill) { drill.addEventListener("click", function () { drillInto(code); }); }
      panel.dataset.loaded = code;
      if (zoom) { panel.focus({ preventScroll: true }); }  // a keyboard search lands in the answer
    }).catch(function (err) { body.textContent = "⚠ " + err.message; });
  }
  function findFeature(collection, code) {
    for (var i = 0; i < collection.features.length; i++) {
      if (collection.features[i].properties.code === code) { return collection.features[i].properties; }
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------- state in the URL
  var langNext = document.querySelector("form.lang input[name=next]");
  function urlParams() {
    var params = state.run ? dataParams() : { level: state.level };
    params.zones = state.zones ? "1" : "";
    params.outlines = state.outlines ? "" : "0";
    params.sel = selected;
    params.fokus = state.level === "village" ? state.fokus : "";
    var c = map.getCenter();
    params.v = [map.getZoom(), c.lat.toFixed(4), c.lng.toFixed(4)].join("/");
    return params;
  }
  function writeUrl() {
    var search = "?" + qs(urlParams());
    window.history.replaceState(null, "", window.location.pathname + search);
    if (langNext) { langNext.value = window.location.pathname + search; }
    var query = qs(dataParams());
    var csv = document.getElementById("dl-csv"), gj = document.getElementById("dl-geojson");
    if (csv) { csv.href = U.csv + "?" + query; }
    if (gj) { gj.href = U.geojson + "?" + query; }
    var gpkg = document.getElementById("dl-gpkg"), shp = document.getElementById("dl-shp");
    if (gpkg) { gpkg.href = U.gpkg + "?" + query; }
    if (shp) { shp.href = U.shp + "?" + query; }
  }
  map.on("moveend", function () { if (ready) { writeUrl(); } });

  // ------------------------------------------------------------------------------------------- loading
  var ready = false;
  // Controls can change faster than answers arrive, and a cached answer can overtake an earlier slow one:
  // only the answer to the latest request is drawn, the earlier ones are cancelled.
  var pending = null;
  function loadData() {
    if (!state.run) { return Promise.resolve(); }
    el.dataset.ready = "";
    if (pending) { pending.abort(); }
    var request = pending = (typeof AbortController === "function") ? new AbortController() : { abort: function () {}, signal: undefined };
    return getJSON(U.data + "?" + qs(dataParams()), request.signal).then(function (payload) {
      if (request !== pending) { return; }
      pending = null;
      data = payload;
      restyle();
      renderLegend();
      renderTable();
      el.dataset["var"] = data["var"];
      el.dataset.ready = "1";
      setStatus("");
    }).catch(function (err) {
      if (request === pending) { setStatus("⚠ " + err.message); }
    });
  }
  function loadZones() {
    if (zoneLayer) { map.removeLayer(zoneLayer); zoneLayer = null; }
    if (!state.zones || !state.run) { renderLegend(); return Promise.resolve(); }
    return getJSON(U.zones + "?" + qs({ run: state.run })).then(function (collection) {
      zoneLayer = L.geoJSON(collection, {
        interactive: false,
        style: function (f) {
          var z = ZONE_STYLE[f.properties.group] || ZONE_STYLE.dataran;
          return { className: "zone zone-" + f.properties.group, color: z.color, dashArray: z.dashArray, weight: 3.5, fill: false };
        }
      }).addTo(map);
      el.dataset.zones = String(collection.features.length);
      renderLegend();
    }).catch(function () { setStatus(T.zonesMissing); });
  }
  function useGeometry(villages, districts) {
    geometry.village = villages;
    geometry.district = districts;
    villageByCode = {};
    villages.features.forEach(function (f) { villageByCode[f.properties.code] = f.properties; });
    drawFill();
    drawOutlines();
  }
  function maybeDetail() {
    if (detail || map.getZoom() < cfg.detailZoom) { return; }
    detail = true;
    Promise.all([getJSON(U.villagesDetail), getJSON(U.districtsDetail)]).then(function (r) {
      useGeometry(r[0], r[1]);
      el.dataset.detail = "1";
    }).catch(function () { detail = false; });
  }
  map.on("zoomend", maybeDetail);

  // the village list for search (name and kecamatan, from the layer's properties)
  var search = document.getElementById("ctl-search");
  function fillSearch() {
    var list = document.getElementById("village-names");
    if (!list) { return; }
    list.innerHTML = Object.keys(villageByCode).map(function (code) {
      var p = villageByCode[code];
      return "<option value=\"" + escapeHtml(p.name + " — " + p.district_name) + "\"></option>";
    }).join("");
  }
  function findVillage(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    var codes = Object.keys(villageByCode);
    var exact = codes.filter(function (c) {
      var p = villageByCode[c];
      return (p.name + " — " + p.district_name).toLowerCase() === wanted || p.name.toLowerCase() === wanted;
    });
    if (exact.length) { return exact[0]; }
    var partial = codes.filter(function (c) { return villageByCode[c].name.toLowerCase().indexOf(wanted) === 0; });
    return partial.length ? partial[0] : null;
  }
  function searchNow() {
    var code = findVillage(search.value);
    if (!code) { setStatus(T.notFound); return; }
    setStatus("");
    var target = state.level === "village" ? code : villageByCode[code].district_code;
    select(target, true);
    if (state.level !== "village" && villageByCode[code]) {
      var layer = null;
      fillLayer.eachLayer(function (l) { if (l.feature.properties.code === target) { layer = l; } });
      if (layer) { map.fitBounds(layer.getBounds(), { animate: false }); }
    }
  }
  if (search) {
    search.addEventListener("change", searchNow);
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); searchNow(); } });
  }

  // ------------------------------------------------------------------------------------------- controls
  function control(id) { return document.getElementById(id); }
  function syncLevelOptions() {
    var varSelect = control("ctl-var"), levelSelect = control("ctl-level");
    if (!varSelect || !levelSelect) { return; }
    Array.prototype.forEach.call(varSelect.options, function (o) {
      // a comparison is of index variables only
      o.disabled = (o.dataset.levels || "").split(" ").indexOf(state.level) < 0 || (!!state.banding && o.dataset.index !== "1");
    });
    var current = varSelect.options[varSelect.selectedIndex];
    var levels = current ? (current.dataset.levels || "").split(" ") : [];
    Array.prototype.forEach.call(levelSelect.options, function (o) { o.disabled = levels.indexOf(o.value) < 0; });
    // categories (IDM status) have their own classes: no classification to choose
    var categorical = current && current.dataset.kind === "category";
    ["ctl-cls", "ctl-k"].forEach(function (id) { if (control(id)) { control(id).disabled = categorical; } });
    // a comparison has an odd number of classes (0 in the middle one) and a diverging palette
    var kSelect = control("ctl-k"), palSelect = control("ctl-pal");
    if (kSelect) {
      Array.prototype.forEach.call(kSelect.options, function (o) { o.disabled = !!state.banding && Number(o.value) % 2 === 0; });
    }
    if (palSelect) {
      Array.prototype.forEach.call(palSelect.options, function (o) { o.disabled = !!state.banding && o.dataset.diverging !== "1"; });
    }
  }
  function bind(id, key, reloadGeometry) {
    var input = control(id);
    if (!input) { return; }
    input.addEventListener("change", function () {
      state[key] = input.value;
      if (key === "level") { state.fokus = ""; showFocus(); }
      syncLevelOptions();
      if (reloadGeometry) { drawFill(); }
      if (selected && !layerByCode[selected]) { selected = ""; if (panel) { panel.hidden = true; } }
      loadData().then(writeUrl);
    });
  }
  // ------------------------------------------------------------------------------------------- drill-down
  function showFocus() {
    var note = control("fokus-note");
    var active = !!state.fokus && state.level === "village";
    el.dataset.fokus = active ? state.fokus : "";
    if (!note) { return; }
    note.hidden = !active;
    if (active) {
      var props = geometry.district && findFeature(geometry.district, state.fokus);
      control("fokus-text").textContent = T.focus.replace("%(name)s", props ? props.name : state.fokus);
    }
  }
  function drillInto(code) {
    // from a kecamatan to its villages: the village level, zoomed to the kecamatan, the other villages faded
    var layer = layerByCode[code];
    var bounds = layer ? layer.getBounds() : null;
    state.level = "village";
    state.fokus = code;
    var levelSelect = control("ctl-level"), varSelect = control("ctl-var");
    if (levelSelect) { levelSelect.value = "village"; }
    syncLevelOptions();
    var current = varSelect && varSelect.options[varSelect.selectedIndex];
    if (current && current.disabled) {  // a kecamatan-only variable: the index instead
      var first = varSelect.querySelector("option:not([disabled])");
      if (first) { varSelect.value = first.value; state["var"] = first.value; syncLevelOptions(); }
    }
    selected = "";
    if (panel) { panel.hidden = true; }
    drawFill();
    showFocus();
    if (bounds) { map.fitBounds(bounds, { animate: false }); }
    loadData().then(writeUrl);
  }
  if (control("fokus-clear")) {
    control("fokus-clear").addEventListener("click", function () {
      state.fokus = "";
      restyle();
      showFocus();
      renderTable();
      writeUrl();
    });
  }
  bind("ctl-level", "level", true);
  bind("ctl-var", "var", false);
  bind("ctl-cls", "cls", false);
  bind("ctl-k", "k", false);
  bind("ctl-pal", "pal", false);
  var compareSelect = control("ctl-banding");
  if (compareSelect) {
    compareSelect.addEventListener("change", function () {
      state.banding = compareSelect.value;
      if (state.banding) {
        // shown in the controls, not switched silently: the comparison's own classes and palette
        if (Number(state.k) % 2 === 0) { state.k = String(Number(state.k) + 1); control("ctl-k").value = state.k; }
        var pal = control("ctl-pal");
        var option = pal && pal.querySelector("option[value=\"" + state.pal + "\"]");
        if (pal && (!option || option.dataset.diverging !== "1")) { state.pal = "RdBu"; pal.value = state.pal; }
      }
      syncLevelOptions();
      loadData().then(writeUrl);
    });
  }
  var runSelect = control("ctl-run");
  if (runSelect) {
    // another run may offer other variables: let the server check the state and render the controls again
    runSelect.addEventListener("change", function () {
      state.run = runSelect.value;
      window.location.search = "?" + qs(urlParams());
    });
  }
  var outlines = control("ctl-outlines"), zones = control("ctl-zones");
  if (outlines) {
    outlines.checked = !!state.outlines;
    outlines.addEventListener("change", function () { state.outlines = outlines.checked; drawOutlines(); writeUrl(); });
  }
  if (zones) {
    zones.checked = !!state.zones && !zones.disabled;
    state.zones = zones.checked;
    zones.addEventListener("change", function () { state.zones = zones.checked; loadZones().then(writeUrl); });
  }
  syncLevelOptions();

  setStatus(T.loading);
  Promise.all([getJSON(U.villages), getJSON(U.districts)]).then(function (r) {
    useGeometry(r[0], r[1]);
    fillSearch();
    showFocus();
    var view = (state.v || "").split("/").map(Number);
    if (view.length === 3 && view.every(function (x) { return isFinite(x); })) {
      map.setView([view[1], view[2]], view[0], { animate: false });
    } else if (state.fokus && state.level === "village" && geometry.district) {
      var focused = L.geoJSON(geometry.district, { filter: function (f) { return f.properties.code === state.fokus; } });
      map.fitBounds(focused.getLayers().length ? focused.getBounds() : fillLayer.getBounds(), { animate: false });
    } else if (fillLayer) {
      map.fitBounds(fillLayer.getBounds(), { padding: [8, 8], animate: false });
    }
    if (!state.run) { setStatus(T.noRun); }
    return Promise.all([loadData(), loadZones()]);
  }).then(function () {
    ready = true;
    maybeDetail();
    if (state.sel && layerByCode[state.sel]) { select(state.sel, !state.v); } else { writeUrl(); }
  }).catch(function (err) { setStatus("⚠ " + err.message); });
}());
