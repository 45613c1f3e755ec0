/* The goals report's bar chart (templates/exchanges/goals_report.html).
 *
 * Reads the data the page embeds with json_script ("goals-report-data": labels, full titles for
 * the tooltips, and one dataset per kind of record, labels already translated) and draws it
 * with the vendored Chart.js. The tables on the page carry the same numbers, so without
 * JavaScript nothing is lost.
 */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("goals-report-data");
    var canvas = document.getElementById("goals-report-chart");
    if (!source || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (dataset) {
          return { label: dataset.label, data: dataset.data };
        }),
      },
      options: {
        locale: document.documentElement.lang || undefined,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? data.titles[items[0].dataIndex] : "";
              },
            },
          },
        },
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
