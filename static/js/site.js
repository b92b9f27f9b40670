// Comfort only: every page works without this file.
document.documentElement.classList.add("js");
// The language switch keeps the reader's place: carry the current #anchor over.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-keep-anchor]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});

// After a form comes back with errors, move focus to the summary so it is read first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// On paper each link's address is written after it (print.css). `link.href` is the full
// address, so a printout's links can be typed in; without this file they print as paths.
document.querySelectorAll('main a[href^="/"]').forEach(function (link) {
  link.setAttribute("data-print-href", link.href);
});
