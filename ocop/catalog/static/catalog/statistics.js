// Draws the charts of /thong-ke/ from the JSON data block the page carries (a data block is
// not run, so the Content-Security-Policy's script-src 'self' allows it). Chart.js is vendored
// (catalog/vendor/chartjs): the offices are often offline, so no CDN.
(function () {
  "use strict";
  var COLOURS = ["#1b6e3a", "#b7791f", "#2b6cb0", "#6b46c1"];

  function draw(canvas, data) {
    var stacked = data.series.length > 1;
    var horizontal = data.labels.length > 8 && !stacked;
    var box = canvas.parentNode;
    if (horizontal) {
      box.classList.add("chart-tall");
      box.style.height = Math.max(16, data.labels.length * 1.9) + "rem";
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, i) {
          return {label: series.label, data: series.data, backgroundColor: COLOURS[i % COLOURS.length]};
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: {legend: {display: stacked}},
        scales: {
          x: {stacked: stacked, ticks: {precision: 0, autoSkip: !horizontal}, beginAtZero: true},
          y: {stacked: stacked, ticks: {precision: 0, autoSkip: !horizontal}, beginAtZero: true}
        }
      }
    });
  }

  function start() {
    var block = document.getElementById("chart-data");
    if (!block || !window.Chart) return;
    var charts = JSON.parse(block.textContent);
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#1d232a";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      draw(canvas, charts[canvas.getAttribute("data-chart")]);
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
