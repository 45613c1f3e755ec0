/* Charts of the public pages (Chart.js from the portal's own static files). Each <canvas
   data-chart="id-of-json-script"> gets a bar or line chart of the series in that script. */
(function () {
  "use strict";
  var PALETTE = ["#1d3f73", "#b3202c", "#1f7a3f", "#9a6400", "#6b4fa0"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (typeof Chart === "undefined") { return; }
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    new Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (dataset, index) {
          return {
            label: dataset.label, data: dataset.data,
            backgroundColor: PALETTE[index % PALETTE.length],
            borderColor: PALETTE[index % PALETTE.length], tension: 0.2
          };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();

/* Print buttons (no inline handlers: the pages' Content-Security-Policy forbids them). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
