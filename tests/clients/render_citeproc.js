// Render every item of a CSL-JSON file with citeproc-js: one citation per item, then the
// bibliography, for each style given.
// Usage: node render_citeproc.js items.json locale.xml style.csl [style.csl ...]
// Prints JSON {"<style path>": {citations: [...], bibliography: [...], warnings: [...]}}.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [itemsPath, localePath, ...stylePaths] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const locale = fs.readFileSync(localePath, "utf8");
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
let warnings = [];
CSL.debug = (msg) => warnings.push(String(msg));
console.warn = (msg) => warnings.push(String(msg));

function render(stylePath) {
  warnings = [];
  const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };
  const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "en-US");
  engine.updateItems(items.map((item) => item.id));
  const citations = items.map((item) => engine.makeCitationCluster([{ id: item.id }]));
  const [, bibliography] = engine.makeBibliography();
  return { citations, bibliography, warnings };
}

const out = Object.fromEntries(stylePaths.map((path) => [path, render(path)]));
process.stdout.write(JSON.stringify(out, null, 1));
