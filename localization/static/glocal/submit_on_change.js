// A <select data-submit-on-change> sends its form as soon as another option is chosen (the language menu,
// the month view's market). A file of its own, not an onchange attribute: the Content-Security-Policy
// runs no inline script.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
