"""Whole essays in the shapes users bring: encodings, Markdown, no bibliography."""

from __future__ import annotations

from pathlib import Path

import pytest

from translitbib.readers import read_path

ESSAY = """Stalin and Beria

Beria spoke second after Malenkov (Beria, Speech). Mukhin agrees (Mukhin, *Ubiystvo* 611).

Bibliography

- Service, Robert. Stalin. A Biography. Cambridge, MA: Belknap Press, 2004.
- Прудникова, Елена. Берия. Москва: Олма, 2005.
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "koi8_r"])
def test_russian_legacy_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_bytes(ESSAY.encode(encoding))
    library = read_path(essay)
    titles = [r.title for r in library.references]
    assert titles == ["Stalin. A Biography", "Берия"]
    assert library.references[1].authors[0].family == "Прудникова"
    assert [c.text for c in library.citations] == ["(Beria, Speech)", "(Mukhin, *Ubiystvo* 611)"]


def test_markdown_essay_with_links_and_bullets(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# Essay\n\nSee [the article](http://www.akdi.ru/id/new/ek5.htm) (Pyzhikov 100).\n\n"
        "## Works Cited\n\n1. Pyzhikov, A. \"N.A. Voznesenskii.\" At <http://www.akdi.ru/id/new/ek5.htm>.\n",
        encoding="utf-8")
    library = read_path(essay)
    assert [r.type for r in library.references] == ["webpage"]
    assert library.references[0].source.line == 7
    assert [u.url for u in library.urls] == ["http://www.akdi.ru/id/new/ek5.htm"] * 2
    assert library.citations[0].targets[0].locator == "100"


def test_essay_without_bibliography_still_yields_citations_and_notes(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text("He was murdered.<u>1</u> So says Mukhin (Mukhin 375).\n\nNotes\n\n"
                     "1 See Mukhin, *Ubiystvo* 375.\n", encoding="utf-8")
    library = read_path(essay)
    assert library.references == []
    assert [n.number for n in library.notes] == [1]
    assert library.notes[0].calls[0].line == 1
    assert [c.text for c in library.citations] == ["(Mukhin 375)", "Mukhin, *Ubiystvo* 375"]
    assert "no-bibliography" in [p.code for p in library.problems]


def test_binary_file_is_refused_with_its_name(tmp_path: Path) -> None:
    from translitbib.errors import DecodeError

    blob = tmp_path / "scan.txt"
    blob.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    with pytest.raises(DecodeError) as caught:
        read_path(blob)
    assert "scan.txt" in str(caught.value) and "binary" in str(caught.value)


DASHED = """Mukhin argues so (Mukhin, *Ubiystvo* 618-23). Zhukov agrees (Zhukov, *Stalin* 50).

Bibliography

Mukhin, Iurii. *Antisovetskii Sovetskii Soiuz*. Moscow: Algoritm, 2003.

———. *Ubiystvo Stalina i Beria*. Moscow: Krymskii Most, 2002.

Zhukov, Iurii. *Inoi Stalin*. Moscow: Vagrius, 2003.

---. *Stalin: tainy vlasti*. Moscow: Vagrius, 2005.
"""


def test_the_same_author_dash_and_the_title_a_citation_begins(tmp_path: Path) -> None:
    """———. took the author of the entry before (it was a title "———. Ubiistvo..." with no
    author, and Mukhin's citation a missing work); Zhukov, *Stalin* is the work whose title
    it begins, not the first of his works that holds the word."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(DASHED, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    by_title = {ref.title: ref for ref in library.references}
    assert not any(ref.stub for ref in library.references)
    assert by_title["Ubiystvo Stalina i Beria"].authors[0].family == "Mukhin"
    assert by_title["Stalin: tainy vlasti"].authors[0].family == "Zhukov"
    [_, zhukov] = library.citations
    assert zhukov.targets[0].reference is by_title["Stalin: tainy vlasti"]


DASHED_AUTHOR_DATE = """The Politburo met (Khlevniuk 2009, 201; Khlevniuk 2001, 12).

Bibliography

Khlevniuk, O. V. 1996. Politbiuro. Moscow: ROSSPEN.

———. 2009. Master of the House. Translated by Nora Seligman Favorov. New Haven: Yale University Press.

———, and Yoram Gorlizki, eds. 2001. Stalinskoe Politbiuro v 30-e gody. Moscow: AIRO-XX.

———. 2015. Stalin. New Haven: Yale University Press.
"""


def test_the_same_author_dash_in_author_date_and_with_a_role(tmp_path: Path) -> None:
    """"———. 2009. Title." was an unparsed entry (its year read as the title), and a dash
    copied every role of the entry before: the translator of one book became the
    translator of the next.  The dash stands for the author block only, in the role its
    entry gives (———, and Yoram Gorlizki, eds.)."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(DASHED_AUTHOR_DATE, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert not library.problems
    by_title = {ref.title: ref for ref in library.references}
    master, politburo, stalin = (by_title["Master of the House"],
                                 by_title["Stalinskoe Politbiuro v 30-e gody"], by_title["Stalin"])
    assert master.dates["issued"].year == 2009 and master.authors[0].given == "O. V."
    assert [n.family for n in master.names["translator"]] == ["Favorov"]
    assert "translator" not in stalin.names and stalin.authors[0].family == "Khlevniuk"
    assert [n.family for n in politburo.names["editor"]] == ["Khlevniuk", "Gorlizki"]
    assert "author" not in politburo.names
    assert all(t.reference is not None for c in library.citations for t in c.targets)


AUTHOR_DATE = """First (Mukhin 2002, 618). Second (Mukhin 2003, 45). Third (Mukhin, p. 618).

Bibliography

Mukhin, Iurii. *Ubiystvo Stalina i Beria*. Moscow: Krymskii Most, 2002.

Mukhin, Iurii. *Antisovetskii Sovetskii Soiuz*. Moscow: Algoritm, 2003.
"""


def test_author_date_citations_link_by_year_and_ambiguous_ones_are_said(tmp_path: Path) -> None:
    """(Mukhin 2002, 618) went to a made-up missing work "Mukhin"; (Mukhin, p. 618), with two
    of his books listed, too: no work is missing, the citation is ambiguous."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(AUTHOR_DATE, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert not any(ref.stub for ref in library.references)
    first, second, third = (c.targets[0] for c in library.citations)
    assert first.reference.year == 2002 and second.reference.year == 2003
    assert third.reference is None
    [problem] = [p for p in library.problems if p.code == "citation-ambiguous"]
    assert problem.source.line == 1 and "2 works by Mukhin" in problem.message


WRAPPED = """Mukhin argues that the Party nomenklatura feared Beria's reforms (Mukhin,
Ubiystvo 618-23). Knight reached the same conclusion (Knight
220). And the documents agree (Khlevniuk, *Politburo* 5).

Bibliography

Dobriukha, Nikolai. "Otsy I otchimy 'ottepeli'." *Argumenty I
Fakty*, June 18 2003. At <<http://www.aif.ru/online/air/1182/10_01>>.

Khlevniuk, Oleg, ed. *Politburo TsK VKP(b) i Sovet Ministrov SSSR 1945-
1953*. Moscow: ROSSPEN, 2002.

Knight, Amy. *Beria: Stalin's First Lieutenant*. Princeton: Princeton University Press, 1993.

Mukhin, Iurii. *Ubiystvo Stalina i Beria*. Moscow: Krymskii Most,
2002.
"""


def test_hard_wrapped_entries_and_citations_are_joined(tmp_path: Path) -> None:
    """A line cut inside emphasis or brackets, or after a comma or a dash, goes on under it:
    each of these entries became two references (one titled "Fakty", "2002" or "1953") and
    the wrapped citations were lost."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(WRAPPED, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert sorted(ref.title for ref in library.references) == [
        "Beria: Stalin's First Lieutenant", "Otsy I otchimy 'ottepeli'",
        "Politburo TsK VKP(b) i Sovet Ministrov SSSR 1945-1953", "Ubiystvo Stalina i Beria"]
    dobriukha = next(r for r in library.references if r.authors[0].family == "Dobriukha")
    assert dobriukha.fields["container-title"] == "Argumenty I Fakty"
    assert dobriukha.fields["URL"] == "http://www.aif.ru/online/air/1182/10_01"
    cited = [c.targets[0].reference for c in library.citations]
    assert [(ref.names.get("author") or ref.names["editor"])[0].family for ref in cited] == [
        "Mukhin", "Knight", "Khlevniuk"]


def test_ibid_in_the_text_is_the_work_cited_before(tmp_path: Path) -> None:
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text("So it was (Ibid.). He said (Knight 220). Again (Ibid., 221). Once more "
                     "(ibid.).\n\nBibliography\n\nKnight, Amy. *Beria*. Princeton: Princeton "
                     "University Press, 1993.\n", encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    first, knight, again, more = (c.targets[0] for c in library.citations)
    assert first.reference is None and knight.reference is not None
    assert again.reference is knight.reference and again.locator == "221"
    assert more.reference is knight.reference
    [problem] = [p for p in library.problems if p.code == "ibid-without-antecedent"]
    assert problem.source.line == 1


def test_a_sources_section_of_prose_and_page_numbers_are_no_entries(tmp_path: Path) -> None:
    """A body section headed "Sources" made the rest of the text bibliography entries (and
    lost its citations); "24" and "Page 25 of 30" between entries became references."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Beria's reforms were dramatic (Knight 220).\n\nSources\n\n"
        "The main sources are the transcripts of the July 1953 Plenum. Mukhin relies on them "
        "(Mukhin, *Ubiystvo* 618-23).\n\nConclusion\n\n"
        "Beria was murdered in 1953 (Mukhin, *Ubiystvo* 375).\n\nBibliography\n\n"
        "Mukhin, Iurii. *Ubiystvo Stalina i Beria*. Moscow: Krymskii Most, 2002.\n\n24\n\n"
        "Page 25 of 30\n\n"
        "Knight, Amy. *Beria*. Princeton: Princeton University Press, 1993.\n", encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert sorted(ref.title for ref in library.references) == [
        "Beria", "Ubiystvo Stalina i Beria"]
    assert len(library.citations) == 3
    assert all(c.targets[0].reference is not None for c in library.citations)
    assert library.inputs[0].entries_read == 2


def test_calls_glued_to_a_word_or_a_year_reach_their_notes() -> None:
    """"figures4", "them3" and "in 1938.2" were calls lost in extraction: their notes were
    reported as never called."""
    text = ("Scholars disagree about mortality figures4 and about control.5 The quotas were "
            "raised in 1938.2 The Politburo approved them3 without debate.¹\n\nNotes\n\n"
            "1. Oleg V. Khlevniuk, The History of the Gulag (New Haven: Yale University "
            "Press, 2004), 1.\n2. Ibid., 2.\n3. Ibid., 3.\n4. Ibid., 4.\n5. Ibid., 5.\n")
    from translitbib.model import SourceSpan
    from translitbib.readers.essay import read_essay

    library = read_essay(text, "essay.txt")
    assert [len(note.calls) for note in library.notes] == [1, 1, 1, 1, 1]
    assert not [p for p in library.problems if p.code == "note-not-called"]
    # a number glued to a word is no call of a note that another call already reaches
    assert read_essay("Calls.1 The T34 and\nmodel1 tanks.\n\nNotes\n\n1. Ibid., 4.\n",
                      "e.txt").notes[0].calls == [SourceSpan("e.txt", 1)]


HARVARD = """The NKVD acted on quotas (Khaustov et al. 2004, p. 12). The categories were set in
Moscow (Binner & Junge 2003). Excesses were not permitted (Getty 2002, pp. 116–17). The
regional police served two masters (Harris 2007).

References

Binner, R. and Junge, M. (2003) '"S etoi kategoriei…": Die Zielgruppen des Befehls Nr. 00447', Cahiers du monde russe, 43, 1.

Getty, J. A. (2002) '"Excesses are not Permitted": Mass Terror and Stalinist Governance in the Late 1930s', The Russian Review, 61, 1, January.

Harris, J. (2007) 'Dual Subordination? The Political Police and the Party in the Urals Region, 1918–1953', in Brown, E. (ed.) Chekisty (Moscow, Zvenia).

Khaustov, V. N., Naumov, V. P. and Plotnikova, N. S. (eds) (2004) Lubianka: Stalin i VChK-GPU-OGPU-NKVD, 1922–1936 (Moscow, MFD).
"""


def test_harvard_entries_and_their_citations(tmp_path: Path) -> None:
    """Harvard, as Europe-Asia Studies writes it: the edited book was an unparsed entry and
    the article's title was cut at "Nr." (its journal "00447', Cahiers du monde russe")."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(HARVARD, encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    assert not library.problems
    binner, getty, harris, khaustov = library.references
    assert (binner.type, binner.fields["container-title"]) == (
        "article-journal", "Cahiers du monde russe")
    assert (getty.type, harris.type, khaustov.type) == ("article-journal", "chapter", "book")
    assert [[t.reference for t in c.targets] for c in library.citations] == [
        [khaustov], [binner], [getty], [harris]]
    assert [c.targets[0].locator for c in library.citations] == ["12", None, "116–17", None]


def test_a_cyrillic_essay_s_gost_notes_are_read(tmp_path: Path) -> None:
    """Under «Примечания», GOST notes were lost: no reference, no citation, no problem."""
    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Массовые операции начались летом.<u>1</u> Их масштаб вырос.<u>2</u>\n\nПримечания\n\n"
        "1. Папков С. А. Сталинский террор в Сибири. 1928–1941. Новосибирск: Изд-во СО РАН, "
        "1997. С. 211.\n2. Там же. С. 215.\n", encoding="utf-8")
    library = read_path(essay)
    [papkov] = library.references
    assert (papkov.authors[0].family, papkov.year) == ("Папков", 1997)
    assert [(c.note, c.targets[0].locator) for c in library.citations] == [
        (1, "211"), (2, "215")]


def test_a_plain_english_short_title_links_to_its_author_s_listed_work(tmp_path: Path) -> None:
    """(Thurston, Life and Terror, 12) was dropped as an aside (plain English, "and")."""
    from translitbib.pipeline import ConvertOptions, run

    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Terror was a method (Thurston, Life and Terror, 12).\n\nBibliography\n\n"
        "Thurston, Robert W. Life and Terror in Stalin's Russia, 1934-1941. New Haven: Yale "
        "University Press, 1996.\n", encoding="utf-8")
    library = run([essay], ConvertOptions(normalize=False))
    [thurston] = library.references
    [citation] = library.citations
    assert (citation.targets[0].reference, citation.targets[0].locator) == (thurston, "12")
