// Kinerja web UI: small progressive enhancements (the pages work without script).
// After htmx swaps content in, move the keyboard focus to the first field with an error, so
// a keyboard or screen-reader user hears what went wrong.
document.addEventListener("htmx:afterSwap", function (event) {
  var invalid = event.detail.target.querySelector("[aria-invalid='true']");
  if (invalid) { invalid.focus(); }
});
// Buttons that delete something ask first (data-konfirmasi holds the question).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = (button && button.dataset.konfirmasi) || event.target.dataset.konfirmasi;
  if (question && !window.confirm(question)) { event.preventDefault(); }
});
// Enter in a picker's search field searches (htmx's "search" event) instead of sending the form.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.matches && event.target.matches("input[data-cari]")) {
    event.preventDefault();
    event.target.dispatchEvent(new Event("search", {bubbles: true}));
  }
});
