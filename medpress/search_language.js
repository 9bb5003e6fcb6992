// pagefind/<lang>/pagefind.js, copied by medpress from medpress/search_language.js: the same file for
// every language and every build, so a browser that keeps it (hosts let it, for minutes) keeps nothing
// about the index. The search page's PagefindUI imports this module in place of Pagefind's own (its
// bundlePath is pagefind/<lang>/). It is Pagefind's module of the language's first bundle (0/), with:
// - startup.json, fetched fresh as Pagefind fetches an entry, so that a site's new index is seen at
//   once: the language's bundles, its filters' names and the pack of its bundles' entries and metadata;
// - options() also merges the language's other bundles, each with the same options (ranking,
//   base URL), so that results from every bundle rank alike;
// - filters() names the filters, with no values, until loadFilters() is called: Pagefind's
//   answer loads one file per filter per bundle, most of a first query's requests. The
//   search page calls loadFilters() when the visitor opens a filter;
// - Pagefind's web worker, which it starts from the first bundle's folder, is started from
//   pagefind-worker.js beside this module instead, told the pack's name: that one answers the
//   bundles' entries and metadata from the pack, then runs Pagefind's worker.
import * as pagefind from "./0/pagefind.js";

export * from "./0/pagefind.js";

const startup = await fetch(new URL(`startup.json?ts=${Date.now()}`, import.meta.url)).then((response) => {
  if (!response.ok) {
    throw new Error(`${response.status} ${response.url}`);
  }
  return response.json();
});
let merging = null;
let loaded = null;

const pagefindWorker = new URL("./0/pagefind-worker.js", import.meta.url).href;
const ownWorker = new URL(`./pagefind-worker.js#${encodeURIComponent(startup.pack)}`, import.meta.url).href;
const BrowsersWorker = globalThis.Worker;
if (BrowsersWorker) {
  globalThis.Worker = class extends BrowsersWorker {
    constructor(url, options) {
      super(new URL(String(url), document.baseURI).href === pagefindWorker ? ownWorker : url, options);
    }
  };
}

export async function options(settings) {
  await pagefind.options(settings);
  merging = merging || merge(settings);
  return merging;
}

async function merge(settings) {
  const { basePath, ...shared } = settings || {}; // a merged bundle keeps its own folder
  for (const bundle of startup.bundles.slice(1)) {
    await pagefind.mergeIndex(new URL(bundle, import.meta.url).href, { ...shared });
  }
}

export function filters() {
  return loaded || Promise.resolve(Object.fromEntries(startup.filters.map((name) => [name, {}])));
}

export function loadFilters() {
  loaded = loaded || pagefind.filters();
  return loaded;
}
