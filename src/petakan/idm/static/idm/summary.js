// Bar chart of the number of villages per IDM status; the table next to it holds the same numbers.
(function () {
  "use strict";
  var holder = document.getElementById("idm-chart");
  var source = document.getElementById("idm-chart-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{
      type: "bar",
      data: data.values.map(function (value, i) { return { value: value, itemStyle: { color: data.colors[i] } }; }),
      label: { show: true, position: "top" }
    }]
  });
  holder.setAttribute("data-ready", "1");
  window.addEventListener("resize", function () { chart.resize(); });
})();
