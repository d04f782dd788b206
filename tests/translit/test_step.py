"""The pipeline step: fields and names normalized, originals kept, records explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translitbib.errors import ConfigError
from translitbib.model import Library, Name, Reference, SourceSpan
from translitbib.pipeline import ConvertOptions
from translitbib.translit.report import render_markdown
from translitbib.translit.step import make_normalize_step

RECORD_KEYS = ["reference", "field", "original", "cyrillic", "lemma", "normalized", "kind",
               "confidence", "evidence", "applied"]


def _reference(title: str, family: str, given: str = "", stub: bool = False,
               **fields: str) -> Reference:
    return Reference(
        type="book", source=SourceSpan("essay.txt", 7), raw=title,
        fields={"title": title, **{k.replace("_", "-"): v for k, v in fields.items()}},
        names={"author": [Name(family=family, given=given)]}, stub=stub,
    )


def _library() -> Library:
    return Library(references=[
        _reference("Stalin. Vtoroe Ubiystvo", "Prudnikova", "Elena", publisher="Neva",
                   publisher_place="St.Petersburg"),
        _reference("Stalin. A Biography", "Service", "Robert", publisher="Belknap Press",
                   publisher_place="Cambridge, MA"),
        _reference("Ubyistvo", "Mukhin", stub=True),
        _reference("Syn Lavrentiia Beria rasskazyvaet", "Beria", "Sergo"),
    ])


def test_russian_reference_is_normalized_and_keeps_its_original() -> None:
    library = make_normalize_step(ConvertOptions())(_library())
    russian = library.references[0]
    assert russian.fields["title"] == "Stalin. Vtoroe ubiistvo"
    assert russian.originals["title"] == "Stalin. Vtoroe Ubiystvo"
    assert russian.fields["language"] == "ru"
    assert russian.fields["original-title"] == "Сталин. Второе убийство"
    assert russian.fields["publisher-place"] == "St. Petersburg"  # the exonym's spelling
    assert russian.originals["publisher-place"] == "St.Petersburg"
    assert russian.authors[0].family == "Prudnikova"


def test_english_reference_is_left_alone() -> None:
    library = make_normalize_step(ConvertOptions())(_library())
    english = library.references[1]
    assert english.fields == {"title": "Stalin. A Biography", "publisher": "Belknap Press",
                              "publisher-place": "Cambridge, MA"}
    assert english.originals == {}
    assert english.authors[0].family == "Service"
    assert all(n.reference is not english for n in library.normalizations)


def test_stub_typo_is_reported_not_applied_and_ids_are_read_late() -> None:
    library = make_normalize_step(ConvertOptions())(_library())
    stub = library.references[2]
    assert stub.fields["title"] == "Ubyistvo"
    stub.id = "mukhinubiistvo"  # ids are assigned after the normalize step
    record = next(n.to_dict() for n in library.normalizations if n.reference is stub)
    assert list(record) == RECORD_KEYS
    assert record["reference"] == "mukhinubiistvo"
    assert (record["original"], record["cyrillic"], record["normalized"]) == (
        "Ubyistvo", "убийство", "Ubiistvo")
    assert (record["kind"], record["applied"]) == ("typo-suspect", False)


def test_fix_typos_applies_them() -> None:
    library = make_normalize_step(ConvertOptions(fix_typos=True))(_library())
    assert library.references[2].fields["title"] == "Ubiistvo"
    assert library.references[2].originals["title"] == "Ubyistvo"


def test_names_policies_and_name_originals() -> None:
    established = make_normalize_step(ConvertOptions())(_library()).references[3]
    systematic = make_normalize_step(ConvertOptions(names="systematic"))(_library()).references[3]
    assert established.authors[0].family == "Beria"
    assert systematic.authors[0].family == "Beriia"
    assert systematic.originals["author[0].family"] == "Beria"
    # titles are romanized systematically under every policy; the genitive stays genitive
    assert established.fields["title"] == "Syn Lavrentiia Beriia rasskazyvaet"


def test_as_found_changes_nothing() -> None:
    library = make_normalize_step(ConvertOptions(scheme="as-found", names="as-found"))(
        _library())
    assert [r.fields["title"] for r in library.references] == [
        "Stalin. Vtoroe Ubiystvo", "Stalin. A Biography", "Ubyistvo",
        "Syn Lavrentiia Beria rasskazyvaet"]
    assert all(not n.applied for n in library.normalizations)


def test_authority_file_overrides_the_tables(tmp_path: Path) -> None:
    authority = tmp_path / "names.toml"
    authority.write_text('[names]\n"Берия" = "Berija"\n\n[readings]\n"Neva" = "Нева"\n',
                         encoding="utf-8")
    library = make_normalize_step(ConvertOptions(authority=authority))(_library())
    assert library.references[3].authors[0].family == "Berija"


@pytest.mark.parametrize("options,message", [
    (ConvertOptions(scheme="klingon"), "unknown scheme 'klingon'"),
    (ConvertOptions(names="nicknames"), "unknown names policy 'nicknames'"),
    (ConvertOptions(authority=Path("/nonexistent/names.toml")), "authority file not found"),
])
def test_bad_options_raise_config_error(options: ConvertOptions, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_normalize_step(options)


@pytest.mark.parametrize("text,line,message", [
    ('[names]\n"Берия" = "Beria"\n"Троцкий" = \n', 3, "not valid TOML"),
    ('[names]\n"Берия" = "Beria"\n\n[people]\n"x" = "y"\n', 4, "unknown section"),
    ('[readings]\n"Beria" = "Beria"\n', 2, "is not a Cyrillic word"),
    ('[names]\n"Берия" = 3\n', 2, "must map to a non-empty string"),
])
def test_malformed_authority_names_file_and_line(tmp_path: Path, text: str, line: int,
                                                 message: str) -> None:
    path = tmp_path / "authority.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        make_normalize_step(ConvertOptions(authority=path))
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_report_table_lists_every_record() -> None:
    library = make_normalize_step(ConvertOptions())(_library())
    text = render_markdown(library.normalizations)
    assert text.startswith("## Normalizations\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(library.normalizations)
    assert any("| Ubyistvo | убийство | Ubiistvo | typo-suspect |" in row for row in rows)


def test_repeated_fields_are_normalized_once_but_recorded_for_every_reference() -> None:
    """The field memo: one FieldResult per distinct (text, role), one record per reference."""
    references = [
        _reference("Syn Lavrentiia Beria rasskazyvaet", "Iakovlev", "Ol'ga",
                   publisher="Izd-vo Politicheskoi Literatury", publisher_place="Moskva")
        for _ in range(3)
    ]
    library = make_normalize_step(ConvertOptions(names="systematic"))(
        Library(references=references))
    by_reference = [[n.to_dict() | {"reference": ""} for n in library.normalizations
                     if n.reference is ref] for ref in references]
    assert by_reference[0] == by_reference[1] == by_reference[2]
    assert len(library.normalizations) == 3 * len(by_reference[0]) > 0
    assert {r.fields["title"] for r in references} == {"Syn Lavrentiia Beriia rasskazyvaet"}
    assert all(r.originals["title"] == "Syn Lavrentiia Beria rasskazyvaet" for r in references)


def test_the_field_memo_keeps_roles_and_the_russian_decision_apart() -> None:
    from translitbib.translit.normalize import Normalizer
    from translitbib.translit.resolve import Role

    normalizer = Normalizer()
    first, second, third = (normalizer.field("Ubiystvo", Role.TITLE) for _ in range(3))
    assert first == second and second is third  # kept from the second time it is seen
    assert normalizer.field("Lavrentii", Role.NAME).russian
    assert not normalizer.field("Lavrentii", Role.NAME, russian=False).russian
    assert normalizer.field("Lavrentii", Role.NAME).russian  # still the first answer
    assert normalizer.name_is_russian("Beria", "Lavrentii")
    assert not normalizer.name_is_russian("Dimitrov", "Georgi")


def test_the_memo_keeps_repeated_keys_only_and_stays_bounded() -> None:
    from translitbib.translit.normalize import _RepeatMemo

    memo: _RepeatMemo[str, str] = _RepeatMemo(size=3)
    for key in "xaabbccdd":
        memo.put(key, key.upper())
    assert memo.values == {"b": "B", "c": "C", "d": "D"}  # x seen once; a dropped first
    assert memo.get("x") is None and memo.get("d") == "D"


def test_name_already_in_cyrillic_is_kept_without_a_record() -> None:
    """A Cyrillic name is no romanization: nothing to read back, nothing to suggest (it was
    once reported as a 'guess' with 'not in the dictionary' beside its romanized co-author)."""
    reference = _reference("Mir", "Яковлев", "Лаврентий")
    reference.names["editor"] = [Name(family="Pyžikov", given="Ol'ga"),
                                 Name(family="Бе́рия", given="Л.")]
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].family == "Яковлев"
    assert reference.names["editor"][1].family == "Бе́рия"
    assert reference.names["editor"][0].family == "Pyzhikov"
    assert [n.field for n in library.normalizations] == ["editor[0].family"]


@pytest.mark.parametrize("fix_typos,original", [
    (False, None),  # a typo left as found: the letters' reading is no title anyone printed
    (True, "Берия. Преступления, которых не было"),
])
def test_original_title_only_from_confirmed_readings(fix_typos: bool, original: str | None,
                                                     ) -> None:
    reference = _reference("Beria. Prestupleniia, kororykh ne bylo", "Prudnikova", "Elena")
    make_normalize_step(ConvertOptions(fix_typos=fix_typos))(Library(references=[reference]))
    assert reference.fields["language"] == "ru"
    assert reference.fields.get("original-title") == original


def test_no_original_title_from_a_guess() -> None:
    reference = _reference("Tainstvennyi Khlevniukovets", "Ivanov")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert "original-title" not in reference.fields


@pytest.mark.parametrize("title,language", [
    ("Beria", None),  # Amy Knight's biography: the English form of the name is English usage
    ("Lenin", None),
    ("Moscow 1937", None),
    ("Yezhov", None),
    ("Beriia", "ru"),  # the scheme's spelling is a Russian title's
    ("Stalin i Beria", "ru"),  # и: English has no lower-case i
])
def test_a_title_of_english_names_is_no_russian_title(title: str, language: str | None) -> None:
    reference = _reference(title, "Knight", "Amy")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields.get("language") == language
    assert ("original-title" in reference.fields) == (language == "ru")


def test_a_title_declared_in_another_language_is_left_alone() -> None:
    reference = _reference("Beria, Stalin i Khrushchev", "Knight", "Amy", language="en")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields == {"title": "Beria, Stalin i Khrushchev", "language": "en"}


@pytest.mark.parametrize("family,given", [
    ("Binner", "Rolf"), ("Gorlizki", "Yoram"), ("Kuromiya", "Hiroaki"), ("Plamper", "Jan"),
    ("Hellbeck", "Jochen"), ("Halfin", "Igal"), ("Halfin", ""),
])
def test_western_scholars_keep_their_names(family: str, given: str) -> None:
    """A surname no dictionary has is no evidence that the given name beside it is Russian
    (Rolf became Rol'f, Yoram Ioram, Hiroaki Khiroaki, Jan Ian)."""
    reference = _reference("Kak terror stal bol'shim", family, given)
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert (reference.authors[0].family, reference.authors[0].given) == (family, given)
    assert [n.field for n in library.normalizations if n.field.startswith("author")] == []


def test_a_russian_given_name_still_carries_an_unknown_surname() -> None:
    reference = _reference("Kak terror stal bol'shim", "Chilachava", "Yurii")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].given == "Iurii"


def test_a_russian_given_name_still_carries_a_surname_with_h() -> None:
    """Halfin is kept (Халфин is how Russian texts transcribe him), Hlevniuk beside Oleg
    is Khlevniuk."""
    reference = _reference("Politbiuro", "Hlevniuk", "Oleg")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].family == "Khlevniuk"


def test_rich_text_tags_are_markup_not_words() -> None:
    """<i> in a CSL-JSON title was read as the word и (Интервью с <и>Правдой</и>)."""
    reference = _reference("Interv'yu s <i>Pravdoy</i>", "Beria", "Sergo")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == "Interv'iu s <i>Pravdoi</i>"
    assert reference.fields["original-title"] == "Интервью с <i>Правдой</i>"


def test_a_formula_in_a_russian_title_is_no_russian_word() -> None:
    """H<sub>2</sub>O in a Russian title became Kh<sub>2</sub>o (Х<sub>2</sub>о)."""
    reference = _reference("Khimiia vody: H<sub>2</sub>O i zhizn'", "Ivanov", "Ivan")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == "Khimiia vody: H<sub>2</sub>O i zhizn'"


@pytest.mark.parametrize("given,written", [("Yu. N.", "Iu. N."), ("YA.A.", "Ia.A."),
                                           ("Yurii", "Iurii"), ("Kh. M.", "Kh. M.")])
def test_initials_take_the_scheme_as_the_names_do(given: str, written: str) -> None:
    """Yu. stayed Yu. while Yurii became Iurii: one person, two spellings."""
    reference = _reference("Vospominaniia", "Zhukov", given)
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].given == written


@pytest.mark.parametrize("family,given", [("Müller", "Rolf"), ("Muñoz", "Juan"),
                                          ("Kovács", "Pavel"), ("Vallée", "")])
def test_letters_no_romanization_has_make_a_foreign_name(family: str, given: str) -> None:
    reference = _reference("Vospominaniia", family, given)
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert (reference.authors[0].family, reference.authors[0].given) == (family, given)
    assert [n for n in library.normalizations if n.field.startswith("author")] == []


@settings(max_examples=60, deadline=None)
@given(family=st.sampled_from(["Zhukov", "Mikoyan", "Khrushchev", "Gaidar", "Iakovlev"]),
       given=st.lists(st.sampled_from(["Yu.", "Yo.", "E.", "Ya.", "Zh.", "Ia.", "Iu.", "N.",
                                       "Yurii", "Egor"]), min_size=1, max_size=2).map(" ".join),
       scheme=st.sampled_from(["ala-lc", "ala-lc-diacritics", "bgn-pcgn", "iso9", "scholarly",
                               "wikipedia", "as-found"]),
       names=st.sampled_from(["established", "systematic", "as-found"]))
def test_a_name_normalized_twice_is_as_once(family: str, given: str, scheme: str,
                                            names: str) -> None:
    """Initials rewritten in a scheme read back as the same initials (Yu. became I͡u. and
    then Ii͡u. in ALA-LC with diacritics)."""
    options = ConvertOptions(scheme=scheme, names=names)
    reference = _reference("Vospominaniia", family, given)
    make_normalize_step(options)(Library(references=[reference]))
    once = (reference.authors[0].family, reference.authors[0].given)
    again = _reference("Vospominaniia", *once)
    make_normalize_step(options)(Library(references=[again]))
    assert (again.authors[0].family, again.authors[0].given) == once
    if "as-found" in (scheme, names):
        assert once[1] == given


@pytest.mark.parametrize("family,given,title", [
    ("Slezkine", "Yuri", "The House of Government"),
    ("Brodsky", "Joseph", "Less Than One"),
    ("Volokhonsky", "Larissa", "Crime and Punishment"),
    ("Lazarev", "Valery", "The Economics of Forced Labor"),
])
def test_people_of_an_english_language_work_are_named_as_printed(family: str, given: str,
                                                                 title: str) -> None:
    """Yuri Slezkine became Iurii, Joseph Brodsky Brodskii: an English-language work is
    cited by the names printed on it."""
    reference = _reference(title, family, given)
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert (reference.authors[0].family, reference.authors[0].given) == (family, given)
    assert library.normalizations == []


def test_people_of_a_russian_work_still_take_the_scheme() -> None:
    reference = _reference("Voennaia ekonomika SSSR", "Voznesensky", "Nikolai")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].family == "Voznesenskii"
    systematic = _reference("Less Than One", "Brodsky", "Joseph")
    make_normalize_step(ConvertOptions(names="systematic"))(Library(references=[systematic]))
    assert systematic.authors[0].family == "Brodskii"


def test_the_short_title_is_spelled_as_the_title() -> None:
    """shorttitle = {Ubiystvo Stalina} stayed as found beside the title's Ubiistvo."""
    reference = _reference("Ubiystvo Stalina i Beria", "Mukhin", "Iurii",
                           title_short="Ubiystvo Stalina")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title-short"] == "Ubiistvo Stalina"
    assert reference.originals["title-short"] == "Ubiystvo Stalina"


def test_the_works_own_cyrillic_title_decides_the_reading() -> None:
    """*Ubiystvo Stalina i Beria* beside the given *Убийство Сталина и Берии* became
    *... i Beriia*, contradicting the original title it was written with."""
    reference = _reference("Ubiystvo Stalina i Beria", "Mukhin", "Iurii",
                           original_title="Убийство Сталина и Берии")
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == "Ubiistvo Stalina i Berii"
    assert reference.fields["original-title"] == "Убийство Сталина и Берии"
    [berii] = [n for n in library.normalizations if n.original == "Beria"]
    assert (berii.cyrillic, berii.normalized) == ("Берии", "Berii")
    assert "the original title given with it has Берии" in berii.evidence


def test_a_body_named_in_english_keeps_its_name() -> None:
    """The Dmitry Likhachev Foundation became the Dmitrii Likhachev Foundation."""
    reference = _reference("Rossiia. XX vek. Dokumenty", "", "")
    reference.names["author"] = [Name(literal="Dmitry Likhachev Foundation")]
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.authors[0].literal == "Dmitry Likhachev Foundation"


def test_a_number_sign_is_no_word_in_the_original_title() -> None:
    reference = _reference("Operativnyi prikaz NKVD SSSR No. 00447", "Iunge", "Marc")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == "Operativnyi prikaz NKVD SSSR No. 00447"
    assert reference.fields["original-title"] == "Оперативный приказ НКВД СССР № 00447"


def test_an_archival_code_is_kept_as_written() -> None:
    reference = _reference("GARF, Fond R-9401, op. 1", "Iunge", "Marc")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == "GARF, Fond R-9401, op. 1"  # was fond r-9401
    assert reference.fields["original-title"] == "ГАРФ, Фонд Р-9401, оп. 1"


def test_a_russian_quotation_with_a_german_subtitle_is_a_german_title() -> None:
    title = ("S etoi tochki zreniia: Die Zielgruppen des Befehls Nr. 00447 aus Sicht der "
             "Moskauer Zentrale")
    reference = _reference(title, "Chlevnjuk", "Oleg")
    library = make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["title"] == title
    assert reference.fields["language"] == "de"  # was ru
    assert "original-title" not in reference.fields
    assert reference.authors[0].family == "Chlevnjuk"  # named as the German work prints him
    [record] = library.normalizations
    assert (record.field, record.kind, record.evidence[0]) == ("title", "not-russian",
                                                               "read as German")


def test_a_declared_language_is_kept_for_a_mixed_title() -> None:
    title = "S etoi tochki zreniia: Die Zielgruppen des Befehls aus Sicht der Moskauer Zentrale"
    reference = _reference(title, "Chlevnjuk", "Oleg", language="en")
    make_normalize_step(ConvertOptions())(Library(references=[reference]))
    assert reference.fields["language"] == "en"
