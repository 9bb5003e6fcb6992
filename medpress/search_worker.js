// pagefind/<lang>/pagefind-worker.js, written by medpress at every build from medpress/search_worker.js.
// Pagefind searches in a web worker, which it starts from the language's first bundle; the language's
// module (pagefind.js beside this file) starts this one in its place. A first query fetches each
// bundle's entry (pagefind-entry.json) and metadata (pagefind.<hash>.pf_meta). Here they are answered
// from what the build packed: startup.json beside this file, fetched fresh as Pagefind fetches an entry
// (so that a site's new index is seen at once), holds the entries and names the file of the metadata,
// whose name changes with its content. So they cost two requests in all, not two per bundle. Every other
// request, and these too if the pack cannot be had, goes to the network unchanged. Then Pagefind's own
// worker runs.
"use strict";
(function () {
  var here = new URL("./", self.location.href).href;
  var network = self.fetch.bind(self);
  var startup = null;
  var pack = null;

  function packed(name) {
    startup = startup || network(here + "startup.json?ts=" + Date.now()).then(function (response) {
      return response.ok ? response.json() : Promise.reject(new Error(response.statusText));
    });
    return startup.then(function (found) {
      if (Object.prototype.hasOwnProperty.call(found.entries, name)) {
        return new Response(found.entries[name], { headers: { "Content-Type": "application/json" } });
      }
      if (!Object.prototype.hasOwnProperty.call(found.parts, name)) {
        return Promise.reject(new Error("not packed: " + name));
      }
      var span = found.parts[name];
      pack = pack || network(here + found.pack).then(function (response) {
        return response.ok ? response.arrayBuffer() : Promise.reject(new Error(response.statusText));
      });
      return pack.then(function (buffer) {
        return new Response(buffer.slice(span[0], span[1]));
      });
    });
  }

  self.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input.url || String(input), self.location.href);
    url.search = ""; // Pagefind asks for an entry with ?ts=...
    var name = url.href.indexOf(here) === 0 ? url.href.slice(here.length) : "";
    if (!/^[^/]+\/(?:pagefind-entry\.json|[^/]+\.pf_meta)$/.test(name)) {
      return network(input, init);
    }
    return packed(name).catch(function () {
      return network(input, init);
    });
  };
})();
importScripts("./PRIMARY/pagefind-worker.js");
