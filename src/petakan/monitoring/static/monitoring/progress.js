// A programme's progress: each indicator's target (dashed) and realised value (solid) per year, and the budget
// planned vs spent as bars on a second axis. The same numbers are in the tables below the chart.
(function () {
  "use strict";
  const node = document.getElementById("progress-chart");
  const source = document.getElementById("progress-data");
  if (!node || !source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const t = node.dataset;
  const series = [];
  data.indicators.forEach(function (ind) {
    series.push({ name: ind.name + " · " + (t.target || "target"), type: "line", data: ind.targets,
                  lineStyle: { type: "dashed" }, connectNulls: true });
    series.push({ name: ind.name + " · " + (t.value || "realisasi"), type: "line", data: ind.values,
                  connectNulls: true });
  });
  series.push({ name: t.planned || "rencana (Rp)", type: "bar", yAxisIndex: 1, data: data.planned,
                itemStyle: { color: "#c9d6df" } });
  series.push({ name: t.spent || "realisasi (Rp)", type: "bar", yAxisIndex: 1, data: data.spent,
                itemStyle: { color: "#155e75" } });
  const chart = echarts.init(node, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 44, right: 56, top: 24, bottom: 64 },
    xAxis: { type: "category", data: data.years.map(String) },
    yAxis: [{ type: "value", name: t.valueAxis || "" },
            { type: "value", name: "Rp", axisLabel: { formatter: function (v) { return (v / 1e6) + " jt"; } } }],
    series: series,
  });
  node.dataset.ready = "1";
  window.addEventListener("resize", function () { chart.resize(); });
})();
