/* A copy variant's checks and width counters follow the copywriter's typing.
   Without this script the page still works: it shows the findings of the saved copy. */
(function () {
  "use strict";
  var FIELDS = ["headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description"];
  var DELAY_MS = 400;
  var SEVERITIES = ["error", "warning"];

  function start() {
    var panel = document.getElementById("checks-panel");
    var form = document.getElementById("copyvariant_form");
    if (!panel || !form || !panel.dataset.checkUrl) return; // only where this user may edit the copy
    var inputs = FIELDS.map(function (name) { return form.elements.namedItem(name); })
      .filter(function (input) { return input && input.type !== "hidden" && !input.disabled; });
    if (!inputs.length) return;
    var list = panel.querySelector("ul.glocal-findings");
    var clean = panel.querySelector(".glocal-checks-clean");
    var timer = null;
    var running = null;

    function finding(item) {
      var severity = SEVERITIES.indexOf(item.severity) >= 0 ? item.severity : "warning";
      var row = document.createElement("li");
      row.className = "glocal-finding glocal-finding-" + severity;
      var label = document.createElement("strong");
      label.textContent = severity === "error" ? panel.dataset.errorLabel : panel.dataset.warningLabel;
      row.append(label, " · " + (item.check_name || item.code) + " · " + (item.field_label || item.field || "") + " — " + item.message);
      return row;
    }

    function show(result) {
      list.replaceChildren.apply(list, result.findings.map(finding));
      list.hidden = result.findings.length === 0;
      clean.hidden = result.findings.length > 0;
      Object.keys(result.fields).forEach(function (name) {
        var width = result.fields[name];
        var counter = form.querySelector('[data-width-of="' + name + '"]');
        if (!counter || !width.limit) return;
        counter.textContent = panel.dataset.widthFormat
          .replace("%(width)d", width.width).replace("%(limit)d", width.limit);
        counter.classList.toggle("glocal-width-over", width.width > width.limit);
      });
    }

    function check() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
      inputs.forEach(function (input) { data.append(input.name, input.value); });
      if (running) running.abort(); // only the answer for the latest text counts
      running = new AbortController();
      fetch(panel.dataset.checkUrl, {
        method: "POST", body: data, credentials: "same-origin", signal: running.signal,
        headers: {"Accept": "application/json"}
      }).then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      }).then(show).catch(function () { /* the findings shown stay; saving checks again anyway */ });
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, DELAY_MS);
      });
    });
    if (form.querySelector(".errornote")) check(); // a refused save shows typed text, not the saved one
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
