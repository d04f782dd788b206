from translitbib.model import Date, Library, Name, Reference, SourceSpan
from translitbib.writers.keys import assign_keys, base_key, fold_ascii


def make(title: str = "", family: str = "", year: int | None = None, key: str = "") -> Reference:
    ref = Reference(type="book", source=SourceSpan("t.txt", 1), raw="", id=key)
    if title:
        ref.fields["title"] = title
    if family:
        ref.names["author"] = [Name(family=family, given="Iurii")]
    if year:
        ref.dates["issued"] = Date(year)
    return ref


def test_key_from_family_year_and_first_significant_word():
    assert base_key(make("The Ubiistvo Stalina i Beriia", "Mukhin", 2002)) == "mukhin2002ubiistvo"


def test_cyrillic_and_soft_signs_fold_to_ascii():
    assert base_key(make("Убийство Сталина", "Мухин", 2002)) == "mukhin2002ubiistvo"
    assert base_key(make("Rea'nost'", "Sul'ianov", 2004)) == "sulianov2004reanost"
    assert fold_ascii("Kolʹt͡so Ёж") == "koltso ezh"


def test_an_archival_file_is_keyed_by_its_archive_and_numbers():
    """Not by the first word of its title: fond, fonda, fondb..."""
    def document(archive: str, location: str) -> Reference:
        ref = make(f"{archive}, {location}")
        ref.type = "document"
        ref.fields.update({"archive": archive, "archive_location": location})
        return ref

    assert base_key(document("GARF", "f. 5446, op. 1, d. 23")) == "garf-5446-1-23"
    assert base_key(document("GARF", "Fond R-9401")) == "garf-r9401"
    assert base_key(document("HDA SBU", "f. 13, spr. 372, t. 1")) == "hdasbu-13-372-1"
    signed = document("GARF", "f. 5446, op. 1, d. 23")
    signed.names["author"] = [Name(family="Beria")]  # a signed document: as any work
    assert base_key(signed) == "beriagarf"


def test_never_empty_and_starts_with_a_letter():
    assert base_key(make()) == "ref"
    assert base_key(make("1953")) == "ref1953"


def test_unique_with_letter_suffixes_and_deterministic():
    refs = [make("Beria", "Prudnikova", 2005) for _ in range(3)]
    library = assign_keys(Library(references=refs))
    assert [r.id for r in library.references] == [
        "prudnikova2005beria", "prudnikova2005beriaa", "prudnikova2005beriab"]
    again = assign_keys(Library(references=[make("Beria", "Prudnikova", 2005) for _ in range(3)]))
    assert [r.id for r in again.references] == [r.id for r in library.references]


def test_valid_reader_key_is_kept_and_reserved_invalid_one_replaced():
    refs = [make("Beria", "Knight", 1993), make("Beria", "Knight", 1993, key="knight1993beria"),
            make("Beria", "Knight", 1993, key="Найт 1993"), make("X", key="knight1993beria")]
    ids = [r.id for r in assign_keys(Library(references=refs)).references]
    assert ids[1] == "knight1993beria"  # the reader's key wins over a generated one
    assert ids[0] == "knight1993beriaa" and ids[2] == "knight1993beriab"
    assert ids[3] == "x"
    assert all(i.isascii() and i for i in ids) and len(set(ids)) == 4
