"""``convert --jobs N`` makes the bytes one process makes: reading, deduplicating and
normalizing in slices side by side changes nothing but the time it takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.scale.generate_bib import generate

from tests.support import run_cli
from translitbib.model import Name
from translitbib.parse.dedupe import deduplicate
from translitbib.pipeline import ConvertOptions, default_steps
from translitbib.readers.bibtex import read_bibtex
from translitbib.translit.normalize import Normalizer
from translitbib.translit.step import normalize_all

# works repeated far apart (so the copies fall in other slices), one without a year
DUPLICATES = """
@book{again1, author = {Mukhin, Iurii}, title = {Ubiystvo Stalina i Berii}, year = 2002}
@book{again2, author = {Mukhin, Yuri}, title = {Ubiistvo Stalina i Berii}, publisher = {Krymskii most}}
@string{late = "Nauka"}
@book{again3, author = {Mukhin, Iu.}, title = {Ubiystvo Stalina i Berii}, address = late}
"""


def _library_text(size: int) -> str:
    text = generate(size, 11)
    middle = text.index("\n@", len(text) // 2)
    return text[:middle] + DUPLICATES + text[middle:] + DUPLICATES.replace("again", "later")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_jobs_make_the_same_bytes_on_a_library(tmp_path: Path) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text(_library_text(1200), encoding="utf-8")
    outs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        done = run_cli("convert", str(bib), "--out", str(out), "--jobs", jobs)
        assert done.returncode == 0, done.stderr
        outs.append(_snapshot(out))
    assert outs[0] == outs[1] == outs[2]
    report = outs[0]["report.md"].decode()
    assert report.count("duplicate-merged") >= 3  # the merges the test is about happened


@pytest.mark.parametrize("jobs", [2, 4])
def test_steps_in_slices_leave_the_library_one_process_leaves(jobs: int) -> None:
    text = _library_text(600)

    def run(jobs: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        library = read_bibtex(text, "library.bib", jobs=jobs)
        for step in default_steps(ConvertOptions(jobs=jobs)):
            library = step(library)
        return ([{**ref.to_csl(), "originals": ref.originals, "raw": ref.raw}
                 for ref in library.references],
                [n.to_dict() for n in library.normalizations])

    assert run(jobs) == run(1)


def test_a_name_shared_by_two_references_is_normalized_in_one_process() -> None:
    def normalized(jobs: int) -> list[list[dict[str, object]]]:
        library = deduplicate(read_bibtex(_library_text(50), "library.bib"))
        shared = [Name("Zhukovskaya", "Ol'ga")]  # one list, one Name, in two references
        library.references[0].names["author"] = library.references[-1].names["author"] = shared
        return [[r.to_dict() for r in records]
                for records in normalize_all(Normalizer(), library.references, jobs)]

    serial = normalized(1)
    assert any(r["original"] == "Zhukovskaya" for r in serial[0])  # changed once, first
    assert not any(r["original"] == "Zhukovskaya" for r in serial[-1])
    assert normalized(3) == serial
