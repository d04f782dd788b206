"""Normalizing a field or a text: which words are Russian, how each is written back.

``Normalizer(options).field("Otsy I otchimy 'ottepeli'", Role.TITLE)`` splits the text into
words (keeping everything between them), resolves each word, decides whether the text is
Russian at all (an English title is left alone), writes every Russian word in the chosen
scheme under the names policy, gives a Russian title Russian capitalization, and returns
the new text, the Cyrillic, and one ``TokenChange`` per word that changed or is a suspect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Generic, NamedTuple, TypeVar

from ..errors import ConfigError
from ..richtext import tag_spans
from . import NAMES_POLICIES
from .authority import Authority, load_authority
from .resolve import (
    OTHER_LANGUAGES,
    PLAIN_I_SCHEMES,
    Kind,
    Resolution,
    Resolver,
    Role,
    Source,
    exonym_spelling,
    letter_code,
    looks_russian,
    number_sign,
    roman_numeral,
    table_phrases,
)
from .romanize import apply_case, capitalize_first, check_scheme, romanize
from .skeleton import HACEK
from .tables import load_table
from .ukrainian import (
    AS_RUSSIAN,
    CYRILLIC,
    LANGUAGE_NAMES,
    LEFT_AS_FOUND,
    LanguageReading,
    UkrainianReader,
    cyrillic_language,
)
from .ukrainian_writing import UkrainianTable, read_ukrainian, ukrainian_table

_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\ufe20-\ufe23])"
_INSIDE = r"['’ʹʺʼ`\"”·]"  # ” is BGN/PCGN's hard sign (V”yezda)
# possessive (no backtracking: what may follow a word is optional, so the longest is the
# match anyway); only VKP(b)'s (ВКП(б)'s) letter and the table phrases ignore case
_WORD = (rf"{_LETTER}++(?:{_INSIDE}{_LETTER}++)*+(?i:\([a-zа-яё]\))?"
         rf"(?:['’ʹ](?!{_LETTER}))?")
_SENTENCE_END = re.compile(r"[.?!]\s*$")  # not ":": Russian goes on in lower case
# Russian abbreviations a full stop ends, and no sentence (г., гг., в., вв., т., с., им.;
# one capital letter, V., is an initial)
_ABBREVIATIONS = frozenset({"g", "gg", "v", "vv", "t", "tt", "s", "ss", "str", "vyp", "im",
                            "dr", "pr", "sm", "ok", "tys", "mln", "mlrd", "rub", "kop", "ch",
                            "gos", "izd", "red", "sost", "per", "ed",
                            "г", "гг", "в", "вв", "т", "тт", "с", "стр", "вып", "им", "др",
                            "пр", "см", "ок", "тыс", "млн", "млрд", "руб", "коп", "ч"})
MAX_FIELD_CHARS = 20_000
K = TypeVar("K")
V = TypeVar("V")
FIELD_MEMO = 32_768  # distinct repeated fields remembered per normalizer


_COMBINING = re.compile(r"[\u0300-\u036f\ufe20-\ufe23]")
# the fields asked whether they are Ukrainian (or Belarusian...) before Russian: titles
# and publishers (a place is an exonym or the same word: Kyiv, Lviv)
_OTHER_LANGUAGE_ROLES = frozenset({Role.TITLE, Role.PUBLISHER})


@lru_cache(maxsize=2)
def _token_pattern(combining: bool = True) -> re.Pattern[str]:
    """The words; ``combining=False`` for text without combining marks (then a letter is
    one character class, not an alternation: twice as quick)."""
    letter = _LETTER if combining else r"[^\W\d_]"
    word = _WORD.replace(_LETTER, letter)
    phrases = table_phrases()
    # a phrase is tried only where one can start (a third of the time of a long title)
    firsts = "".join(sorted({re.escape(p[0]) for p in phrases}))
    either = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?=(?i:[{firsts}]))(?<!{letter})(?i:{either})(?!{letter})|{word}")


class Token(NamedTuple):
    """One word of a text (a named tuple: millions are made, and they are shared)."""

    start: int
    end: int
    text: str
    followed_by_dot: bool = False


_new_tuple = tuple.__new__
_SOFT_SIGNS = "'’ʹ"  # what a word may end in (_WORD)


def _words(text: str) -> tuple[Token, ...]:
    """The words of a field: CSL rich text's tags (<i>Pravda</i>) are markup, no words."""
    tokens = tokenize(text)
    if "<" in text:
        spans = tag_spans(text)
        if spans:
            return tuple(t for t in tokens
                         if not any(start <= t.start and t.end <= end for start, end in spans))
    return tokens


def _transcribed_name(r: Resolution) -> bool:
    """A name that reads as Russian only as Russian texts transcribe a foreign one: no
    dictionary has it, and its h is х, as English-language scholarship never writes it
    (Halfin, Igal is Игаль Халфин in Russian, not Khalfin)."""
    if r.source is not Source.LEXICON or not r.candidates:
        return False
    best = r.candidates[0]
    return (not best.known and best.alignment is not None
            and ("х", "h") in best.alignment.pieces)


def _joins_next(written: str, token: Token, text: str) -> bool:
    """Whether a word written without the soft sign it ended in would take the apostrophe
    after it as its own (y'' written y' reads as the word y' again: not idempotent)."""
    return (token.text[-1:] in _SOFT_SIGNS and written[-1:] not in _SOFT_SIGNS
            and text.startswith(tuple(_SOFT_SIGNS), token.end))


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` (apostrophe soft signs, VKP(b), table phrases kept whole)."""
    tokens = []
    pattern = _token_pattern(_COMBINING.search(text) is not None)
    # where single quotes open ('Leningradskoe delo'): the quote that closes one is no
    # soft sign (the common case, no quote at all, skips this)
    opening = ([m.start() for m in _OPENING_QUOTE.finditer(text)]
               if ("'" in text or "‘" in text) else [])
    unclosed = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        word = match.group()
        while opening and opening[0] < start:
            opening.pop(0)
            unclosed += 1
        # 'ottepeli' in single quotes: the closing quote is no soft sign
        if word[-1] in "'’" and text[end : end + 1] not in ("'", "’") and (
                (start > 0 and text[start - 1] in "'‘") or unclosed):
            end -= 1
            word = word[:-1]
            unclosed = max(unclosed - 1, 0)
        # tuple.__new__ skips the named tuple's Python-level __new__ (millions are made)
        tokens.append(_new_tuple(Token, (start, end, word, text[end : end + 1] == ".")))
    return tuple(tokens)


# a single quote that opens a quotation: first, or after a space or bracket, before a letter
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[«\"“]))['‘](?=[^\W\d_])")


@dataclass(frozen=True, slots=True)
class TokenChange:
    """How one word was written back; a change or a suspect makes it worth a record.

    ``normalized`` is the scheme's spelling; it is what the output shows only when
    ``applied`` (typo suspects need --fix-typos, guesses are only suggested).
    """

    token: Token
    resolution: Resolution
    cyrillic: str | None
    normalized: str
    kind: Kind
    applied: bool

    @property
    def written(self) -> str:
        return self.normalized if self.applied else self.original


    @property
    def original(self) -> str:
        r = self.resolution
        return self.token.text[: len(self.token.text) - len(r.possessive)]

    @property
    def reportable(self) -> bool:
        if self.kind is Kind.TYPO_SUSPECT:
            return True
        if self.kind is Kind.GUESS:  # a guess is worth showing only if it spells differently
            return self.normalized.lower() != self.original.lower()
        return self.normalized != self.original


@dataclass(frozen=True, slots=True)
class FieldResult:
    """A field written back.  Shared by every field with the same text (``Normalizer.field``
    is memoized), so it is frozen."""

    original: str
    text: str
    cyrillic: str | None  # the whole field in Cyrillic when it is Russian
    russian: bool
    changes: tuple[TokenChange, ...] = ()
    distinct: tuple[TokenChange, ...] = ()  # reportable, a word repeated in it listed once
    # read as another Cyrillic language (Ukrainian...): left as it is, and why
    language: LanguageReading | None = None
    # written as Russian, but leaning Ukrainian: the work's people or place may settle it
    leaning: LanguageReading | None = None

    @property
    def reportable(self) -> list[TokenChange]:
        return [c for c in self.changes if c.reportable]

    @property
    def confirmed(self) -> bool:
        """Whether every word's Cyrillic is one a table or the dictionary confirms (no
        guess, typo left as found or foreign word): only then is ``cyrillic`` the text as
        the work prints it, fit to be shown as its original title."""
        return all(change.kind in _CONFIRMED
                   or (change.kind is Kind.TYPO_SUSPECT and change.applied)
                   for change in self.changes)


_CONFIRMED = frozenset({Kind.EXACT, Kind.VARIANT, Kind.CASE_FORM})
# what is written as found whatever the scheme: acronyms, numerals, No. and codes
_KEPT = frozenset({Source.ACRONYM, Source.NUMERAL, Source.NUMBER_SIGN, Source.CODE})
_NUMBER_AFTER = re.compile(r"\.?\s*\d|-?\d")
_DIGIT = re.compile(r"\d")
# the English forms of Russian names and places: what an English title writes
_ENGLISH_USAGE = frozenset({Source.ESTABLISHED, Source.EXONYM})


_KEPT_IN_UKRAINIAN = _KEPT | {Source.AUTHORITY, Source.CYRILLIC}
_ENGLISH_FORMS = frozenset({Source.EXONYM, Source.ESTABLISHED, Source.FIXED})


def _rebuilt(text: str, changes: Sequence[TokenChange]) -> str:
    """``text`` with each changed word written (what lies between the words as it was)."""
    out, position = [], 0
    for change in changes:
        out.append(text[position : change.token.start] + change.written
                   + change.resolution.possessive)
        position = change.token.end
    out.append(text[position:])
    return "".join(out)


def _distinct(changes: Sequence[TokenChange]) -> tuple[TokenChange, ...]:
    seen: set[tuple[str, str, str]] = set()
    found = []
    for change in changes:
        key = (change.original, change.normalized, str(change.kind))
        if change.reportable and key not in seen:
            seen.add(key)
            found.append(change)
    return tuple(found)


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    scheme: str = "ala-lc"
    names: str = "established"
    fix_typos: bool = False


def check_names_policy(policy: str) -> str:
    if policy not in NAMES_POLICIES:
        raise ConfigError(
            f"unknown names policy {policy!r}; choose one of: {', '.join(NAMES_POLICIES)}"
        )
    return policy


@lru_cache(maxsize=1)
def _established() -> dict[str, str]:
    return {c.lower(): latin for c, latin in load_table("established_names")["names"].items()}


_IA_IU = frozenset({("я", "ia"), ("ю", "iu")})


def _writes_ia(resolved: Sequence[tuple[Token, Resolution]]) -> bool:
    """Whether a word of the field was read with я or ю written ia or iu."""
    for _, r in resolved:
        cut = r.candidates[0].alignment if r.candidates else None
        if cut is not None and not _IA_IU.isdisjoint(cut.pieces):
            return True
    return False


_IOTATED_J = frozenset({("я", "ja"), ("ю", "ju"), ("ё", "jo")})


def _writes_hacek(text: str, resolved: Sequence[tuple[Token, Resolution]]) -> bool:
    """Whether a field that has a word with ch writes ч as č: č, š or ž in it, or a word
    read with я, ю or ё written ja, ju or jo (no scheme that writes ч as ch does)."""
    if "ch" not in text and "Ch" not in text and "CH" not in text:
        return False
    if HACEK.search(text.lower()):
        return True
    for _, r in resolved:
        cut = r.candidates[0].alignment if r.candidates else None
        if cut is not None and not _IOTATED_J.isdisjoint(cut.pieces):
            return True
    return False


def latin_language(resolved: Sequence[tuple[Token, Resolution]]) -> LanguageReading | None:
    """The language of a title with Russian words that is not Russian, when its words say
    which: two or more common words of one other language (German, French...:
    ``OTHER_LANGUAGES``), more of them than of Russian or English words (*S etoi tochki
    zreniia: Die Zielgruppen des Befehls Nr. 00447 aus Sicht der Moskauer Zentrale* is
    German; its Russian words are left as written).  None when no language has the most."""
    if not any(r.language in OTHER_LANGUAGES for _, r in resolved):
        return None  # most titles: no word of another language at all
    counts: dict[str, list[str]] = {}
    russian = english = 0
    for token, r in resolved:
        if r.language in OTHER_LANGUAGES:
            counts.setdefault(r.language, []).append(token.text)
        # (as in is_russian, a title's Khrushchev or Moscow is English usage)
        russian += r.russian and r.language == "ru" and r.source not in _ENGLISH_USAGE
        english += r.language == "en"
    if not counts:
        return None
    language, words = max(counts.items(), key=lambda item: len(item[1]))
    rivals = [russian, english, *(len(w) for lang, w in counts.items() if lang != language)]
    if not russian or len(words) < 2 or len(words) <= max(rivals):
        return None  # (a title of no Russian word is none of the normalizer's business)
    evidence = (f"{LANGUAGE_NAMES[language]} words: {', '.join(dict.fromkeys(words))}",
                f"{russian} Russian word(s), {english} English: left as written")
    return LanguageReading(language, evidence, 0.7, True, tuple(words))


class Normalizer:
    """Normalizes fields and texts under one set of options (and one authority file)."""

    def __init__(self, scheme: str = "ala-lc", names: str = "established",
                 fix_typos: bool = False, authority: Authority | None = None,
                 resolver: Resolver | None = None) -> None:
        self.options = NormalizeOptions(check_scheme(scheme), check_names_policy(names),
                                        fix_typos)
        self.authority = authority or Authority()
        self.resolver = resolver or Resolver(self.authority)
        self._readback: Resolver | None = None
        self._ia: Resolver | None = None
        self._hacek: Resolver | None = None
        self._memo: dict[tuple[str, bool, Role, bool, bool, str | None, Kind],
                         tuple[TokenChange, str]] = {}
        # the same publisher, place, journal or name in thousands of references is
        # normalized once; a unique title is not kept (see _RepeatMemo)
        self._fields: _RepeatMemo[tuple[str, Role, bool | None, bool], FieldResult] = \
            _RepeatMemo()
        self._ukrainian: UkrainianReader | None = None
        self._names: _RepeatMemo[tuple[str, ...], bool] = _RepeatMemo()

    @classmethod
    def from_options(cls, options: object) -> Normalizer:
        """From anything with scheme, names, authority and fix_typos (``ConvertOptions``)."""
        authority = load_authority(getattr(options, "authority", None))
        return cls(getattr(options, "scheme", "ala-lc"), getattr(options, "names", "established"),
                   bool(getattr(options, "fix_typos", False)), authority)

    # -- deciding ---------------------------------------------------------------------------

    def resolve_all(self, text: str, role: Role) -> list[tuple[Token, Resolution]]:
        resolved = [(t, self.resolver.resolve(t.text, role)) for t in _words(text)]
        if len(resolved) > 1 and self.resolver.scheme is None and _writes_ia(resolved):
            # the field writes я, ю as ia, iu: ALA-LC (or ICAO), which write й as i too, so
            # its other words are read so (Istoriia izdanii is История изданий)
            reader = self._ia_reader()
            resolved = [(t, reader.resolve(t.text, role)) for t, _ in resolved]
        elif (len(resolved) > 1 and self.resolver.scheme is None
              and _writes_hacek(text, resolved)):
            # the field writes ч as č (or я, ю as ja, ju): the Czech system or DIN 1460,
            # where ch is х (Chlevnjuk, Politbjuro: mechanizmy političeskoj vlasti)
            reader = self._hacek_reader()
            resolved = [(t, reader.resolve(t.text, role) if "ch" in t.text.lower() else r)
                        for t, r in resolved]
        if role is Role.TITLE and len(resolved) > 1 and resolved[-1][0].text.isupper():
            last = resolved[-1][0]  # Chast' I, Series B
            label = roman_numeral(last.text, last=True)
            if label is not None and not any(c.isalpha() for c in text[last.end :]):
                resolved[-1] = (last, label)
        if role is not Role.NAME and _DIGIT.search(text):  # most fields have no number
            _numbers_and_codes(text, resolved)
        return resolved

    @staticmethod
    def is_russian(resolved: Sequence[tuple[Token, Resolution]], role: Role) -> bool:
        """Russian when more words read as Russian than as English (names: none foreign;
        a title's Beria, Lenin or Moscow is English usage, no sign of a Russian title)."""
        if role is Role.NAME and any(r.source is Source.FOREIGN for _, r in resolved):
            return False
        english_usage = _ENGLISH_USAGE if role is Role.TITLE else frozenset()
        russian = sum(1 for _, r in resolved
                      if r.russian and r.language == "ru" and r.source not in english_usage
                      and not (role is Role.NAME and _transcribed_name(r)))
        if role is Role.NAME and len(resolved) == 1 and resolved[0][1].kind is Kind.GUESS:
            # a lone surname no dictionary has (Chilachava) counts; beside other words, a
            # guess without Russian signs is no evidence (Binner made Rolf Rol'f)
            russian += resolved[0][1].language != "ru"
        # English words, and words in letters no romanization of Russian has (Pół wieku
        # dziejów Polski is Polish): evidence against
        english = sum(1 for _, r in resolved if r.language == "en" or r.source is Source.FOREIGN
                      or r.language in OTHER_LANGUAGES)
        if russian == english and russian and role in (Role.PUBLISHER, Role.PLACE):
            # Krymskiy most: a word only romanized Russian spells so outweighs an English one
            return any(r.russian and r.language == "ru" and looks_russian(t.text)
                       for t, r in resolved)
        return russian > english

    # -- writing back -----------------------------------------------------------------------

    def field(self, text: str, role: Role, russian: bool | None = None,
              others: bool = True) -> FieldResult:
        """``text`` written back (``russian`` decides for the caller: a name's parts are
        judged together).  A title or publisher read as Russian is first asked whether it
        is another Cyrillic language (``ukrainian``), unless ``others`` is False (the
        entry says it is Russian)."""
        if len(text) > MAX_FIELD_CHARS:  # no title or name is this long: leave it be
            return FieldResult(text, text, None, False)
        key = (text, role, russian, others)
        found = self._fields.get(key)
        if found is None:
            found = self._field(text, role, russian, others)
            self._fields.put(key, found)
        return found

    def other_language(self, text: str, resolved: Sequence[tuple[Token, Resolution]],
                       ) -> LanguageReading | None:
        """Whether a field that reads as Russian is Ukrainian, Belarusian... instead."""
        if CYRILLIC.search(text):
            return cyrillic_language(text)
        return self._ukrainian_reader().read(resolved)

    def follow(self, result: FieldResult, original: str) -> FieldResult:
        """``result`` with each word whose reading differs from the same word of
        ``original`` (the work's own Cyrillic title, given with it) written from that one:
        *Ubiystvo Stalina i Beria* beside *Убийство Сталина и Берии* is *... i Berii*, not
        *Beriia*.  Unchanged unless the two have the same number of words."""
        scheme = self.options.scheme
        given = [t.text for t in tokenize(original)]
        if (not result.russian or scheme == "as-found" or len(given) != len(result.changes)
                or not all(_in_cyrillic_letters(word) for word in given)):
            return result
        changes = list(result.changes)
        for index, (change, word) in enumerate(zip(changes, given, strict=True)):
            if change.cyrillic is None or _fold(change.cyrillic) == _fold(word):
                continue
            r = replace(change.resolution, cyrillic=word.lower(), evidence=(
                f"the original title given with it has {word}",), kind=Kind.VARIANT)
            written = romanize(word.lower(), scheme, change.written)
            changes[index] = replace(change, resolution=r, cyrillic=word,
                                     normalized=written, kind=Kind.VARIANT, applied=True)
        if changes == list(result.changes):
            return result
        return FieldResult(result.original, _rebuilt(result.original, changes), original, True,
                           tuple(changes), _distinct(changes))

    def name_is_russian(self, *parts: str) -> bool:
        """Whether a person's name (family and given together) is Russian."""
        found = self._names.get(parts)
        if found is None:
            found = self._name_is_russian(parts)
            self._names.put(parts, found)
        return found

    def _name_is_russian(self, parts: tuple[str, ...]) -> bool:
        resolved = [pair for text in parts if text for pair in self.resolve_all(text, Role.NAME)]
        return self.is_russian(resolved, Role.NAME)

    def _field(self, text: str, role: Role, russian: bool | None, others: bool) -> FieldResult:
        resolved = self.resolve_all(text, role)
        leaning = None
        if russian is None:
            russian = self.is_russian(resolved, role)
            if (others and role in _OTHER_LANGUAGE_ROLES
                    and (russian or CYRILLIC.search(text)
                         # Ukrainian's roky, teroru are Czech words too: Ukrainian first
                         or any(r.language in OTHER_LANGUAGES for _, r in resolved))):
                leaning = self.other_language(text, resolved)
                if leaning is not None and leaning.settled:  # (romanized Ukrainian is
                    # written by the step, which labels its work: ``write_ukrainian``)
                    return FieldResult(text, text, None, False, language=leaning)
        if not russian:  # (a Ukrainian leaning stays, for the work's people to settle)
            other = latin_language(resolved) if role is Role.TITLE else None
            return FieldResult(text, text, None, False, language=other, leaning=leaning)
        title_case = role is Role.TITLE and _is_title_case(text, resolved)
        changes: list[TokenChange] = []
        out: list[str] = []
        cyrillic: list[str] = []
        position = 0
        foreign = _foreign_people(text, resolved)
        if "<" in text:
            foreign |= _formula_words(text, resolved)
        kept = _institution_words(resolved) if title_case else frozenset()
        dotted_sign = False
        for index, (token, resolution) in enumerate(resolved):
            gap = text[position : token.start]
            starts_sentence = _starts_sentence(text, resolved, index)
            if index in foreign:  # Georgi in "Georgi Dimitrov" is Bulgarian, not Георгий;
                # H and O in H<sub>2</sub>O are no Russian words
                change = TokenChange(token, resolution, None, token.text, Kind.NOT_RUSSIAN,
                                     False)
                in_cyrillic = token.text
            else:
                change, in_cyrillic = self._write_memoized(token, resolution, role,
                                                           starts_sentence,
                                                           title_case and index not in kept)
                if change.applied and _joins_next(change.written, token, text):
                    change = replace(change, applied=False)  # suggested, not written
            changes.append(change)
            out.append(gap + change.written + resolution.possessive)
            if dotted_sign:  # No. 00447 is № 00447: the sign takes no full stop
                gap = gap[1:]
            cyrillic.append(gap + in_cyrillic)
            dotted_sign = resolution.source is Source.NUMBER_SIGN and token.followed_by_dot
            position = token.end
        out.append(text[position:])
        cyrillic.append(text[position + dotted_sign :])
        return FieldResult(text, "".join(out), "".join(cyrillic), True, tuple(changes),
                           _distinct(changes), leaning=leaning)

    def rewrite_ukrainian(self, result: FieldResult, role: Role) -> FieldResult:
        """``result``, a field read as romanized Ukrainian on its own, written in the
        scheme's Ukrainian table if what that writes is read as Ukrainian and written the
        same again (the ``translit`` command's field has no work to label: so running it on
        its own output changes nothing more); any other result as it is."""
        reading, text = result.language, result.original
        if reading is None or reading.language != "uk" or CYRILLIC.search(text):
            return result
        written = self.write_ukrainian(text, role, reading)
        if written.text == text or self._rewritten_again(written.text, role) == written.text:
            return written
        table = ukrainian_table(self.options.scheme)
        assert table is not None  # (the text changed)
        return replace(result, language=reading.with_outcome(
            f"left as found: written in the Ukrainian table of {table.description} it would "
            f"not be read as Ukrainian again; {AS_RUSSIAN}"))

    def _rewritten_again(self, text: str, role: Role) -> str:
        """What ``rewrite_ukrainian`` would make of its own output ``text``."""
        again = self.field(text, role)
        if again.language is None or again.language.language != "uk":
            return again.text
        return self.write_ukrainian(text, role, again.language).text

    def write_ukrainian(self, text: str, role: Role, reading: LanguageReading) -> FieldResult:
        """``text``, settled as Ukrainian (``reading``), written in the scheme's Ukrainian
        table (``ukrainian_writing``): each word whose Ukrainian Cyrillic is sure, but for
        acronyms, numbers, English words and (unless the names policy is systematic) the
        English forms of names and places.  A scheme without a table leaves it as found."""
        table = ukrainian_table(self.options.scheme)
        if table is None:
            outcome = LEFT_AS_FOUND if self.options.scheme == "as-found" else (
                f"left as found: {self.options.scheme} has no Ukrainian table; {AS_RUSSIAN}")
            return FieldResult(text, text, None, False, language=reading.with_outcome(outcome))
        changes = [self._ukrainian_change(token, r, table, reading)
                   for token, r in self.resolve_all(text, role)]
        changed = sum(1 for change in changes if change.applied and change.reportable)
        outcome = (f"written in the Ukrainian table of {table.description} ({changed} "
                   f"word(s) changed); {AS_RUSSIAN}")
        return FieldResult(text, _rebuilt(text, changes), None, False, tuple(changes),
                           _distinct(changes), language=reading.with_outcome(outcome))

    def _ukrainian_change(self, token: Token, r: Resolution, table: UkrainianTable,
                          reading: LanguageReading) -> TokenChange:
        """One word of a Ukrainian field: written from its Ukrainian Cyrillic when that is
        sure, only suggested when two Ukrainian words are spelled so, else as found."""
        word = token.text[: len(token.text) - len(r.possessive)] if r.possessive else token.text
        found = None if self._kept_in_ukrainian(r) else read_ukrainian(
            word, self.resolver.lexicon)
        if found is None:
            return TokenChange(token, r, None, word, Kind.NOT_RUSSIAN, False)
        written = apply_case(table.write(found.cyrillic), word)
        if not found.sure:
            kind, done = Kind.GUESS, f"left as found: two Ukrainian words are spelled {word}"
        else:
            kind = Kind.VARIANT if written != word else Kind.EXACT
            done = f"written in the Ukrainian table of {table.description}"
        resolution = replace(r, cyrillic=found.cyrillic, lemma=None, kind=kind,
                             confidence=reading.confidence, evidence=(found.evidence(), done),
                             language="uk", candidates=())
        return TokenChange(token, resolution, found.cyrillic, written, kind, found.sure)

    def _kept_in_ukrainian(self, r: Resolution) -> bool:
        """Words a Ukrainian field keeps as found: acronyms (TsDAHO), numerals and codes,
        English words, the authority file's forms and, unless the names policy is
        systematic, the English forms of names and places (Kyiv, not the scholarly Kyjiv)."""
        if r.source in _KEPT_IN_UKRAINIAN or r.language == "en":
            return True
        return self.options.names != "systematic" and r.source in _ENGLISH_FORMS

    def ukrainian_words(self, texts: Sequence[tuple[str, Role]]) -> list[str]:
        """The words of ``texts`` (a work's people, its place) that spell Ukrainian words
        and no common Russian one: what settles a title that leans Ukrainian."""
        reader = self._ukrainian_reader()
        return [word for text, role in texts if text
                for word, verdict in reader.words(self.resolve_all(text, role)) if verdict > 0]

    def _ukrainian_reader(self) -> UkrainianReader:
        if self._ukrainian is None:
            self._ukrainian = UkrainianReader(self.resolver.lexicon)
        return self._ukrainian

    def _write_memoized(self, token: Token, r: Resolution, role: Role, starts_sentence: bool,
                        title_case: bool) -> tuple[TokenChange, str]:
        """The same word in the same place of a sentence is written the same way: a field of
        a million repeated words costs a million dict look-ups."""
        # (the reading is part of the key: a field in ALA-LC reads some words otherwise)
        key = (token.text, token.followed_by_dot, role, starts_sentence, title_case,
               r.cyrillic, r.kind)
        known = self._memo.get(key)
        if known is None:
            change = self._write(token, r, role, starts_sentence, title_case)
            lower_it = title_case and not starts_sentence
            known = (change, self._cyrillic(change, role, starts_sentence, lower_it))
            if len(self._memo) > 500_000:
                self._memo.clear()
            self._memo[key] = known
            return known
        change, in_cyrillic = known
        return TokenChange(token, r, change.cyrillic, change.normalized, change.kind,
                           change.applied), in_cyrillic

    def _write(self, token: Token, r: Resolution, role: Role, starts_sentence: bool,
               title_case: bool) -> TokenChange:
        word = token.text[: len(token.text) - len(r.possessive)] if r.possessive else token.text
        scheme = self.options.scheme
        if (r.cyrillic is None or r.kind is Kind.NOT_RUSSIAN or r.language == "en"
                or r.language in OTHER_LANGUAGES):
            return TokenChange(token, r, None, word, Kind.NOT_RUSSIAN, False)
        kind, applied = r.kind, True
        initial = _is_initial(token, r)
        kept = r.source in _KEPT or initial
        in_scheme = self._initial_in_scheme(word, r) if initial else None
        if in_scheme is not None:
            written = in_scheme  # Yu. is Ю.: Iu.
        elif kept:
            written = word
        elif kind is Kind.TYPO_SUSPECT:
            applied = self.options.fix_typos
            written = romanize(r.cyrillic, scheme, word) if scheme != "as-found" else word
        elif kind is Kind.GUESS:
            written = romanize(r.cyrillic, scheme, word) if scheme != "as-found" else word
            # a guess is only suggested, unless the scheme's spelling is the word without
            # its marks (Koshelëva in ALA-LC without diacritics: Kosheleva, ё or е alike)
            applied = (written != word and _without_marks(word) == written
                       and _plain_scheme(scheme))
        elif scheme == "as-found":
            written = word
        elif r.source in (Source.EXONYM, Source.FIXED) or (r.is_name and role is not Role.TITLE):
            written = self._name_form(word, r)
        else:
            written = romanize(r.cyrillic, scheme, word)
        if applied and role is Role.TITLE and scheme != "as-found" and not kept:
            written = _title_case_word(written, word, r, starts_sentence, title_case)
        if written != word and not self._reads_back(written, r, role):
            written = word  # the new spelling would be read as another word: keep the old
        if kind is Kind.VARIANT and written == word:
            kind = Kind.EXACT
        return TokenChange(token, r, r.cyrillic, written, kind, applied)

    def _initial_in_scheme(self, word: str, r: Resolution) -> str | None:
        """An initial as the scheme writes it, or None to keep it: two letters for one
        (Yu. for Ю., Iurii's Iu.) that the scheme writes as one or two plain letters again; a
        one-letter initial's reading is a guess (E. is Е. or Э.), and the names policy may
        say as found."""
        if (len(word) != 2 or not word.isalpha() or r.cyrillic is None or len(r.cyrillic) != 1
                or "as-found" in (self.options.scheme, self.options.names)):
            return None
        written = romanize(r.cyrillic, self.options.scheme, word.capitalize())
        return written if written.isascii() and written.isalpha() and len(written) <= 2 \
            else None

    def _reads_back(self, written: str, r: Resolution, role: Role) -> bool:
        """A spelling is written only if it resolves to the same Cyrillic (so normalizing
        the output again changes nothing)."""
        if r.source in _KEPT or r.source in (Source.LETTER, Source.AUTHORITY):
            return True
        back = self._reader().resolve(written, role)
        return _fold(back.cyrillic) == _fold(r.cyrillic)

    def _reader(self) -> Resolver:
        """The output is in a known scheme: read it back as that scheme's (ALA-LC writes
        мой as Moi, and Moi in ALA-LC is мой as much as мои)."""
        if self.options.scheme not in PLAIN_I_SCHEMES:
            return self.resolver
        if self._readback is None:
            self._readback = Resolver(self.resolver.authority, self.resolver.lexicon,
                                      scheme=self.options.scheme)
        return self._readback

    def _hacek_reader(self) -> Resolver:
        if self._hacek is None:
            self._hacek = Resolver(self.resolver.authority, self.resolver.lexicon,
                                   ch_is_kh=True)
        return self._hacek

    def _ia_reader(self) -> Resolver:
        if self._ia is None:
            self._ia = Resolver(self.resolver.authority, self.resolver.lexicon,
                                scheme="ala-lc/icao")
        return self._ia

    def _name_form(self, word: str, r: Resolution) -> str:
        policy = self.options.names
        cyrillic = (r.cyrillic or "").lower()
        if policy == "as-found":
            return word
        if cyrillic in self.authority.names:
            return apply_case(self.authority.names[cyrillic], word)
        if policy == "established":
            if r.source is Source.EXONYM:  # St.Petersburg, St Petersburg: St. Petersburg
                return apply_case(exonym_spelling(word), word)
            if r.source is Source.FIXED:
                return word
            if cyrillic in _established():
                return apply_case(_established()[cyrillic], word)
        if r.source in (Source.EXONYM, Source.FIXED):
            return romanize(cyrillic, self.options.scheme, r.cyrillic or word)
        return romanize(cyrillic, self.options.scheme, word)

    def _cyrillic(self, change: TokenChange, role: Role, starts_sentence: bool,
                  lower_it: bool) -> str:
        r, word = change.resolution, change.token.text
        if change.cyrillic is None:
            return word
        cyrillic = change.cyrillic
        if r.kind is Kind.TYPO_SUSPECT and not self.options.fix_typos:
            cyrillic = r.literal or cyrillic
        if r.source is Source.ACRONYM or cyrillic != cyrillic.lower():
            return cyrillic
        if len(word) > 1 and word[1:] != word[1:].lower():  # GULag: an acronym, ГУЛАГ
            return cyrillic.upper()
        if role is Role.TITLE and starts_sentence:
            return capitalize_first(cyrillic)
        capital = word[:1].isupper() and (r.is_proper or not lower_it)
        if r.source is Source.LETTER:  # И. В. Сталина: an initial keeps its capital
            capital = _is_initial(change.token, r)
        return capitalize_first(cyrillic) if capital else cyrillic


class _RepeatMemo(Generic[K, V]):
    """Remembers a value from the second time its key is seen, at most ``FIELD_MEMO`` of
    them (oldest dropped first).  Publishers, places, journals and names repeat; most titles
    do not, and keeping every title's result would only feed the garbage collector."""

    def __init__(self, size: int = FIELD_MEMO) -> None:
        self.size = size
        self.values: dict[K, V] = {}
        self.seen: set[K] = set()

    def get(self, key: K) -> V | None:
        return self.values.get(key)

    def put(self, key: K, value: V) -> None:
        if key not in self.seen:
            if len(self.seen) >= 4 * self.size:
                self.seen.clear()
            self.seen.add(key)
            return
        if len(self.values) >= self.size:
            del self.values[next(iter(self.values))]
        self.values[key] = value


def _starts_sentence(text: str, resolved: Sequence[tuple[Token, Resolution]],
                     index: int) -> bool:
    """First word, or the first after . ? or ! (only the gap before it is looked at, so a
    ten-megabyte field stays linear)."""
    start = resolved[index][0].start
    glued = text[start - 2 : start] if start > 1 else text[:start]
    if glued[-1:].isdigit() or (glued[-1:] == "-" and glued[:1].isdigit()):
        return False  # the e of 60-e, the b of 2002b: a number's ending
    if index == 0:
        return True
    before = resolved[index - 1][0]
    gap = text[before.end : resolved[index][0].start]
    if gap.startswith(".") and before.text.lower() in _ABBREVIATIONS and (
            index == 1 or len(before.text) > 1 or before.text.islower()):
        # (the first word's capital is the title's, so v. and V. are one there)
        return False  # 1937-1938 gg. v Leningrade: an abbreviation's full stop (V. is an initial)
    return bool(_SENTENCE_END.search(gap))


def _numbers_and_codes(text: str, resolved: list[tuple[Token, Resolution]]) -> None:
    """No. and Nr. before a number are the number sign (No. 00447 is no но), and capitals
    glued to a number a code (fond R-9401): both kept as written."""
    for index, (token, r) in enumerate(resolved):
        following = text[token.end : token.end + 6]
        if (not following or r.source in (Source.ACRONYM, Source.AUTHORITY)
                or _NUMBER_AFTER.match(following) is None):
            continue
        special = number_sign(token.text, following) or letter_code(token.text, following)
        if special is not None:
            resolved[index] = (token, special)


def _foreign_people(text: str, resolved: Sequence[tuple[Token, Resolution]]) -> set[int]:
    """Indices of the words of a non-Russian person's name: the table's name and the
    capitalized words joined to it by single spaces (Georgi Dimitrov, Ivo Banac)."""
    found: set[int] = set()
    for index, (_, r) in enumerate(resolved):
        if r.source is not Source.FOREIGN:
            continue
        found.add(index)
        for step in (-1, 1):
            at = index
            while 0 <= at + step < len(resolved):
                left, right = sorted((resolved[at][0], resolved[at + step][0]),
                                     key=lambda t: t.start)
                neighbour = resolved[at + step][0]
                if text[left.end : right.start] != " " or not neighbour.text[:1].isupper():
                    break
                at += step
                found.add(at)
    return found


_SCRIPTS = ("<sub>", "<sup>")
_SCRIPTS_END = ("</sub>", "</sup>")


def _formula_words(text: str, resolved: Sequence[tuple[Token, Resolution]]) -> set[int]:
    """Indices of the words glued to a subscript or superscript (H<sub>2</sub>O, m<sup>2
    </sup>): parts of a formula or a unit, no Russian words (H became Kh)."""
    return {index for index, (token, _) in enumerate(resolved)
            if text.startswith(_SCRIPTS, token.end) or text.endswith(_SCRIPTS_END, 0,
                                                                      token.start)}


@cache
def _plain_scheme(scheme: str) -> bool:
    """Whether the scheme writes Russian in plain ASCII letters (ALA-LC without diacritics):
    there, a word's marks say nothing the written form keeps."""
    return scheme != "as-found" and romanize("ёйэюяъь", scheme).isascii()


def _without_marks(word: str) -> str:
    """``word`` with its diacritics taken off (ë -> e, ĭ -> i)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _in_cyrillic_letters(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _fold(cyrillic: str | None) -> str:
    return (cyrillic or "").lower().replace("ё", "е")


def _is_initial(token: Token, r: Resolution) -> bool:
    """N.A. or O.: one or two capital letters with a full stop, or a capital in a name."""
    if len(token.text) > 2 or not token.text[:1].isupper():
        return False
    return r.is_name or token.followed_by_dot


@cache
def _institutions() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in load_table("institutions")["phrases"])


def _institution_words(resolved: Sequence[tuple[Token, Resolution]]) -> frozenset[int]:
    """The tokens that belong to an institution's name (Sovet Ministrov, Verkhovnogo Soveta):
    Russian spelling capitalizes them, so title case does not lower them."""
    lemmas = [_fold(r.lemma or r.cyrillic) for _, r in resolved]
    found: set[int] = set()
    for phrase in _institutions():
        width = len(phrase)
        for start in range(len(lemmas) - width + 1):
            if tuple(lemmas[start : start + width]) == phrase:
                found.update(range(start, start + width))
    return frozenset(found)


def _is_title_case(text: str, resolved: Sequence[tuple[Token, Resolution]]) -> bool:
    """Most common words after the first of a sentence are capitalized (Argumenty I Fakty)."""
    capitals = lower = 0
    for index, (token, r) in enumerate(resolved):
        if _starts_sentence(text, resolved, index):
            continue
        if not token.text[:1].isupper():
            lower += 1  # whatever it is: so lower-casing a title never turns the vote
        elif not (r.is_proper or r.source in _KEPT):
            capitals += 1
    return capitals > lower


def _title_case_word(written: str, original: str, r: Resolution, starts_sentence: bool,
                     title_case: bool) -> str:
    """Russian capitalization: sentence starts and proper names only."""
    if r.source is Source.ACRONYM or (len(original) > 1 and not original[1:].islower()
                                      and original[1:] != original[1:].lower()):
        # inner capitals (GULag, KPSS) stay as written when the spelling does not change
        return original if written.lower() == original.lower() else written
    if starts_sentence:
        return capitalize_first(written)
    if r.source is Source.LETTER:
        return written.lower()
    if r.is_proper:
        return apply_case(written, original)
    if title_case:
        return written.lower()
    return apply_case(written, original)
