// The search page's only script: start Pagefind's UI and run the query from ?q=...
// (the header search form on every page sends visitors here with their words).
// Loaded with `defer` after pagefind/pagefind-ui.js, so PagefindUI exists by now.
// The index is in bundles (pagefind/<lang>/<n>/, listed in pagefind/bundles.json):
// the first of the page's language is the primary, the others are merged into it,
// each with the same ranking, so that results from every bundle rank alike.
(function () {
  "use strict";
  var root = document.getElementById("search");
  var script = document.querySelector("script[src$='pagefind/pagefind-ui.js']");
  if (!root || !script || typeof PagefindUI === "undefined" || !window.fetch) {
    return; // no index (a --no-search build): the <noscript>-style fallback text stays
  }
  var folder = script.src.replace(/pagefind-ui\.js$/, ""); // the site's pagefind/, base path included
  var baseUrl = new URL("..", folder).pathname; // the site's root, where result URLs start
  var lang = (document.documentElement.lang || "unknown").toLowerCase();
  var ranking = { termSimilarity: 5 };
  fetch(folder + "bundles.json")
    .then(function (response) { return response.json(); })
    .then(function (listing) {
      var bundles = listing[lang] || [];
      if (!bundles.length) {
        return;
      }
      var ui = new PagefindUI({
        element: "#search",
        bundlePath: folder + bundles[0],
        baseUrl: baseUrl,
        ranking: ranking,
        mergeIndex: bundles.slice(1).map(function (bundle) {
          return { bundlePath: folder + bundle, baseUrl: baseUrl, ranking: ranking };
        }),
        showSubResults: true,
        showImages: false,
        excerptLength: 24,
        translations: { placeholder: root.getAttribute("data-placeholder") || "Search" }
      });
      var term = new URLSearchParams(window.location.search).get("q");
      if (term && term.trim()) {
        ui.triggerSearch(term.trim());
      }
    });
})();
