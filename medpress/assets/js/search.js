// The search page's only script: start Pagefind's UI and run the query from ?q=...
// (the header search form on every page sends visitors here with their words).
// Loaded with `defer` after pagefind/pagefind-ui.js, so PagefindUI exists by now.
// The index is in bundles (pagefind/<lang>/<n>/): pagefind/<lang>/pagefind.js, which
// PagefindUI imports from its bundlePath, merges them with the same ranking, and loads
// their filters only once the visitor opens one (each bundle has a file per filter).
(function () {
  "use strict";
  var root = document.getElementById("search");
  var script = document.querySelector("script[src$='pagefind/pagefind-ui.js']");
  if (!root) {
    return;
  }
  if (!script || typeof PagefindUI === "undefined" || !window.fetch) {
    showFailure(); // Pagefind's UI did not load
    return;
  }
  var folder = script.src.replace(/pagefind-ui\.js$/, ""); // the site's pagefind/, base path included
  var baseUrl = new URL("..", folder).pathname; // the site's root, where result URLs start
  var lang = (document.documentElement.lang || "unknown").toLowerCase();
  var defaultIndex = (root.getAttribute("data-default-index") || "").toLowerCase();
  var bundlePath = folder + (root.getAttribute("data-index") || lang) + "/"; // data-index: see search.html
  import(bundlePath + "pagefind.js").catch(function (error) {
    if (!defaultIndex || bundlePath === folder + defaultIndex + "/") {
      throw error; // the default's own index failed: nothing else to try
    }
    bundlePath = folder + defaultIndex + "/"; // this language has no pages of its own yet: search the default's
    return import(bundlePath + "pagefind.js");
  }).then(function (pagefind) {
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundlePath,
      baseUrl: baseUrl,
      ranking: { termSimilarity: 5 },
      showSubResults: true,
      showImages: false,
      excerptLength: 24,
      translations: { placeholder: root.getAttribute("data-placeholder") || "Search" }
    });
    var input = root.querySelector("input[type='text'], input[type='search']");
    if (input && !input.getAttribute("aria-label")) { // Pagefind names it by a title alone
      input.setAttribute("aria-label", input.getAttribute("title") || input.getAttribute("placeholder") || "Search");
    }
    var filtersAsked = false;
    root.addEventListener("toggle", function (event) { // toggle does not bubble: caught on the way down
      if (filtersAsked || !event.target.open || !event.target.classList.contains("pagefind-ui__filter-block")) {
        return;
      }
      filtersAsked = true;
      pagefind.loadFilters().then(function () {
        ui.triggerFilters({}); // searching again gives the UI the filters' values and counts
      });
    }, true);
    announceResults(root, document.querySelector("[data-search-status]"));
    keepQueryInAddress(root, input);
    var term = new URLSearchParams(window.location.search).get("q");
    if (term && term.trim()) {
      ui.triggerSearch(term.trim());
    }
  }, showFailure); // no index for this page's language, or its startup.json could not be had

  // Say that search is not there, with the way round it, rather than leave the page empty.
  function showFailure() {
    var failed = root.querySelector("[data-search-failed]");
    if (failed) {
      failed.hidden = false;
    }
  }

  // The words typed go into the address (?q=...) once typing pauses, and leave it with Pagefind's Clear
  // button (which empties the box with no input event): a reload, a shared link or the way back from a
  // result shows the same search. replaceState: no history entry for each word.
  function keepQueryInAddress(root, input) {
    if (!input || !window.history || !window.history.replaceState) {
      return;
    }
    var timer = 0;
    function writeSoon(delay) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = new URL(window.location.href);
        var term = input.value.trim();
        if ((url.searchParams.get("q") || "") === term) {
          return; // the address says it already (a search run from ?q=)
        }
        if (term) {
          url.searchParams.set("q", term);
        } else {
          url.searchParams.delete("q");
        }
        window.history.replaceState(window.history.state, "", url.href);
      }, delay);
    }
    window.addEventListener("pagehide", function () { clearTimeout(timer); }); // leaving for a result
    input.addEventListener("input", function () { writeSoon(300); });
    root.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest(".pagefind-ui__search-clear")) {
        writeSoon(0);
      }
    });
  }

  // Screen readers hear the result count (WCAG 4.1.3) once it settles, not at every keystroke.
  function announceResults(results, status) {
    if (!status || !window.MutationObserver) {
      return;
    }
    var said = "";
    var timer = 0;
    new MutationObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var message = results.querySelector(".pagefind-ui__message");
        var text = message ? message.textContent.trim() : "";
        if (text !== said) {
          said = text;
          status.textContent = text;
        }
      }, 500);
    }).observe(results, { childList: true, subtree: true, characterData: true });
  }
})();
