/* "This change of the source is a …" is asked only once a source field is edited.
   The server decides either way: it requires the answer when the source changed and ignores it otherwise. */
(function () {
  "use strict";
  var FIELDS = ["headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description"];

  function start() {
    var row = document.querySelector(".form-row.field-change_kind");
    if (!row) return;
    var inputs = FIELDS.map(function (name) { return document.getElementById("id_" + name); })
      .filter(function (input) { return input; });
    function update() {
      var edited = inputs.some(function (input) { return input.value !== input.defaultValue; });
      var answered = row.querySelector("input:checked") !== null;
      row.hidden = !(edited || answered || row.classList.contains("errors"));
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
