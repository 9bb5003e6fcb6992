// pagefind/<lang>/pagefind-worker.js, copied by medpress from medpress/search_worker.js: the same file
// for every language and every build. Pagefind searches in a web worker, which it starts from the
// language's first bundle; the language's module (pagefind.js beside this file) starts this one in its
// place, with the name of this build's pack after the # (from startup.json, which the module fetched
// fresh). A first query fetches each bundle's entry (pagefind-entry.json) and metadata
// (pagefind.<hash>.pf_meta). Here they are answered from the pack, whose name changes with its content:
// one request in all, not two per bundle. The pack is a line of JSON (the entries, and each metadata
// file's span after that line), then the metadata files. Every other request, and these too if the pack
// cannot be had, goes to the network unchanged. Then Pagefind's own worker runs.
"use strict";
(function () {
  var here = new URL("./", self.location.href).href;
  var packName = decodeURIComponent(new URL(self.location.href).hash.slice(1));
  var network = self.fetch.bind(self);
  var pack = null;

  function unpacked() {
    pack = pack || network(here + packName).then(function (response) {
      return response.ok ? response.arrayBuffer() : Promise.reject(new Error(response.statusText));
    }).then(function (buffer) {
      var end = new Uint8Array(buffer).indexOf(10); // the index's line: JSON writes no newline of its own
      var index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 0, end)));
      return { entries: index.entries, parts: index.parts, metadata: buffer.slice(end + 1) };
    });
    return pack;
  }

  function packed(name) {
    return unpacked().then(function (found) {
      if (Object.prototype.hasOwnProperty.call(found.entries, name)) {
        return new Response(found.entries[name], { headers: { "Content-Type": "application/json" } });
      }
      if (!Object.prototype.hasOwnProperty.call(found.parts, name)) {
        return Promise.reject(new Error("not packed: " + name));
      }
      var span = found.parts[name];
      return new Response(found.metadata.slice(span[0], span[1]));
    });
  }

  self.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input.url || String(input), self.location.href);
    url.search = ""; // Pagefind asks for an entry with ?ts=...
    var name = url.href.indexOf(here) === 0 ? url.href.slice(here.length) : "";
    if (!packName || !/^[^/]+\/(?:pagefind-entry\.json|[^/]+\.pf_meta)$/.test(name)) {
      return network(input, init);
    }
    return packed(name).catch(function () {
      return network(input, init);
    });
  };
})();
importScripts("./0/pagefind-worker.js");
