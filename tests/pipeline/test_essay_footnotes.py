"""Markdown footnotes (pandoc, GitHub, Obsidian): ``[^1]`` calls and ``[^1]:`` definitions
read as the essay's notes, wherever the definitions stand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from translitbib.pipeline import ConvertOptions, run
from translitbib.readers import read_path
from translitbib.readers.essay_footnotes import footnote_numbers, mark_footnotes

# definitions after their paragraph, at the end, one under another with no blank line,
# a note of two paragraphs; a call with no definition; a definition never called
ESSAY = """# Stalin's last years

Beria's fall was sudden.[^1] Mukhin argues otherwise (Mukhin, *Ubiystvo* 618-23).[^2]

[^1]: Amy Knight, *Beria: Stalin's First Lieutenant* (Princeton: Princeton University
Press, 1993), 176.

The plenum followed.[^3] Nobody spoke.[^9]

[^2]: Iu. I. Mukhin, *Ubiystvo Stalina i Beriia* (Moskva: Krymskii most-9D, 2003), 618;
see <https://www.hrono.ru/libris/lib_m/muhin00.php>.
[^3]: Knight, *Beria*, 190.

    A second paragraph of note 3: Mukhin, *Ubiystvo*, 620.

## Bibliography

Knight, Amy. *Beria: Stalin's First Lieutenant*. Princeton: Princeton University Press, 1993.

Mukhin, Iurii. *Ubiystvo Stalina i Beriia*. Moskva: Krymskii most-9D, 2003.

[^4]: A note nobody calls.
"""


def _library(tmp_path: Path, text: str = ESSAY, name: str = "essay.md"):  # type: ignore[no-untyped-def]
    essay = tmp_path / name
    essay.write_text(text, encoding="utf-8")
    return read_path(essay)


def test_definitions_are_notes_wherever_they_stand(tmp_path: Path) -> None:
    library = _library(tmp_path)
    assert [(n.number, n.source.line) for n in library.notes] == [
        (1, 5), (2, 10), (3, 12), (4, 22)]
    assert library.notes[0].text.startswith("Amy Knight, Beria: Stalin's First Lieutenant")
    assert library.notes[2].text == (
        "Knight, Beria, 190.\nA second paragraph of note 3: Mukhin, Ubiystvo, 620.")
    assert [u.url for u in library.notes[1].urls] == [
        "https://www.hrono.ru/libris/lib_m/muhin00.php"]
    # the bibliography holds its two entries only: no definition was read as an entry
    assert [r.source.line for r in library.references if r.origin == "entry"] == [18, 20]


def test_calls_link_their_notes_and_the_notes_cite_the_bibliography(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert [[c.line for c in n.calls] for n in library.notes] == [[3], [3], [8], []]
    linked = {c.text: [t.reference.id if t.reference else None for t in c.targets]
              for c in library.citations}
    assert linked["Knight, *Beria*, 190"] == ["knight1993beria"]
    assert linked["Mukhin, *Ubiystvo*, 620"] == ["mukhin2003ubiystvo"]
    problems = {(p.code, p.source.line) for p in library.problems}
    assert ("note-call-without-note", 8) in problems  # [^9]
    assert ("note-not-called", 22) in problems  # [^4]
    # no call is left in the text as "[^1]"
    assert all("[^" not in n.text for n in library.notes)


def test_word_labels_are_numbered_in_the_order_of_their_calls() -> None:
    text = "A.[^knight] B.[^mukhin] C.[^knight]\n\n[^mukhin]: M.\n[^knight]: K.\n[^x]: X.\n"
    assert footnote_numbers(text) == {"knight": 1, "mukhin": 2, "x": 3}
    marked = mark_footnotes(text)
    assert marked.splitlines()[2:] == ["[2] M.", "[1] K.", "[3] X."]
    assert marked.count("\n") == text.count("\n")


def test_word_labels_in_an_essay(tmp_path: Path) -> None:
    library = _library(tmp_path, "Beria fell.[^knight]\n\n[^knight]: Amy Knight, *Beria* "
                                 "(Princeton: Princeton University Press, 1993), 176.\n")
    assert [(n.number, [c.line for c in n.calls]) for n in library.notes] == [(1, [1])]
    assert library.references[0].title == "Beria"


def test_a_footnote_call_in_a_plain_text_file_too(tmp_path: Path) -> None:
    # pandoc's Markdown saved as .txt: read the same way
    library = _library(tmp_path, name="essay.txt")
    assert [n.number for n in library.notes] == [1, 2, 3, 4]


def test_text_without_footnotes_is_untouched() -> None:
    text = "See [the article](http://x.org/a) and [^ not a label] and x[^].\n"
    assert mark_footnotes(text) == text


def test_cli_report_counts_the_footnotes(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "translitbib.cli", "convert", str(essay),
                          "--out", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["notes"] == 4
    assert report["accounting"]["balanced"] is True


# pandoc -t plain of the Markdown above (as from a Word file: pandoc fn.docx -t plain):
# the notes come last, numbered [1], [2], under no heading
PANDOC_PLAIN = """Stalin’s last years

Beria’s fall was sudden.[1] Mukhin argues otherwise (Mukhin, Ubiystvo
618-23).[2]

Bibliography

Knight, Amy. Beria: Stalin’s First Lieutenant. Princeton: Princeton
University Press, 1993.

Mukhin, Iurii. Ubiystvo Stalina i Beriia. Moskva: Krymskii most-9D,
2003.

[1] Amy Knight, Beria: Stalin’s First Lieutenant (Princeton: Princeton
University Press, 1993), 176.

    A second paragraph: Knight, Beria, 180.

[2] Iu. I. Mukhin, Ubiystvo Stalina i Beriia (Moskva: Krymskii most-9D,
2003), 618; see also https://www.hrono.ru/libris/lib_m/muhin00.php.
"""


def test_notes_pandoc_writes_last_under_no_heading(tmp_path: Path) -> None:
    """They were read as two more bibliography entries, and the calls as calls of notes
    the file lacked."""
    library = _library(tmp_path, PANDOC_PLAIN, "essay.txt")
    assert [(n.number, n.source.line, [c.line for c in n.calls]) for n in library.notes] == [
        (1, 14, [3]), (2, 19, [4])]
    assert [r.source.line for r in library.references if r.origin == "entry"] == [8, 11]
    assert library.inputs[0].entries_read == 2
    assert "Knight, Beria, 180" in library.notes[0].text
    assert not [p.code for p in library.problems if p.code.startswith("note-")]


def test_unheaded_notes_after_the_body(tmp_path: Path) -> None:
    text = PANDOC_PLAIN.split("Bibliography")[0] + PANDOC_PLAIN.split("2003.\n\n", 1)[1]
    library = _library(tmp_path, text, "essay.txt")
    assert [n.number for n in library.notes] == [1, 2]


def test_unheaded_notes_past_999(tmp_path: Path) -> None:
    """A thesis's 1,005 notes as pandoc's plain text writes them: [1000] was no note, so
    the run of notes ended before it began and all 1,005 were read as bibliography entries."""
    calls = " ".join(f"Beria fell.[{n}]" for n in range(1, 1006))
    notes = "\n\n".join(f"[{n}] Knight, Beria, {n}." for n in range(1, 1006))
    text = (f"{calls}\n\nBibliography\n\nKnight, Amy. Beria. Princeton: Princeton "
            f"University Press, 1993.\n\n{notes}\n")
    library = _library(tmp_path, text, "essay.txt")
    assert [n.number for n in library.notes] == list(range(1, 1006))
    assert [r.title for r in library.references if r.origin == "entry"] == ["Beria"]


def test_a_numbered_reference_list_stays_the_bibliography(tmp_path: Path) -> None:
    # numeric style: [1] in the text cites entry [1]; the whole list is numbered
    text = ("Beria fell.[1] So Mukhin says.[2]\n\nReferences\n\n"
            "[1] Knight, Amy. Beria. Princeton: Princeton University Press, 1993.\n\n"
            "[2] Mukhin, Iurii. Ubiystvo Stalina i Beriia. Moskva: Algoritm, 2003.\n")
    library = _library(tmp_path, text, "essay.txt")
    assert library.notes == []
    assert [r.title for r in library.references] == ["Beria", "Ubiystvo Stalina i Beriia"]


def test_numbered_paragraphs_nobody_calls_are_no_notes(tmp_path: Path) -> None:
    text = "The text.\n\n[1] A numbered point.\n\n[2] Another.\n"
    library = _library(tmp_path, text, "essay.txt")
    assert library.notes == []


def test_a_label_of_superscript_digits_is_a_word(tmp_path: Path) -> None:
    """'¹'.isdigit() is true but int('¹') raises: [^¹] ended the run with exit 70."""
    library = _library(tmp_path, "Beria fell.[^¹]\n\n[^¹]: Knight, Beria, 12.\n", "essay.txt")
    assert [(n.number, [c.line for c in n.calls]) for n in library.notes] == [(1, [1])]
