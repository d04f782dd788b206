// Parse a .bib with Better BibTeX's parser (the one Zotero's Better BibTeX imports with),
// as its import does: LaTeX to Unicode, names split, no sentence-casing.
// Usage: node parse_bbt.mjs file.bib
// Prints JSON {errors: [...], entries: [{type, key, fields}]}.
import fs from "fs";
import * as bibtex from "@retorquere/bibtex-parser";

const library = bibtex.parse(fs.readFileSync(process.argv[2], "utf8"), { sentenceCase: false });
const entries = library.entries.map((e) => ({ type: e.type, key: e.key, fields: e.fields }));
process.stdout.write(JSON.stringify({ errors: library.errors, entries }));
