"""Query a built site's search index with Pagefind's own JS under Node, as the search page does.

fetch() is pointed at the files on disk, through the language's worker script, whose pack
answers for the bundles' entries and metadata. The language's module, pagefind/<lang>/pagefind.js,
merges its bundles (listed in pagefind/<lang>/startup.json) into the first with the search page's
ranking, and loads their filters when asked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SEARCH_JS = """
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
const [site, queries, lang] = [process.argv[2], JSON.parse(process.argv[3]), process.argv[4]];
const unpacked = []; // the bundles' entries and metadata read one by one: the worker's pack should answer for them
globalThis.fetch = async (input) => {
  const path = fileURLToPath(String(input).split("?")[0]);
  if (/(pagefind-entry\\.json|\\.pf_meta)$/.test(path)) unpacked.push(path);
  return new Response(await readFile(path));
};
const folder = pathToFileURL(`${site}/pagefind/`).href;
const startup = JSON.parse(await readFile(`${site}/pagefind/${lang}/startup.json`, "utf-8"));
// In a browser Pagefind searches in the worker that pagefind/<lang>/pagefind-worker.js starts, whose fetch()
// answers the bundles' entries and metadata from a pack; under Node it searches here, so that fetch() is here.
// The language's module starts it with the pack's name after the #.
const worker = { fetch: globalThis.fetch, location: { href: `${folder}${lang}/pagefind-worker.js#${startup.pack}` } };
new Function("self", "importScripts", await readFile(new URL(worker.location.href), "utf-8"))(worker, () => {});
globalThis.fetch = worker.fetch;
const bundles = startup.bundles.map((bundle) => `${lang}/${bundle}`);
const ranking = { termSimilarity: 5 };
// The language's module (pagefind/<lang>/pagefind.js) merges its bundles, as on the search page.
const pagefind = await import(`${folder}${lang}/pagefind.js`);
await pagefind.options({ basePath: `${folder}${bundles[0]}`, baseUrl: "/", ranking });
const results = [];
for (const [term, filters] of queries) {
  const found = await pagefind.search(term, { filters });
  results.push(await Promise.all(found.results.map(async (r) => (await r.data()).url)));
}
console.log(JSON.stringify({ results, filters: await pagefind.loadFilters(), bundles, unpacked }));
"""

Query = tuple[str | None, dict[str, str]]


def node_or_skip() -> str:
    """Node, or skip (fail under CI=true, so that the search tests never silently stop)."""
    found = shutil.which("node")
    if found is None:
        message = "node is not installed: the Pagefind index cannot be queried (apt-get install nodejs)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def search(node: str, out: Path, queries: list[Query], lang: str = "en") -> dict[str, Any]:
    """Each query's result URLs in rank order, the merged filters with their counts, and the bundles read."""
    script = out.parent / "search.mjs"
    script.write_text(SEARCH_JS, encoding="utf-8")
    done = subprocess.run([node, str(script), str(out), json.dumps(queries), lang],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    assert found["unpacked"] == [], "the worker's pack answers for every bundle's entry and metadata"
    return found


def bundles_of(out: Path) -> dict[str, list[str]]:
    """Each language's bundles, as pagefind/<lang>/startup.json lists them ("en/0/"...), the first the primary."""
    return {startup.parent.name: [f"{startup.parent.name}/{bundle}"
                                  for bundle in json.loads(startup.read_text(encoding="utf-8"))["bundles"]]
            for startup in sorted((out / "pagefind").glob("*/startup.json"))}
