"""The essay reader given a document's text (``source_lines``): lines are reported
as the paragraphs they are in, and the paragraphs stay the author's."""

from __future__ import annotations

from translitbib.readers.essay import read_essay

# what readers/document.py writes: a paragraph a block, a blank line after each
TEXT = """Beria fell (Knight, *Beria*, 176).[^1]

Bibliography

von Hagen, Mark. *Soldiers in the Proletarian Dictatorship*. Ithaca: Cornell University Press, 1990.

Knight, Amy. *Beria: Stalin's First Lieutenant*. Princeton: Princeton University Press, 1993.

[^1]: Knight, *Beria*, 176.

"""
PARAGRAPHS = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]  # one for each line of TEXT


def test_lines_are_reported_as_paragraph_numbers() -> None:
    library = read_essay(TEXT, "essay.docx", source_lines=PARAGRAPHS)
    assert [r.source.line for r in library.references] == [3, 4]
    assert [(n.number, n.source.line, [c.line for c in n.calls]) for n in library.notes] == [
        (1, 5, [1])]
    assert [c.source.line for c in library.citations] == [1, 5]


def test_a_paragraph_is_never_joined_to_the_heading_before() -> None:
    """In text from a PDF, "von Hagen..." under "Bibliography" (no full stop, lower case)
    is the rest of a paragraph a page break split, and the heading is lost in it; in a
    document it is a paragraph of its own."""
    as_text = read_essay(TEXT, "essay.txt")
    assert as_text.inputs[0].entries_read == 0
    as_document = read_essay(TEXT, "essay.docx", source_lines=PARAGRAPHS)
    assert as_document.inputs[0].entries_read == 2


def test_no_paragraph_of_a_document_is_a_running_header() -> None:
    repeated = "".join(f"Beria\n\nParagraph {n} of the text.\n\n" for n in range(4))
    numbers = [n for n in range(1, 9) for _ in (0, 1)]
    as_text = read_essay(repeated, "essay.txt")
    assert "running-header" in {p.code for p in as_text.problems}
    as_document = read_essay(repeated, "essay.docx", source_lines=numbers)
    assert "running-header" not in {p.code for p in as_document.problems}
