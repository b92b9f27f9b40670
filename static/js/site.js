// Comfort only: every page works without this file.
// The language switch keeps the reader's place: carry the current #anchor over.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-keep-anchor]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
