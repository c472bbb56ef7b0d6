// Economy page: LQ bars with the LQ = 1 line, stacked shift-share bars and the Klassen scatter (ECharts).
// The numbers come from the page (json_script "economy-data"); the tables under each chart hold the same data.
(function () {
  "use strict";
  var source = document.getElementById("economy-data");
  if (!source || !window.echarts || !window.PetakanEscape) { return; }
  // ECharts tooltip formatters return HTML: every name from the data is escaped (it.marker is ECharts' own markup).
  var esc = window.PetakanEscape.html;
  var d = JSON.parse(source.textContent);
  var t = d.text;
  var locale = d.language === "en" ? "en-GB" : "id-ID";
  var fmt2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var fmt0 = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  function f2(v) { return v === null || v === undefined ? "–" : fmt2.format(v); }
  function f0(v) { return v === null || v === undefined ? "–" : fmt0.format(v); }
  // Category A at the top of the horizontal bars: ECharts draws the first category at the bottom.
  var codes = d.codes.slice().reverse();
  function rev(a) { return a.slice().reverse(); }
  function nameOf(code) { return d.names[d.codes.indexOf(code)]; }
  var QUADRANT_COLOURS = { "I": "#0b6e4f", "II": "#b26b00", "III": "#2c6fbb", "IV": "#9b2f2f", "–": "#7f8c8d" };
  var charts = [];

  function start(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    option.animation = false;  // drawn once at its final state: cheaper on a phone, stable for screenshots
    chart.setOption(option);
    el.dataset.rendered = "1";
    charts.push(chart);
  }
  function narrow() { return window.innerWidth < 480; }
  var grid = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true };

  start("chart-lq", {
    grid: grid,
    legend: { top: 0 },
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" }, confine: true,
      formatter: function (items) {
        var lines = [esc(nameOf(items[0].name))];
        items.forEach(function (it) { lines.push(it.marker + esc(it.seriesName) + ": " + f2(it.value)); });
        return lines.join("<br>");
      }
    },
    xAxis: { type: "value", axisLabel: { formatter: f2 } },
    yAxis: { type: "category", data: codes },
    series: [
      { name: t.lq_start, type: "bar", data: rev(d.lq_start), itemStyle: { color: "#9fc5b5" } },
      {
        name: t.lq_end, type: "bar", data: rev(d.lq_end), itemStyle: { color: "#0b6e4f" },
        markLine: {
          symbol: "none", silent: true, lineStyle: { color: "#b00020", type: "dashed", width: 2 },
          label: { formatter: t.lq_one, position: "end" },
          data: [{ xAxis: 1 }]
        }
      }
    ]
  });

  start("chart-shift", {
    legend: { top: 0 },  // a plain legend wraps onto a second line on a phone
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" }, confine: true,
      formatter: function (items) {
        var lines = [esc(nameOf(items[0].name) + " (" + t.billion + ")")];
        items.forEach(function (it) { lines.push(it.marker + esc(it.seriesName) + ": " + f0(it.value)); });
        return lines.join("<br>");
      }
    },
    grid: { left: 8, right: 24, top: narrow() ? 64 : 40, bottom: 32, containLabel: true },
    xAxis: { type: "value", name: t.billion, nameLocation: "middle", nameGap: 26, axisLabel: { formatter: f0 } },
    yAxis: { type: "category", data: codes },
    series: [
      { name: t.n, type: "bar", stack: "ss", stackStrategy: "samesign", data: rev(d.n), itemStyle: { color: "#8da0cb" } },
      { name: t.m, type: "bar", stack: "ss", stackStrategy: "samesign", data: rev(d.m), itemStyle: { color: "#e5a021" } },
      { name: t.c, type: "bar", stack: "ss", stackStrategy: "samesign", data: rev(d.c), itemStyle: { color: "#0b6e4f" } }
    ]
  });

  var byQuadrant = {};
  d.klassen.forEach(function (p) {
    if (p.x === null || p.y === null) { return; }
    var key = p.quadrant + ". " + p.label;
    (byQuadrant[key] = byQuadrant[key] || { quadrant: p.quadrant, points: [] }).points.push(p);
  });
  var scatter = Object.keys(byQuadrant).sort().map(function (key, i) {
    var group = byQuadrant[key];
    var s = {
      name: key, type: "scatter", symbolSize: 12,
      itemStyle: { color: QUADRANT_COLOURS[group.quadrant] || "#555" },
      label: { show: true, position: "right", formatter: function (it) { return it.data.code; }, fontSize: 11 },
      data: group.points.map(function (p) { return { value: [p.x, p.y], code: p.code, name: p.name, label_text: p.label }; })
    };
    if (i === 0) {
      s.markLine = {
        symbol: "none", silent: true, lineStyle: { color: "#555", type: "dashed" }, label: { show: false },
        data: [{ xAxis: 1 }, { yAxis: 0 }]
      };
    }
    return s;
  });
  start("chart-klassen", {
    grid: { left: 8, right: 24, top: 36, bottom: narrow() ? 124 : 80, containLabel: true },
    legend: { bottom: 0, left: 0, orient: narrow() ? "vertical" : "horizontal" },
    tooltip: {
      trigger: "item", confine: true,
      formatter: function (it) {
        return esc(it.data.code + " " + it.data.name) + "<br>" + esc(t.quadrant + " " + it.seriesName) +
          "<br>" + esc(t.klassen_x) + ": " + f2(it.value[0]) + "<br>" + esc(t.klassen_y) + ": " + f2(it.value[1]);
      }
    },
    // Axis names above (y) and below (x) the plot: rotated names get cut off on a phone.
    xAxis: {
      type: "value", min: 0, name: narrow() ? t.klassen_x_short : t.klassen_x,
      nameLocation: "middle", nameGap: 28, axisLabel: { formatter: f2 }
    },
    yAxis: {
      type: "value", name: t.klassen_y, nameLocation: "end", nameGap: 12,
      nameTextStyle: { align: "left" }, axisLabel: { formatter: f2 }
    },
    series: scatter
  });

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
}());
