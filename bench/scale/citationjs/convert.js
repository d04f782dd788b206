// BibTeX -> CSL-JSON with citation-js, as the scale benchmark times it.
// usage: node convert.js INPUT.bib OUTPUT.json   (prints the number of items)
'use strict'
const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')

const [input, output] = process.argv.slice(2)
const items = new Cite(fs.readFileSync(input, 'utf8')).data
fs.writeFileSync(output, JSON.stringify(items))
console.log(items.length)
