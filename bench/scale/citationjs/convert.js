// BibTeX -> CSL-JSON with citation-js, as the scale benchmark times it.
// usage: node convert.js INPUT.bib OUTPUT.json   (prints the number of items)
'use strict'
const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')

const [input, output] = process.argv.slice(2)
// generateGraph: false -- by default every item carries a parse graph holding the whole
// input text, which makes the output (and JSON.stringify) quadratic in the file size.
const items = new Cite(fs.readFileSync(input, 'utf8'), { generateGraph: false }).data
fs.writeFileSync(output, JSON.stringify(items))
console.log(items.length)
