// pagefind/<lang>/pagefind.js, written by medpress at every build from medpress/search_language.js.
// The search page's PagefindUI imports this module in place of Pagefind's own (its bundlePath
// is pagefind/<lang>/). It is Pagefind's module of the language's first bundle, with three changes:
// - options() also merges the language's other bundles, each with the same options (ranking,
//   base URL), so that results from every bundle rank alike;
// - filters() names the filters, with no values, until loadFilters() is called: Pagefind's
//   answer loads one file per filter per bundle, most of a first query's requests. The
//   search page calls loadFilters() when the visitor opens a filter;
// - Pagefind's web worker, which it starts from the first bundle's folder, is started from
//   pagefind-worker.js beside this module instead: that one answers the bundles' entries and
//   metadata from what the build packed (startup.json), then runs Pagefind's worker.
import * as pagefind from "./PRIMARY/pagefind.js";

export * from "./PRIMARY/pagefind.js";

const MERGED = [/* MERGED */];
const FILTERS = [/* FILTERS */];
let merging = null;
let loaded = null;

const pagefindWorker = new URL("./PRIMARY/pagefind-worker.js", import.meta.url).href;
const ownWorker = new URL("./pagefind-worker.js", import.meta.url).href;
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
  for (const bundle of MERGED) {
    await pagefind.mergeIndex(new URL(bundle, import.meta.url).href, { ...shared });
  }
}

export function filters() {
  return loaded || Promise.resolve(Object.fromEntries(FILTERS.map((name) => [name, {}])));
}

export function loadFilters() {
  loaded = loaded || pagefind.filters();
  return loaded;
}
