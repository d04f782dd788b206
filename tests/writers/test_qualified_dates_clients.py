"""biber and pandoc read the qualified dates of the .bib: [1953] as 1953, 1990~ as circa,
a urldate with a time (``tests/readers_structured/test_bibtex_qualified_dates.py``)."""

from __future__ import annotations

import json
import subprocess

import pytest

from translitbib.readers.bibtex import read_bibtex
from translitbib.writers.bibtex import format_bibtex

BIB = """@book{d2, author={A, C}, title={Two}, date={1990~}}
@book{d4, author={A, E}, title={Four}, year={[1953]}}
@book{d9, author={A, J}, title={Nine}, year={1953}, urldate={2020-01-01T10:00:00}}
"""


@pytest.mark.clients
def test_biber_and_pandoc_read_every_date(tmp_path, require_client):
    biber, pandoc = require_client("biber"), require_client("pandoc")
    bib = tmp_path / "references.bib"
    bib.write_text(format_bibtex(read_bibtex(BIB, "in.bib")), "utf-8")
    tool = subprocess.run([biber, "--tool", "--validate-datamodel", "--output-file", "t.bib",
                           str(bib)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert tool.returncode == 0 and "WARN" not in tool.stdout, tool.stdout
    read = subprocess.run([pandoc, "-f", "biblatex", "-t", "csljson", str(bib)],
                          capture_output=True, text=True, timeout=120)
    items = {i["id"]: i for i in json.loads(read.stdout)}
    assert items["d2"]["issued"] == {"circa": True, "date-parts": [[1990]]}
    assert items["d4"]["issued"] == {"date-parts": [[1953]]}
    assert items["d9"]["accessed"] == {"date-parts": [[2020, 1, 1]]}
