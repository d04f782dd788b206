"""Citation keys: unique, never empty, the same on every run.

A new key is the first author's family name, the year and the first significant word of
the title, folded to lower-case ASCII (``mukhin2002ubiistvo``).  Cyrillic is romanized with
iuliia's ALA-LC (ASCII) scheme, anything else loses its diacritics.  A key the reader
brought along (``@book{Mukhin:2002,``, ``@book{renée2010,``, ``@book{Мухин2002,``) is kept
when biber can cite it (``VALID_KEY``: Unicode letters, no space, comma, brace, ``%``,
``#``, backslash or quote) and it is not taken yet, so a document's ``\\cite`` still finds
it.  Classic BibTeX takes ASCII keys only: a kept key that is not ASCII also gets an ASCII
alias (``renee2010``), which the classic .bib writes as the key and biblatex's ``ids``
keeps citable.  Clashes get the suffixes a, b, ..., z, aa, ab, ...  Every key read from an
input that is not kept, and every ASCII stand-in, is reported (``key-renamed``,
``key-not-ascii``) so the user can fix their document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from itertools import count, product
from string import ascii_lowercase

import iuliia

from ..model import Library, Problem, Reference, Severity
from ..richtext import strip_tags
from .latex import MARKS

#: a key biber (and pandoc) can cite: a letter first; letters, digits and ``_:.+-/``
VALID_KEY = re.compile(rf"^[^\W\d_][\w{MARKS}:.+\-/]*$")
#: a key classic BibTeX can cite
ASCII_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.+\-]*$")
# Words that never make a key: articles, conjunctions and short prepositions.
_STOPWORDS = """a an and the of on in at to for from by with o ob obo i v vo na k ko s so u iz za
po do ot pro pri der die das le la les el"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[a-z0-9]+")


def fold_ascii(text: str) -> str:
    """Lower-case ASCII; Cyrillic romanized first, diacritics dropped."""
    if re.search(r"[\u0400-\u04ff]", text):
        text = iuliia.ALA_LC_ALT.translate(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii()).lower()


def _name_part(ref: Reference) -> str:
    for role in ("author", "editor", "compiler", "translator"):
        for name in ref.names.get(role, []):
            words = _WORD.findall(fold_ascii(strip_tags(name.family or name.literal
                                                        or name.given)))
            if words:
                return "".join(words) if name.family else words[0]
    return ""


def _title_part(ref: Reference) -> str:
    title = ref.title or ref.fields.get("container-title", "")
    words = _WORD.findall(fold_ascii(strip_tags(title).replace("'", "")))
    significant = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return (significant or words or [""])[0]


def _archival_key(ref: Reference) -> str:
    """An archival file with no author: its archive and its numbers (``GARF, f. 5446, op.
    1, d. 23`` -> ``garf-5446-1-23``; ``Fond R-9401`` -> ``garf-r9401``), not the first
    word of its title (``fond``, ``fonda``, ``fondb``...)."""
    archive = _WORD.findall(fold_ascii(ref.fields.get("archive", "")))
    numbers = re.findall(r"[a-z]?\d[\w]*", fold_ascii(ref.fields.get("archive_location", ""))
                         .replace("-", ""))
    return "-".join(["".join(archive), *numbers]) if archive and numbers else ""


def base_key(ref: Reference) -> str:
    """The key before uniqueness suffixes; ``ref`` when nothing usable is known."""
    if ref.fields.get("archive_location") and not _name_part(ref):
        archival = _archival_key(ref)
        if archival:
            return archival
    year = str(ref.year) if ref.year is not None else ""
    key = f"{_name_part(ref)}{year}{_title_part(ref)}"
    if not key or not key[0].isalpha():
        key = f"ref{key}"
    return key


def _suffixes() -> Iterator[str]:
    for width in count(1):
        for letters in product(ascii_lowercase, repeat=width):
            yield "".join(letters)


def _unique(key: str, taken: set[str]) -> str:
    if key.lower() not in taken:
        return key
    return next(key + s for s in _suffixes() if (key + s).lower() not in taken)


def assign_keys(library: Library) -> Library:
    """Pipeline step: give every reference a unique citation key (``Reference.id``), keep
    only the aliases no key or earlier alias took (``aliases_kept``), give a key that is not
    ASCII an ASCII alias first among its aliases (``ascii_aliases``), and report every key
    read from an input that changed."""
    refs = library.references
    read = [ref.id for ref in refs]
    taken, needed = keys_kept(read)
    for index, key in new_keys(taken, [(i, base_key(refs[i])) for i in needed]).items():
        refs[index].id = key
    kept = aliases_kept(taken, [(i, ref.aliases) for i, ref in enumerate(refs) if ref.aliases])
    for index, aliases in kept.items():
        refs[index].aliases = aliases
    seen = taken | {a.lower() for ref in refs for a in ref.aliases}
    unicode_keys = [(i, ref.id, base_key(ref)) for i, ref in enumerate(refs)
                    if not ref.id.isascii() and not any(a.isascii() for a in ref.aliases)]
    stand_ins = ascii_aliases(unicode_keys, seen)
    for index, alias in stand_ins.items():
        refs[index].aliases.insert(0, alias)
    library.problems += key_problems(refs, read, needed, stand_ins)
    return library


def ascii_aliases(keys: list[tuple[int, str, str]], seen: set[str]) -> dict[int, str]:
    """(index, a kept key that is not ASCII, its base key) in order -> index: the ASCII key
    classic BibTeX cites it by: the key folded (``renée2010`` -> ``renee2010``,
    ``Мухин2002`` -> ``mukhin2002``), else the base key, made unique (``seen``: every key
    and alias, lower-cased, grows with them)."""
    made = {}
    for index, key, base in keys:
        folded = "".join(_ASCII_KEY_CHAR.findall(_fold_key(key)))
        alias = _unique(folded if ASCII_KEY.match(folded) else base, seen)
        seen.add(alias.lower())
        made[index] = alias
    return made


_ASCII_KEY_CHAR = re.compile(r"[A-Za-z0-9_:.+\-]")


def ascii_key(ref: Reference) -> str:
    """The key classic BibTeX cites ``ref`` by: its key when ASCII, else its ASCII alias
    (``assign_keys``), else the key folded."""
    if ASCII_KEY.match(ref.id):
        return ref.id
    alias = next((a for a in ref.aliases if ASCII_KEY.match(a)), None)
    if alias is None:
        alias = "".join(_ASCII_KEY_CHAR.findall(_fold_key(ref.id)))
    return alias if ASCII_KEY.match(alias) else f"ref{alias}"


def _fold_key(key: str) -> str:
    """A key in ASCII, its case kept (``Мухин2002`` -> ``Mukhin2002``)."""
    if re.search(r"[\u0400-\u04ff]", key):
        key = iuliia.ALA_LC_ALT.translate(key)
    return "".join(ch for ch in unicodedata.normalize("NFKD", key) if ch.isascii())


def key_problems(refs: Mapping[int, Reference] | Sequence[Reference], read: list[str],
                 renamed: list[int],
                 stand_ins: dict[int, str]) -> list[Problem]:
    """What a user must change in a document that cites the keys read: a key not kept
    (biber cannot cite it, or an earlier reference has it), and a key classic BibTeX
    cannot cite."""
    problems = []
    for index in renamed:
        if read[index]:
            ref = refs[index]
            why = ("another reference has it" if VALID_KEY.match(read[index])
                   else "biber cannot cite it")
            problems.append(Problem(
                Severity.WARNING, "key-renamed",
                f"citation key '{read[index]}' is written as '{ref.id}' ({why}): "
                f"a document citing '{read[index]}' must cite '{ref.id}'", ref.source))
    for index, alias in stand_ins.items():
        ref = refs[index]
        problems.append(Problem(
            Severity.INFO, "key-not-ascii",
            f"citation key '{ref.id}' is not ASCII: biblatex, pandoc and CSL-JSON keep it "
            f"(biblatex takes '{alias}' too); classic BibTeX (--target bibtex) writes it as "
            f"'{alias}': a document for bibtex must cite '{alias}'", ref.source))
    return problems


def aliases_kept(taken: set[str], aliases: list[tuple[int, list[str]]],
                 ) -> dict[int, list[str]]:
    """(index, aliases) in order -> index: the aliases it keeps: valid keys that no
    reference has (``taken``: every key, lower-cased) and no earlier reference keeps (biber
    refuses a key or alias used twice)."""
    seen = set(taken)
    kept = {}
    for index, keys in aliases:
        mine = []
        for key in keys:
            if VALID_KEY.match(key) and key.lower() not in seen:
                seen.add(key.lower())
                mine.append(key)
        kept[index] = mine
    return kept


def keys_kept(ids: list[str]) -> tuple[set[str], list[int]]:
    """The keys kept (lower-cased: BibTeX compares keys so), and the indexes of the
    references that need a new one: the first of each valid key keeps it."""
    taken: set[str] = set()
    needed = []
    for index, key in enumerate(ids):
        if VALID_KEY.match(key) and key.lower() not in taken:
            taken.add(key.lower())
        else:
            needed.append(index)
    return taken, needed


def new_keys(taken: set[str], bases: list[tuple[int, str]]) -> dict[int, str]:
    """(index, base key) in order -> index: its unique key (``taken`` grows with them)."""
    keys = {}
    for index, base in bases:
        keys[index] = _unique(base, taken)
        taken.add(keys[index].lower())
    return keys
