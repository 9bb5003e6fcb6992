// pagefind/<lang>/pagefind-worker.js, written by medpress at every build from medpress/search_worker.js.
// Pagefind searches in a web worker, which it starts from the language's first bundle; the language's
// module (pagefind.js beside this file) starts this one in its place. A first query fetches each
// bundle's entry (pagefind-entry.json) and metadata (pagefind.<hash>.pf_meta): here they are answered
// from what the build packed, ENTRIES below and the metadata in one file (PACK.file), so they cost one
// request in all, not two per bundle. Every other request, and these too if the pack cannot be had,
// goes to the network unchanged. Then Pagefind's own worker runs.
"use strict";
(function () {
  var ENTRIES = {/* ENTRIES */};
  var PACK = {/* PACK */};
  var here = new URL("./", self.location.href).href;
  var network = self.fetch.bind(self);
  var packed = null;

  self.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input.url || String(input), self.location.href);
    url.search = ""; // Pagefind asks for an entry with ?ts=...
    var name = url.href.indexOf(here) === 0 ? url.href.slice(here.length) : "";
    if (Object.prototype.hasOwnProperty.call(ENTRIES, name)) {
      return Promise.resolve(new Response(ENTRIES[name], { headers: { "Content-Type": "application/json" } }));
    }
    if (Object.prototype.hasOwnProperty.call(PACK.parts, name)) {
      var span = PACK.parts[name];
      packed = packed || network(here + PACK.file).then(function (response) {
        return response.ok ? response.arrayBuffer() : Promise.reject(new Error(response.statusText));
      });
      return packed.then(function (buffer) {
        return new Response(buffer.slice(span[0], span[1]));
      }, function () {
        return network(input, init);
      });
    }
    return network(input, init);
  };
})();
importScripts("./PRIMARY/pagefind-worker.js");
