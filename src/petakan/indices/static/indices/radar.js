// Six-dimension radar charts: each <div class="radar" data-source="ID"> reads {axes, series} from json_script ID;
// a series marked "dashed" (another run, for comparison) is drawn as a dashed outline.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var COLOURS = ["#0b6e4f", "#d95f02", "#7570b3", "#e7298a"];  // colour-blind-safe (Dark2)
  document.querySelectorAll(".radar[data-source]").forEach(function (el) {
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    // On a phone the axis names ("Smart Environment") would run off the screen: two lines and a smaller radar.
    var narrow = el.clientWidth < 480;
    chart.setOption({
      color: COLOURS,
      animation: false,
      legend: { bottom: 0, data: data.series.map(function (s) { return s.name; }) },
      tooltip: {},
      radar: {
        indicator: data.axes,
        radius: narrow ? "52%" : "62%",
        axisName: {
          color: "#333",
          fontSize: narrow ? 11 : 12,
          formatter: function (name) { return narrow ? name.replace(" ", "\n") : name; }
        }
      },
      series: [{ type: "radar", data: data.series.map(function (s) { return { name: s.name, value: s.value, areaStyle: { opacity: s.dashed ? 0 : 0.12 }, lineStyle: { type: s.dashed ? "dashed" : "solid" } }; }) }]
    });
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
