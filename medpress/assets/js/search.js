// The search page's only script: start Pagefind's UI and run the query from ?q=...
// (the header search form on every page sends visitors here with their words).
// Loaded with `defer` after /pagefind/pagefind-ui.js, so PagefindUI exists by now.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") {
    return; // no index (a --no-search build): the <noscript>-style fallback text stays
  }
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    excerptLength: 24,
    translations: { placeholder: root.getAttribute("data-placeholder") || "Search" }
  });
  var term = new URLSearchParams(window.location.search).get("q");
  if (term && term.trim()) {
    ui.triggerSearch(term.trim());
  }
})();
