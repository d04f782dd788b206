// Render every item of a CSL-JSON file with citeproc-js: one citation per item, then the
// bibliography. Usage: node render_citeproc.js items.json style.csl locale.xml
// Prints JSON {citations: [...], bibliography: [...], warnings: [...]} on stdout.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [itemsPath, stylePath, localePath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const style = fs.readFileSync(stylePath, "utf8");
const locale = fs.readFileSync(localePath, "utf8");
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const warnings = [];

const sys = {
  retrieveLocale: () => locale,
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, style, "en-US");
engine.opt.development_extensions.wrap_url_and_doi = false;
const origWarn = CSL.debug;
CSL.debug = (msg) => warnings.push(String(msg));
console.warn = (msg) => warnings.push(String(msg));

engine.updateItems(items.map((item) => item.id));
const citations = items.map((item) =>
  engine.makeCitationCluster([{ id: item.id }])
);
const [, bibliography] = engine.makeBibliography();
CSL.debug = origWarn;
process.stdout.write(JSON.stringify({ citations, bibliography, warnings }, null, 1));
