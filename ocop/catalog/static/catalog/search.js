// The filters (<details id="filters">) are open beside the results on a wide screen and folded
// above them on a phone, so a phone shows the results first. Without this file the page still
// works: search.css shows the filters on a wide screen and the summary opens them anywhere.
(function () {
  const filters = document.getElementById("filters");
  if (!filters) return;
  const wide = window.matchMedia("(min-width: 48.01rem)");
  const follow = () => { filters.open = wide.matches; };
  follow();
  filters.dataset.ready = "";
  wide.addEventListener("change", follow);
})();
