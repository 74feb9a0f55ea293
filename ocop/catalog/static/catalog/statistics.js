// Draws the charts of /thong-ke/ from the JSON data block the page carries (a data block is
// not run, so the Content-Security-Policy's script-src 'self' allows it). Chart.js is vendored
// (catalog/vendor/chartjs): the offices are often offline, so no CDN.
(function () {
  "use strict";
  var COLOURS = ["#1b6e3a", "#b7791f", "#2b6cb0", "#6b46c1"];

  // Long labels (product groups such as "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm
  // du lịch") would be cut at the chart's left edge: broken into lines at spaces, at most
  // MAX_LINES of them, the last ending in "…" when the name is longer still. The full name is in
  // the tooltip and in the table under the chart.
  var MAX_LINES = 3;

  function wrap(label, width) {
    var lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    if (lines.length > MAX_LINES) {
      lines = lines.slice(0, MAX_LINES);
      lines[MAX_LINES - 1] = lines[MAX_LINES - 1].replace(/[\s,;.]*$/, "") + "…";
    }
    return lines.length > 1 ? lines : lines[0];
  }

  function draw(canvas, data) {
    var stacked = data.series.length > 1;
    var horizontal = data.labels.length > 8 && !stacked;
    var box = canvas.parentNode;
    var labels = data.labels;
    if (horizontal) {
      // About a third of the chart's width for the names: 14 characters a line on a phone.
      var width = Math.max(14, Math.round(box.clientWidth / 20));
      labels = data.labels.map(function (label) { return wrap(label, width); });
      var lines = labels.reduce(function (n, l) { return n + (Array.isArray(l) ? l.length : 1); }, 0);
      box.classList.add("chart-tall");
      box.style.height = Math.max(16, data.labels.length * 1.2 + lines * 0.9 + 2) + "rem";
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: data.series.map(function (series, i) {
          return {label: series.label, data: series.data, backgroundColor: COLOURS[i % COLOURS.length]};
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: {display: stacked},
          tooltip: {callbacks: {title: function (items) { return data.labels[items[0].dataIndex]; }}}
        },
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
