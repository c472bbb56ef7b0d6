// Road map: programmes per year and dimension as stacked bars. The numbers are also in the table below the chart.
(function () {
  "use strict";
  const node = document.getElementById("roadmap-chart");
  const data = JSON.parse(document.getElementById("roadmap-data").textContent);
  if (!node || typeof echarts === "undefined") return;
  const chart = echarts.init(node, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: 60 },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: { type: "value", name: data.label, minInterval: 1 },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "programmes", data: s.counts, emphasis: { focus: "series" } };
    }),
  });
  node.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
})();
