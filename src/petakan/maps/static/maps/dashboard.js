// Dashboard: boxplots of each dimension's village scores per zone (the radar is drawn by indices/radar.js).
(function () {
  "use strict";
  if (!window.echarts) { return; }
  // Colour-blind-safe and distinct from each other in greyscale (ColorBrewer BrBG ends and a neutral).
  var ZONE_COLOURS = { pesisir: "#01665e", dataran: "#6b6b6b", pegunungan: "#8c510a" };
  document.querySelectorAll(".chart[data-source]").forEach(function (el) {
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    // On a phone "Smart Environment" at 30° runs into the legend and off the edge: every dimension is "Smart …",
    // so the short name says the same.
    var narrow = el.clientWidth < 480;
    var label = function (name) { return narrow ? name.replace(/^Smart /, "") : name; };
    chart.setOption({
      animation: false,
      legend: { bottom: 0 },
      tooltip: { trigger: "item" },
      grid: { left: 40, right: 10, top: 10, bottom: 70, containLabel: false },
      xAxis: { type: "category", data: data.dimensions, axisLabel: { interval: 0, rotate: 30, fontSize: 11, formatter: label } },
      yAxis: { type: "value", min: 0, max: 100 },
      series: data.zones.map(function (zone) {
        return {
          name: zone.name,
          type: "boxplot",
          itemStyle: { color: "#ffffff", borderColor: ZONE_COLOURS[zone.code] || "#333333", borderWidth: 1.6 },
          data: data.boxes[zone.code].map(function (five) { return five[0] === null ? [] : five; })
        };
      })
    });
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
