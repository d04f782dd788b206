"""The pipeline step: normalize the romanized Russian in every reference.

Names (family and given, decided together: Georgi Dimitrov is left alone as a whole) and
the fields title, title-short, container-title, collection-title, publisher and
publisher-place are
written in the chosen scheme under the names policy.  The spelling a field had is kept in
``Reference.originals``; a Russian title sets ``language: ru`` and ``original-title`` (the
Cyrillic); every word changed or suspected becomes a ``Normalization`` record.  A work whose
romanized title reads as Ukrainian is labelled ``language: uk`` and written in the scheme's
Ukrainian table instead (``ukrainian_writing``: its titles, publisher and people, never
read again).  Citations are left as written: they reach their references through
``key.match_key``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ..model import Library, Name, Reference
from ..parallel import fork_map, worker_count
from .normalize import FieldResult, Normalizer, TokenChange
from .record import Normalization, record_from_tuple, record_to_tuple
from .resolve import OTHER_LANGUAGES, Kind, Role
from .ukrainian import (
    CYRILLIC,
    LEFT_AS_FOUND,
    OTHER_CYRILLIC,
    LanguageReading,
    cyrillic_work_language,
    work_names_and_place,
)
from .ukrainian_writing import KEYED_SCHEMES

FIELD_ROLES: dict[str, Role] = {
    "title": Role.TITLE,
    "title-short": Role.TITLE,  # shorttitle: the title's own words, spelled as the title's
    "container-title": Role.TITLE,
    "collection-title": Role.TITLE,
    "publisher": Role.PUBLISHER,
    "publisher-place": Role.PLACE,
}


def make_normalize_step(options: object) -> Callable[[Library], Library]:
    """The step for ``ConvertOptions`` (scheme, names, authority, fix_typos, jobs); checks
    them now."""
    normalizer = Normalizer.from_options(options)
    jobs = int(getattr(options, "jobs", 1))

    def normalize_references(library: Library) -> Library:
        for records in normalize_all(normalizer, library.references, jobs):
            library.normalizations.extend(records)
        return library

    return normalize_references


def normalize_all(normalizer: Normalizer, references: list[Reference],
                  jobs: int = 1) -> list[list[Normalization]]:
    """``normalize_reference`` on each reference, in order; in ``jobs`` processes (0: by
    the number of references) when no two references share a ``Name`` (a shared one would
    be normalized once in one process, once in each of several)."""
    jobs = worker_count(jobs, len(references))
    if jobs > 1 and _names_shared(references):
        jobs = 1

    def work(start: int, stop: int) -> _Slice:
        return _Slice(start, [normalize_reference(normalizer, ref)
                              for ref in references[start:stop]])

    def encode(part: _Slice) -> tuple[int, list[tuple[Any, ...]]]:
        refs = references[part.start : part.start + len(part.records)]
        return part.start, [(_written(ref), [record_to_tuple(r) for r in records])
                            for ref, records in zip(refs, part.records, strict=True)]

    def decode(data: Any) -> _Slice:
        start, items = data
        out = []
        for ref, (written, records) in zip(references[start : start + len(items)], items,
                                           strict=True):
            _take_written(ref, written)
            out.append([record_from_tuple(r, ref) for r in records])
        return _Slice(start, out)

    return [records for part in fork_map(work, len(references), jobs, encode, decode)
            for records in part.records]


class _Slice(NamedTuple):
    start: int
    records: list[list[Normalization]]  # for each reference of the slice


def _names_shared(references: list[Reference]) -> bool:
    """Whether any ``Name`` object stands in two places (in one reference or two)."""
    people = [id(person) for ref in references for names in ref.names.values()
              for person in names]
    return len(set(people)) != len(people)


def _written(ref: Reference) -> tuple[Any, ...]:
    """What normalizing changes in a reference: its fields, originals and names."""
    return (ref.fields, ref.originals,
            {role: [(p.family, p.given, p.literal) for p in people]
             for role, people in ref.names.items()})


def _take_written(ref: Reference, written: tuple[Any, ...]) -> None:
    ref.fields, ref.originals, names = written
    for role, people in ref.names.items():
        for person, (family, given, literal) in zip(people, names[role], strict=True):
            person.family, person.given, person.literal = family, given, literal


def normalize_reference(normalizer: Normalizer, reference: Reference) -> list[Normalization]:
    records: list[Normalization] = []
    results: dict[str, FieldResult] = {}
    declared = reference.fields.get("language", "").split("-")[0].lower()
    if declared == "uk":  # a work its entry says is Ukrainian: written in its table too
        return _declared_ukrainian(normalizer, reference)
    if declared in OTHER_CYRILLIC:
        return records  # a Belarusian (Serbian...) work: nothing of it is Russian
    given = reference.fields.get("original-title", "")
    for field_name, role in FIELD_ROLES.items():
        value = reference.fields.get(field_name)
        if not value or (field_name == "title" and declared not in ("", "ru")):
            continue  # a title the entry says is in another language is left as it is
        result = normalizer.field(value, role, others=declared != "ru")
        if field_name == "title" and result.leaning is not None:
            support = normalizer.ukrainian_words(_people_and_place(reference))
            if support:  # Istoriia Ukrainy-Rusy by Hrushevs'kyi, Kyiv
                result = FieldResult(value, value, None, False,
                                     language=result.leaning.settle(support))
        elif field_name == "title" and result.language is None and declared != "ru":
            people = cyrillic_work_language(value, reference)
            if people is not None:  # Голодомор ... як геноцид by Кульчицький, Станіслав
                result = FieldResult(value, value, None, False, language=people)
        if result.language is not None:  # Ukrainian, German...: said why (romanized
            # Ukrainian is written in the scheme's Ukrainian table, the rest left as it is)
            if field_name == "title" and _romanized_ukrainian(result):
                result = normalizer.write_ukrainian(value, role, result.language)
            records.append(_language_record(reference, field_name, result))
            records += _apply(reference, field_name, result)
            _write_field(reference, field_name, value, result.text)
            if field_name == "title" and not declared:
                reference.fields["language"] = result.language.language
            if field_name == "title" and result.language.language in OTHER_CYRILLIC:
                if _romanized_ukrainian(result):
                    records += _ukrainian_fields(normalizer, reference, result.language)
                    records[:0] = _ukrainian_people(normalizer, reference, result.language)
                return records  # so is the whole work: nothing of it is Russian
            if field_name == "title":  # a German title with a Russian quotation in it
                results[field_name] = result
            continue
        if field_name == "title" and given:  # the work's own Cyrillic title decides
            result = normalizer.follow(result, given)
        results[field_name] = result
        records += _apply(reference, field_name, result)
        _write_field(reference, field_name, value, result.text)
    title = results.get("title")
    container = results.get("container-title")
    if not (normalizer.options.names == "established" and _published_in_english(
            reference, title, container)):
        people = [record for role_name, persons in reference.names.items()
                  for index, person in enumerate(persons)
                  for record in _normalize_person(normalizer, reference,
                                                  f"{role_name}[{index}]", person)]
        records[:0] = people  # the names' records first, as the fields are read
    # a label for a title (Interview, Speech) in a Russian periodical: a Russian work
    labelled = container is not None and container.russian and (
        title is None or len(reference.fields.get("title", "").split()) <= 1)
    if (title is not None and title.russian) or labelled:
        reference.fields.setdefault("language", "ru")
        if not reference.fields.get("language"):
            reference.fields["language"] = "ru"
        if title is not None and title.russian and title.cyrillic and title.confirmed \
                and not reference.fields.get("original-title"):
            reference.fields["original-title"] = title.cyrillic
    return records


def _write_field(reference: Reference, field_name: str, value: str, text: str) -> None:
    """The field written anew, the spelling it had kept in ``originals``."""
    if text != value:
        reference.originals.setdefault(field_name, value)
        reference.fields[field_name] = text


def _romanized_ukrainian(result: FieldResult) -> bool:
    """A field read as Ukrainian in Latin letters: what the scheme's Ukrainian table writes
    (Cyrillic is left as printed, as Russian Cyrillic is)."""
    return (result.language is not None and result.language.language == "uk"
            and not CYRILLIC.search(result.original))


def _declared_ukrainian(normalizer: Normalizer,
                        reference: Reference) -> list[Normalization]:
    """A work its entry declares Ukrainian (``langid = {ukrainian}``, Zotero's Language
    ``uk``): a romanized title is written in the scheme's Ukrainian table as a title read
    as Ukrainian is (so a labelled library's *Hrushevs'kyi* and *Hrushevskyi* meet), and
    its other titles, publisher and people likewise; Cyrillic stays as printed."""
    title = reference.fields.get("title", "")
    if not title or CYRILLIC.search(title) or normalizer.options.scheme not in KEYED_SCHEMES:
        return []  # (ISO 9's Ukraïni, україни, reads again as ALA-LC's україні: a work
        # labelled uk is read again on every run, so only a scheme its keys spell is safe)
    reading = LanguageReading("uk", ("the entry declares its language Ukrainian",
                                     LEFT_AS_FOUND), 0.9, True)
    result = normalizer.write_ukrainian(title, Role.TITLE, reading)
    records = _apply(reference, "title", result)
    if records:  # (a title already in the table, our own output read again: no record)
        records.insert(0, _language_record(reference, "title", result))
    _write_field(reference, "title", title, result.text)
    records += _ukrainian_fields(normalizer, reference, reading)
    return _ukrainian_people(normalizer, reference, reading) + records


def _ukrainian_fields(normalizer: Normalizer, reference: Reference,
                      reading: LanguageReading) -> list[Normalization]:
    """The other fields of a work whose romanized title was read as Ukrainian (its language
    is now uk, so it is never read again: what is written here stays): its other titles
    and its publisher when they read as Ukrainian too (the title's words settle one that
    only leans); places stay as found."""
    records: list[Normalization] = []
    for field_name, role in FIELD_ROLES.items():
        value = reference.fields.get(field_name)
        if field_name == "title" or role is Role.PLACE or not value or CYRILLIC.search(value):
            continue
        result = normalizer.field(value, role)
        own = result.language if result.language is not None else (
            result.leaning.settle(reading.words) if result.leaning is not None else None)
        if own is None or own.language != "uk":
            continue  # (an English journal's name, say)
        written = normalizer.write_ukrainian(value, role, own)
        records += _apply(reference, field_name, written)
        _write_field(reference, field_name, value, written.text)
    return records


def _ukrainian_people(normalizer: Normalizer, reference: Reference,
                      reading: LanguageReading) -> list[Normalization]:
    """The people of a work read as Ukrainian (``_ukrainian_person``)."""
    return [record for role_name, persons in reference.names.items()
            for index, person in enumerate(persons)
            for record in _ukrainian_person(normalizer, reference, f"{role_name}[{index}]",
                                            person, reading)]


def _ukrainian_person(normalizer: Normalizer, reference: Reference, label: str, person: Name,
                      reading: LanguageReading) -> list[Normalization]:
    """A person of a Ukrainian work, written in the scheme's Ukrainian table only when
    every word of the name (but initials) is a Ukrainian word found in the list, its
    Cyrillic sure (Hrushevs'kyi, Mykhailo; not Kappeler, Andreas, whose Andreas alone
    would be found); otherwise the name stays as printed, as does any under the names
    policy as-found."""
    parts = {part: text for part, text in (("family", person.family),
                                           ("given", person.given)) if text}
    if person.literal or not parts or normalizer.options.names == "as-found" or any(
            CYRILLIC.search(text) for text in parts.values()):
        return []
    written = {part: normalizer.write_ukrainian(text, Role.NAME, reading)
               for part, text in parts.items()}
    words = [change for result in written.values() for change in result.changes]
    if not all(change.kind in _SURE or _initial(change) for change in words) or not any(
            change.kind in _SURE for change in words):
        return []
    records: list[Normalization] = []
    for part, result in written.items():
        records += _apply(reference, f"{label}.{part}", result)
        if result.text != parts[part]:
            reference.originals.setdefault(f"{label}.{part}", parts[part])
            setattr(person, part, result.text)
    return records


_SURE = frozenset({Kind.VARIANT, Kind.EXACT})  # a Ukrainian word's Cyrillic was sure


def _initial(change: TokenChange) -> bool:
    """An initial (M., Iu.): not found as a word, it does not keep the name from being
    written (its letters are kept as found)."""
    token = change.token
    return token.followed_by_dot and len(token.text) <= 2 and token.text[:1].isupper()


def _people_and_place(reference: Reference) -> list[tuple[str, Role]]:
    """``work_names_and_place`` with the role each is read in (the place last)."""
    *people, place = work_names_and_place(reference)
    return [*((text, Role.NAME) for text in people), (place, Role.PLACE)]


def _language_record(reference: Reference, field_name: str,
                     result: FieldResult) -> Normalization:
    """The record of a field left as it is because it is in another language."""
    reading = result.language
    assert reading is not None
    return Normalization(field=field_name, original=result.original, cyrillic=None,
                         lemma=None, normalized=result.original, kind="not-russian",
                         confidence=reading.confidence,
                         evidence=(f"read as {reading.name}", *reading.evidence),
                         applied=False, reference=reference)


def _published_in_english(reference: Reference, title: FieldResult | None,
                           container: FieldResult | None) -> bool:
    """A work whose title is English, or read as German, French... (and its journal's not
    Russian): its people are named as they are printed on it (Yuri Slezkine, Joseph
    Brodsky, Valery Lazarev), which is the form such a work is cited by."""
    declared = reference.fields.get("language", "").split("-")[0].lower()
    read = title.language.language if title is not None and title.language else ""
    if declared in OTHER_LANGUAGES and reference.title:
        return True  # declared German (or read so on a first pass: the same the second time)
    if declared not in ("", "en", read) or not reference.title:
        return False  # (a title read as German is as much not Russian as an English one)
    english = title is not None and not title.russian and declared != "ru"
    return english and not (container is not None and container.russian)


# a body named in English: its name is its own, whatever Russian names it holds
_ENGLISH_BODY = re.compile(
    r"\b(?:Foundation|Institution|Institute|University|Society|Library|Archives?|Cent(?:er|re)|"
    r"Museum|Press|Association|Council|Committee|Corporation|Corp|Inc|Ltd|Project|Agency|"
    r"Department|Ministry|Broadcasting|Company)\b")


def _normalize_person(normalizer: Normalizer, reference: Reference, label: str,
                      person: Name) -> list[Normalization]:
    if person.literal:
        if _ENGLISH_BODY.search(person.literal):  # Alexander N. Yakovlev Foundation
            return []
        result = normalizer.field(person.literal, Role.PUBLISHER)
        records = _apply(reference, f"{label}.literal", result)
        if result.text != person.literal:
            reference.originals.setdefault(f"{label}.literal", person.literal)
            person.literal = result.text
        return records
    parts = {"family": person.family, "given": person.given}
    russian = normalizer.name_is_russian(*(text for text in parts.values() if text))
    records: list[Normalization] = []
    for part, text in parts.items():
        if not text:
            continue
        result = normalizer.field(text, Role.NAME, russian=russian)
        records += _apply(reference, f"{label}.{part}", result)
        if result.text != text:
            reference.originals.setdefault(f"{label}.{part}", text)
            setattr(person, part, result.text)
    return records


def _apply(reference: Reference, field_name: str, result: FieldResult) -> list[Normalization]:
    """One record per distinct change in a field (a word repeated in it is listed once)."""
    distinct = result.distinct
    if not distinct:
        return []
    return [
        Normalization(
            field=field_name,
            original=change.original,
            cyrillic=change.cyrillic,
            lemma=change.resolution.lemma,
            normalized=change.normalized,
            kind=str(change.kind),
            confidence=change.resolution.confidence,
            evidence=change.resolution.evidence,
            applied=change.applied,
            reference=reference,
        )
        for change in distinct
    ]
