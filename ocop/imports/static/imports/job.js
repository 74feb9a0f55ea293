// An import's page while it runs: ask the status endpoint every two seconds, show the phase
// and the rows checked, and reload the page (with its report) once the step is over. Without
// JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var panel = document.querySelector("[data-status-url]");
  if (!panel) return;
  var phase = panel.querySelector("[data-phase]");
  var bar = panel.querySelector("[data-bar]");
  function show(status) {
    var text = status.phase || status.state_label;
    if (status.rows_total) text += ": " + status.rows_done + "/" + status.rows_total + " dòng";
    if (phase.textContent !== text) phase.textContent = text;
    bar.value = status.percent;
    bar.textContent = status.percent + "%";
  }
  function poll() {
    fetch(panel.getAttribute("data-status-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        if (!status.running) { window.location.reload(); return; }
        show(status);
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
