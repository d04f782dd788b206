"""Latin word -> Cyrillic: every reading a scheme or habit could have produced, ranked.

``Resolver.resolve("Ubiystvo", Role.TITLE)`` looks, in order, at the user's authority file,
the tables (acronyms, exonyms, fixed forms, foreign and established names), the lexicon
(every Cyrillic word sharing the skeleton, kept when ``renderings.align`` can cut the Latin
into scheme pieces, ranked by dictionary, frequency and field), then one-edit typo
neighbours (titles only) and last a scheme-consistent guess.  Results are memoized per
(word, role): a token seen twice costs one dict look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from . import wordindex
from .authority import Authority
from .lexicon import Lexicon, WordInfo, get_lexicon
from .renderings import PLAIN_I_FOR_SHORT_I, Alignment, align, fold_latin
from .romanize import romanize_lower
from .skeleton import SCHOLARLY, latin_skeletons
from .tables import load_table
from .typos import describe_edit, skeleton_neighbours
from .ukrainian import LANGUAGE_NAMES


class Kind(StrEnum):
    EXACT = "exact"
    VARIANT = "variant"
    CASE_FORM = "case-form"
    TYPO_SUSPECT = "typo-suspect"
    GUESS = "guess"
    NOT_RUSSIAN = "not-russian"


class Role(StrEnum):
    """What a word is part of; it changes how readings are ranked."""

    NAME = "name"  # a person's name: never "corrected" into a common word
    TITLE = "title"  # a title: typo neighbours are looked for
    PUBLISHER = "publisher"
    PLACE = "place"
    TEXT = "text"  # running text given to ``translitbib translit``


class Source(StrEnum):
    AUTHORITY = "authority"
    ACRONYM = "acronym"
    EXONYM = "exonym"
    FIXED = "fixed-form"
    ESTABLISHED = "established-name"
    FOREIGN = "foreign-name"
    LEXICON = "lexicon"
    TYPO = "typo-neighbour"
    GUESS = "guess"
    ENGLISH = "english"
    OTHER_LANGUAGE = "other-language"  # a common German, French, Polish... word
    LETTER = "single-letter"
    CYRILLIC = "cyrillic"  # already written in Cyrillic: nothing to read back
    NUMERAL = "roman-numeral"  # XX, IV: Russian text writes them in Latin letters too
    NUMBER_SIGN = "number-sign"  # No. 00447, Nr. 5: the sign №, no word
    CODE = "code"  # R-9401, T-34: a letter glued to a number, a code kept as written


@dataclass(frozen=True, slots=True)
class Candidate:
    cyrillic: str
    score: float
    alignment: Alignment | None  # how the Latin was cut; None for a typo neighbour
    zipf: float
    known: bool

    @property
    def reading(self) -> str:
        return self.alignment.describe() if self.alignment else "not a scheme's spelling"


@dataclass(frozen=True, slots=True)
class Resolution:
    """How one Latin word was read."""

    original: str
    cyrillic: str | None  # the reading (for a typo suspect: the correction)
    lemma: str | None
    kind: Kind
    confidence: float
    evidence: tuple[str, ...]
    source: Source
    # "ru", "en", "both" (could be either), "none" (no evidence), or one of
    # ``OTHER_LANGUAGES`` (de, fr, pl, cs, it: a common word there, no common Russian one)
    language: str
    is_name: bool = False  # read as a person's name, given or family
    is_proper: bool = False  # a name or place: keeps its capital in a Russian title
    literal: str | None = None  # for a typo suspect: the reading of the letters as written
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    possessive: str = ""  # an English "'s" that was cut off

    @property
    def russian(self) -> bool:
        return self.cyrillic is not None and self.kind is not Kind.NOT_RUSSIAN


# Latin that only romanized Russian tends to have (O'Meara's apostrophe after one letter is
# Irish, not a soft sign)
_RUSSIAN_SIGNS = re.compile(
    r"kh|zh|shch|iia|iiu|iu|ĭ|͡|ʹ|[a-z]{2}'[a-z]|[a-z]{2}'$|(?:yi|ii|iy|yy)$|^ts|aia$"
)
_ENGLISH_SIGNS = re.compile(r"th|w|q|ph|ck|ght|tion|ou")
MAX_WORD = 40  # longer tokens are no words (and one-edit search on them would be quadratic)
# O'Meara, O'Brien (Irish), D'Agostino, L'Estrange: a capital after the apostrophe, then
# lower case (D'iakonov and L'vov are дьяконов and львов; all-caps text goes to the lexicon)
_WESTERN_PREFIX = re.compile(r"^([ODL])['’ʼ][A-Z][a-z]")
_WESTERN_REASONS = {
    "O": "an Irish name: O' and a capital (O'Brien, O'Meara), not a Russian word",
    "D": "a French or Italian name: D' and a capital (D'Agostino), not a Russian word",
    "L": "a French or Italian name: L' and a capital (L'Estrange), not a Russian word",
}
_POSSESSIVE = re.compile(r"^(.+[a-z])(['’]s)$", re.IGNORECASE)
_SURNAME_ENDING = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|ова|ева|ёва|ина|ына|ская|цкая|ко|ук|юк)$")
_VOWELS = set("aeiouy")
# a word of Cyrillic letters only (Яковлев, with any combining marks): no romanization
_CYRILLIC_WORD = re.compile(
    r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f\u0300-\u036f\ufe20-\ufe2f'’ʹ-]+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052f]")
# Latin letters of other languages that no romanization of Russian uses (è, ë, ê, ŝ, û, â
# and the háček letters are ISO 9's, ALA-LC's or the scholarly system's; é is BS 2979's э)
_NOT_ROMANIZATION = re.compile(r"[áíóúàòùñßøåæœçãõäöüőűłśćńźżęąÁÍÓÚÀÒÙÑØÅÆŒÇÃÕÄÖÜŐŰŁŚĆŃŹŻĘĄ]")
# é is BS 2979's э, which Russian names have first or after a vowel (Éduard, Rafaél'), not
# after a consonant as French ones do (Vallée, Bérard, Désiré)
_FOREIGN_E = re.compile(r"(?<=[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])[éÉ]")
_SINGLE_LETTERS = {"v": "в", "s": "с", "k": "к", "o": "о", "i": "и", "a": "а", "u": "у", "ia": "я"}


def _in_cyrillic(word: str) -> bool:
    """Whether ``word`` is written in Cyrillic letters only."""
    return _CYRILLIC_WORD.fullmatch(word) is not None and _CYRILLIC_LETTER.search(word) is not None


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    exonyms = load_table("exonyms")
    established = load_table("established_names")["names"]
    return {
        "acronyms": load_table("acronyms")["acronyms"],
        "places": {k.lower(): v for k, v in exonyms["places"].items()},
        "given": {k.lower(): v for k, v in exonyms["given"].items()},
        "fixed": {k.lower(): v for k, v in load_table("fixed_forms")["forms"].items()},
        "established": {latin.lower(): cyr.lower() for cyr, latin in established.items()},
        "foreign": {k.lower(): v for k, v in load_table("foreign_names")["names"].items()},
    }


def table_phrases() -> list[str]:
    """Table entries of more than one word (St. Petersburg, Kommersant-Vlast')."""
    tables = _tables()
    keys = [*tables["places"], *tables["fixed"], *tables["given"]]
    return sorted((k for k in keys if not k.isalpha()), key=len, reverse=True)


@lru_cache(maxsize=1)
def _exonym_spellings() -> dict[str, str]:
    """Each exonym's letters alone -> its first spelling in the table: St.Petersburg and
    St Petersburg are St. Petersburg, as one work is written one way (Saint Petersburg,
    other letters, is another spelling, and kept)."""
    exonyms = load_table("exonyms")
    spellings: dict[str, str] = {}
    for table in ("places", "given"):
        for spelling in exonyms[table]:
            spellings.setdefault(_letters(spelling), spelling)
    return spellings


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def exonym_spelling(word: str) -> str:
    """The table's spelling of an English exonym written with other spaces or dots."""
    return _exonym_spellings().get(_letters(word), word)


def looks_russian(word: str) -> bool:
    """Whether ``word`` has what only romanized Russian tends to (kh, zh, -iy, -iia...)."""
    return _RUSSIAN_SIGNS.search(fold_latin(word)) is not None


def is_foreign_name(word: str) -> bool:
    return word.lower() in _tables()["foreign"]


# the schemes (ours, romanize.SCHEMES) that write й as a plain i, like и; "ala-lc/icao" is
# a text known to be in one of the two (я written ia), not which
PLAIN_I_SCHEMES = frozenset({"ala-lc", "ala-lc/icao"})
SIGN_SCHEMES = frozenset({"ala-lc"})  # and the ones of them that write every ь and ъ


class Resolver:
    """Resolves Latin words to Cyrillic; one per authority file, memoized.

    ``scheme``: the scheme the text is known to be in, when it is (the normalizer reads its
    own ALA-LC output back so); by default any scheme may have written a word."""

    def __init__(self, authority: Authority | None = None,
                 lexicon: Lexicon | None = None, scheme: str | None = None,
                 ch_is_kh: bool = False, other_languages: bool = True) -> None:
        self.authority = authority or Authority()
        self._lexicon = lexicon
        self._cache: dict[tuple[str, Role], Resolution] = {}
        self.scheme = scheme
        self._plain_i = 0.0 if scheme in PLAIN_I_SCHEMES else PLAIN_I_FOR_SHORT_I
        self._signs = scheme in SIGN_SCHEMES
        self.ch_is_kh = ch_is_kh  # the text writes ч as č (Czech, DIN 1460): ch is х
        # whether a common German, French... word is told from Russian (the matching key
        # reads every word as Russian: Ukrajiny, Czech too, is украины's spelling)
        self.other_languages = other_languages

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon()
        return self._lexicon

    def resolve(self, word: str, role: Role = Role.TEXT) -> Resolution:
        key = (word, role)
        found = self._cache.get(key)
        if found is None:
            found = self._resolve(word, role)
            self._cache[key] = found
        return found

    # -- the chain ------------------------------------------------------------------------

    def _resolve(self, word: str, role: Role) -> Resolution:
        if len(word) > MAX_WORD:
            return Resolution(word, None, None, Kind.NOT_RUSSIAN, 0.9,
                              (f"longer than {MAX_WORD} letters: no word",), Source.ENGLISH,
                              "none")
        if _in_cyrillic(word):
            return Resolution(word, None, None, Kind.NOT_RUSSIAN, 1.0,
                              ("written in Cyrillic: kept as it is",), Source.CYRILLIC, "none")
        foreign = _NOT_ROMANIZATION.search(word)
        reason = f"{foreign.group()}: a letter no romanization of Russian has" if foreign else ""
        if not foreign and role is Role.NAME and _FOREIGN_E.search(word):
            reason = "é after a consonant: a French name (BS 2979's é for э comes first or "
            reason += "after a vowel)"
        if reason:  # Müller, Muñoz, Vallée: no scheme for Russian writes these letters so
            return Resolution(word, None, None, Kind.NOT_RUSSIAN, 0.95, (reason,),
                              Source.FOREIGN, "none", is_name=True, is_proper=True)
        possessive = _POSSESSIVE.match(word)
        if possessive and possessive.group(1)[0].isupper():
            base = self.resolve(possessive.group(1), role)
            return _replace(base, original=word, possessive=possessive.group(2),
                            evidence=(*base.evidence, "English possessive 's"))
        found = (
            self._from_tables(word, role)
            or _western_name(word)
            or roman_numeral(word)
            or self._single_letter(word, role)
            or self._from_lexicon(word, role)
        )
        if found.kind in (Kind.GUESS, Kind.TYPO_SUSPECT) and role is not Role.NAME \
                and is_acronym(word):
            return _acronym(word)
        return found

    def _from_tables(self, word: str, role: Role) -> Resolution | None:
        tables = _tables()
        lower = word.lower()
        reading = self.authority.readings.get(lower)
        if reading:
            return self._table_hit(word, reading, Source.AUTHORITY, "authority file", role)
        if word in tables["acronyms"]:
            return self._table_hit(word, tables["acronyms"][word], Source.ACRONYM,
                                   "acronym table", role)
        if lower in tables["fixed"]:
            return self._table_hit(word, tables["fixed"][lower], Source.FIXED,
                                   "table of fixed forms", role)
        # an English exonym is a proper name: a lower-case "ukraine" in running text is the
        # Russian украине, "peter" is петер
        proper = word[:1].isupper() or role not in (Role.TEXT, Role.TITLE)
        for name, label in (("places", "place name"), ("given", "given name")):
            if proper and lower in tables[name]:
                return self._table_hit(word, tables[name][lower], Source.EXONYM,
                                       f"English exonym ({label})", role)
        if lower in tables["foreign"]:
            language = tables["foreign"][lower]
            native = other_cyrillic(word, language)
            evidence = [f"table of non-Russian names ({language})"]
            if native:
                evidence.append(f"{language} Cyrillic {native} (transliterate's {language} pack)")
            return Resolution(word, native, None, Kind.NOT_RUSSIAN, 0.9, tuple(evidence),
                              Source.FOREIGN, "none", is_name=True, is_proper=True)
        if lower in tables["established"]:
            cyrillic = tables["established"][lower]
            why = "established English form of a Russian name"
            if role is Role.TITLE:  # the names policy writes people, not titles
                why = (f"established English form of the Russian name {cyrillic.capitalize()};"
                       " a title gets the scheme's spelling (established forms are for names"
                       " of people)")
            return self._table_hit(word, cyrillic, Source.ESTABLISHED, why, role)
        return None

    def _table_hit(self, word: str, cyrillic: str, source: Source, why: str,
                   role: Role) -> Resolution:
        info = self.lexicon.info(cyrillic.lower()) if cyrillic.isalpha() else None
        lemma = info.lemma if info and info.known else cyrillic.lower()
        is_name = bool(info and info.name_tag) or source in (Source.ESTABLISHED,)
        if source is Source.EXONYM and "given" in why:
            is_name = True
        return Resolution(word, cyrillic, lemma, Kind.VARIANT, 0.98, (why,), source, "ru",
                          is_name=is_name, is_proper=source is not Source.ACRONYM)

    def _single_letter(self, word: str, role: Role) -> Resolution | None:
        lower = word.lower()
        if len(word) > 2 or not word.isalpha():
            return None
        if word[0].isupper() and role in (Role.NAME, Role.PUBLISHER, Role.PLACE):
            cyrillic = self.guess_cyrillic(word)
            return Resolution(word, cyrillic.capitalize(), None, Kind.VARIANT, 0.8,
                              ("initial",), Source.LETTER, "both", is_name=True)
        if lower in _SINGLE_LETTERS:
            cyrillic = _SINGLE_LETTERS[lower]
            # English has a, o and I, never a lower-case i (Stalin i Beria is Russian)
            language = "both" if lower in ("a", "o") or word == "I" else "ru"
            evidence = ("one-letter word: conjunction or preposition",)
            return Resolution(word, cyrillic, cyrillic, Kind.VARIANT, 0.9, evidence,
                              Source.LETTER, language)
        return None

    def _from_lexicon(self, word: str, role: Role) -> Resolution:
        lexicon = self.lexicon
        capitalized = word[:1].isupper()
        ch_kh = self.ch_is_kh
        found = dict.fromkeys(c for k in latin_skeletons(word, ch_is_kh=ch_kh)
                              for c in lexicon.candidates(k))
        if not found and "h" in word.lower():
            found = dict.fromkeys(c for k in latin_skeletons(word, split_h=True)
                                  for c in lexicon.candidates(k))
        plain_i, signs = self._plain_i, self._signs
        cuts = [(c, align(word, c, plain_i, signs, ch_kh)) for c in found]
        # cheapest bound first: a candidate whose frequency and cost cannot beat the best
        # even with every bonus is never looked up in the dictionary (that is the slow part)
        readable = sorted(((c, cut) for c, cut in cuts if cut is not None),
                          key=lambda item: -_cheap_score(lexicon, *item, role))
        aligned: list[tuple[float, WordInfo, Alignment]] = []
        seen: set[str] = set()
        best = float("-inf")
        bonus = _max_bonus(role, capitalized)
        for candidate, cut in readable:
            if _cheap_score(lexicon, candidate, cut, role) + bonus < best:
                break
            info = lexicon.info(candidate)
            if info.word in seen:
                continue
            seen.add(info.word)
            score = _prior(info, role, capitalized) - COST_WEIGHT * _reading_cost(cut, role)
            aligned.append((score, info, cut))
            best = max(best, score)
        suspects: list[tuple[float, WordInfo]] = []
        for candidate, cut in cuts:
            if cut is not None:
                continue
            info = lexicon.info(candidate)
            restored = (align(word, info.word, plain_i, signs, ch_kh) if info.word != candidate
                        else None)
            if info.word in seen:
                continue
            seen.add(info.word)
            if restored is not None:  # хрущев is хрущёв, and "Khrushchyov" says so
                aligned.append((_prior(info, role, capitalized)
                                - COST_WEIGHT * _reading_cost(restored, role),
                                info, restored))
            else:
                suspects.append((_prior(info, role, capitalized), info))
        english = lexicon.english_zipf(word.lower())
        # Sicht, Befehls, des: a common word of another language (not in names: those
        # lists hold every language's names too)
        other = (lexicon.other_language(word)
                 if role is not Role.NAME and self.other_languages else None)
        if other is not None and other[1] < max(english + OTHER_OVER_ENGLISH, OTHER_COMMON):
            other = None  # rare, or English's too (war, man, moment: the English checks decide)
        if aligned:
            found = self._best_aligned(word, role, aligned, english)
            if other is not None and other[1] >= found.candidates[0].zipf + OTHER_MARGIN:
                # the Russian reading is kept (its Cyrillic is right if the field is
                # Russian after all), but the word is no Russian evidence and not rewritten
                return _replace(found, language=other[0],
                                evidence=(*found.evidence, _other_evidence(other)))
            return found
        if other is not None:  # no scheme spells a Russian word so: a typo at best
            return Resolution(word, None, None, Kind.NOT_RUSSIAN, 0.8,
                              (_other_evidence(other),), Source.OTHER_LANGUAGE, other[0])
        if suspects:
            return self._suspect(word, role, suspects, english)
        if role in (Role.TITLE, Role.TEXT) and len(word) >= 4:
            own = self._own_reading(word, role, english)
            if own is not None:  # Katynskaia is катынская, no typo of латинская
                return own
            typo = self._typo_neighbour(word, english)
            if typo is not None:
                return typo
        return self._guess(word, role, english)

    def _best_aligned(self, word: str, role: Role,
                      aligned: list[tuple[float, WordInfo, Alignment]],
                      english: float) -> Resolution:
        aligned.sort(key=lambda item: (-item[0], item[2].cost))  # a tie: the likelier spelling
        score, info, cut = aligned[0]
        confidence = (0.97 if info.known else 0.85) - 0.1 * cut.cost
        if len(aligned) > 1 and aligned[1][0] > score - 1.0:
            confidence -= 0.15
        is_name = bool(info.name_tag) or (
            role is Role.NAME and len(info.word) > 4 and bool(_SURNAME_ENDING.search(info.word))
        )
        evidence = [f"reading: {cut.describe()}"]
        evidence.append("in the OpenCorpora dictionary" if info.known else "in wordfreq only")
        evidence.append(f"frequency: Zipf {info.zipf}")
        lemma = info.lemma
        kind = Kind.VARIANT
        if is_name:
            lemma = info.name_lemma if info.name_tag else info.word
            evidence.append(f"name ({info.name_tag or 'surname pattern'})")
            if info.name_tag and not info.nominative:
                kind = Kind.CASE_FORM
        language = _language(word, info.zipf, english)
        candidates = tuple(Candidate(i.word, round(s, 2), c, i.zipf, i.known)
                           for s, i, c in aligned)
        proper = is_name or info.proper
        return Resolution(word, info.word, lemma, kind, round(max(confidence, 0.3), 2),
                          tuple(evidence), Source.LEXICON, language, is_name=is_name,
                          is_proper=proper, candidates=candidates)

    def _suspect(self, word: str, role: Role, suspects: list[tuple[float, WordInfo]],
                 english: float) -> Resolution:
        """Same skeleton, but no scheme writes it so (Ubyistvo for убийство): a typo suspect."""
        suspects.sort(key=lambda item: -item[0])
        _, info = suspects[0]
        if role is Role.NAME or not info.known:
            return self._guess(word, role, english, near=info)
        spelling, edit = self.closest_spelling(word, info.word)
        evidence = (f"edit: {edit} (a scheme writes {spelling})",
                    "in the OpenCorpora dictionary", f"frequency: Zipf {info.zipf}")
        candidates = tuple(Candidate(i.word, round(s, 2), None, i.zipf, i.known)
                           for s, i in suspects)
        return Resolution(word, info.word, info.lemma, Kind.TYPO_SUSPECT, 0.75, evidence,
                          Source.TYPO, _language(word, info.zipf, english),
                          literal=self.guess_cyrillic(word), candidates=candidates)

    def _own_reading(self, word: str, role: Role, english: float) -> Resolution | None:
        """The letters' own reading, when it is a word and so no typo of another: one the
        dictionary knows though the frequency list lacks it (катынская), or a regular
        derivative of a proper name the list has (Катынь: катынская, катынскую)."""
        cyrillic = guess_cyrillic(self._kh(word))
        info = self.lexicon.info(cyrillic)
        cut = align(word, info.word, self._plain_i, self._signs, self.ch_is_kh)
        if cut is None:
            return None
        if info.known:
            found = self._best_aligned(word, role, [(_prior(info, role, False), info, cut)],
                                       english)
            return _replace(found, evidence=(*found.evidence,
                                             "not in wordfreq's list: a rare word, no typo"))
        stem = _PROPER_DERIVATIVE.fullmatch(cyrillic)
        if stem is None:
            return None
        stems = (stem.group(1), stem.group(1) + "т") if stem.group(2)[0] == "ц" else (
            stem.group(1),)  # курапацкая: Курапаты
        base = next((b for s in stems for b in (s + e for e in _PROPER_ENDINGS)
                     if self.lexicon.zipf(b) > 0), None)
        if base is None:
            return None
        evidence = (f"reading: {cut.describe()}",
                    f"derived from the proper name {base.capitalize()} "
                    f"(-{stem.group(2)}): no typo of another word")
        return Resolution(word, cyrillic, cyrillic, Kind.GUESS, 0.6, evidence, Source.GUESS,
                          _language(word, 2.0, english), is_proper=word[:1].isupper())

    def _typo_neighbour(self, word: str, english: float) -> Resolution | None:
        lexicon = self.lexicon
        best: tuple[float, WordInfo] | None = None
        for skeleton in latin_skeletons(word, ch_is_kh=self.ch_is_kh):
            for neighbour in skeleton_neighbours(skeleton, lexicon.index):
                for candidate in lexicon.candidates(neighbour):
                    info = lexicon.info(candidate)
                    if not info.known or info.zipf < 3.0 or info.name_tag:
                        continue
                    if best is None or info.zipf > best[0]:
                        best = (info.zipf, info)
        if best is None:
            return None
        info = best[1]
        spelling, edit = self.closest_spelling(word, info.word)
        evidence = (f"edit: {edit} (a scheme writes {spelling})",
                    "in the OpenCorpora dictionary", f"frequency: Zipf {info.zipf}")
        confidence = round(min(0.8, 0.4 + info.zipf / 20), 2)
        return Resolution(word, info.word, info.lemma, Kind.TYPO_SUSPECT, confidence, evidence,
                          Source.TYPO, _language(word, 0.5, english),
                          literal=self.guess_cyrillic(word))

    def _guess(self, word: str, role: Role, english: float,
               near: WordInfo | None = None) -> Resolution:
        cyrillic = self.guess_cyrillic(self._kh(word))
        letterwise = letter_by_letter(word)
        if letterwise != cyrillic and self.lexicon.info(letterwise).known:
            # transliterate's letter-by-letter reading is a dictionary word ours is not
            info = self.lexicon.info(letterwise)
            evidence = ("not a scheme's spelling; transliterate's letter-by-letter reading "
                        "is a dictionary word", f"frequency: Zipf {info.zipf}")
            return Resolution(word, info.word, info.lemma, Kind.GUESS, 0.45, evidence,
                              Source.GUESS, "none", is_name=bool(info.name_tag),
                              is_proper=info.proper or word[:1].isupper())
        looks_russian = bool(_RUSSIAN_SIGNS.search(fold_latin(word)))
        if english >= 2.5 and not looks_russian:
            return Resolution(word, None, None, Kind.NOT_RUSSIAN, 0.8,
                              (f"English word (Zipf {english})",), Source.ENGLISH, "en")
        is_name = role is Role.NAME or (word[:1].isupper() and role is not Role.TITLE)
        evidence = ["not in the dictionary: the most common scheme's reading"]
        if near is not None:
            evidence.append(f"the dictionary word {near.word} is spelled differently")
        language = "ru" if looks_russian else "none"
        confidence = 0.5 if looks_russian else 0.4
        return Resolution(word, cyrillic, cyrillic, Kind.GUESS, confidence, tuple(evidence),
                          Source.GUESS, language, is_name=is_name,
                          is_proper=word[:1].isupper())

    # -- helpers --------------------------------------------------------------------------

    def _kh(self, word: str) -> str:
        """``word`` with ch written kh where ch is х (a text or word that writes ч as č)."""
        if "ch" not in word.lower() or not (self.ch_is_kh or SCHOLARLY.search(word.lower())):
            return word
        return word.replace("ch", "kh").replace("Ch", "Kh").replace("CH", "KH")

    def closest_spelling(self, latin: str, cyrillic: str) -> tuple[str, str]:
        """The scheme spelling of ``cyrillic`` nearest to ``latin``, and the edit between."""
        folded = fold_latin(latin)
        spellings = {romanize_lower(cyrillic, s) for s in ("ala-lc", "bgn-pcgn", "wikipedia")}
        nearest = min(sorted(spellings), key=lambda s: _distance(folded, s))
        return nearest, describe_edit(folded, nearest)

    @staticmethod
    def guess_cyrillic(word: str) -> str:
        return guess_cyrillic(word)


#: the languages a word may be found in besides Russian and English
OTHER_LANGUAGES = frozenset(wordindex.OTHER_LANGUAGES)
#: a word of another language counts when it is this common there (Zipf; befehls is 2.78)
OTHER_COMMON = 2.5
#: ... and this much more common than the Russian word its letters spell (der: дер 3.82
#: against German's 7.46; les, лес 4.58 against French's 7.25, stays Russian)
OTHER_MARGIN = 3.0
#: ... and this much more common than in English (die, 7.5 against 5.1, is German; war, 6.5
#: against 5.5, and moment are English words too)
OTHER_OVER_ENGLISH = 1.5


def _other_evidence(other: tuple[str, float]) -> str:
    language, zipf = other
    return f"a common {LANGUAGE_NAMES.get(language, language)} word (Zipf {zipf})"


# How much a tenfold frequency weighs against a reading cost of 1 (tuned on the dev sample
# of bench/translit: frequency alone would read every mark-less "otsenit" as оценить).
FREQUENCY_WEIGHT = 0.6
COST_WEIGHT = 1.5


# an adjective of a place or person (катынская, from Катынь; курапатский, from Курапаты):
# the stem, then what the name may end in
_PROPER_DERIVATIVE = re.compile(
    "(.{3,}?)((?:с|ц)к(?:ий|ая|ое|ие|ого|ой|ую|им|их|ому|ими|ом))")
_PROPER_ENDINGS = ("ь", "", "а", "ы", "и", "о")

# two or more capitals that make a Roman numeral up to C (XX vek, Tom II, chast' IV)
_ROMAN = re.compile(r"(?=[IVXLC]{2})C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def roman_numeral(word: str, last: bool = False) -> Resolution | None:
    """A Roman numeral, kept as written (a Russian text writes XX, II in Latin letters);
    ``last``: the word ends a title, where a single capital is a numeral or a label
    (Chast' I, Kniga V, Series B), never a preposition or conjunction."""
    if _ROMAN.fullmatch(word):
        why = "Roman numeral"
    elif last and len(word) == 1 and "A" <= word <= "Z":
        why = "a capital letter that ends a title: a numeral or a label"
    else:
        return None
    return Resolution(word, word, word, Kind.EXACT, 0.95, (why,), Source.NUMERAL, "none")


# No. 00447, Nr. 5, N 5: the number sign (№ in Cyrillic) before a number; a lower-case
# "no" is the conjunction но unless a full stop says it is shortened (no. 3)
_NUMBER_SIGN = re.compile(r"(?:Nos|No|NO|Nr|NR|nr|N)(?=\s+\d)|(?i:nos|no|nr|n)(?=\.\s*\d)")
# a code of capitals glued to a number: the fond R-9401, the tank T-34, the plane Il-2
_CODE = re.compile(r"[A-Z][A-Za-z]{0,3}(?=-?\d)")


def number_sign(word: str, following: str) -> Resolution | None:
    """The number sign written No, Nr or N before a number (``following``: the text after
    the word), kept as written; its Cyrillic is №."""
    match = _NUMBER_SIGN.match(word + following)
    if match is None or match.end() != len(word):
        return None
    return Resolution(word, "№", "№", Kind.EXACT, 0.95,
                      ("the number sign before a number (№), no word",), Source.NUMBER_SIGN,
                      "none")


def letter_code(word: str, following: str) -> Resolution | None:
    """A code of a capital and at most three more letters glued to a number (R-9401,
    P-1234, T-34, Il-2): kept as written; its Cyrillic reads the letters (Р-9401)."""
    match = _CODE.match(word + following)
    if match is None or match.end() != len(word):
        return None
    cyrillic = guess_cyrillic(word)
    cyrillic = cyrillic.upper() if word.isupper() else cyrillic.capitalize()
    return Resolution(word, cyrillic, cyrillic, Kind.EXACT, 0.9,
                      ("a code: capitals glued to a number (R-9401), kept as written",),
                      Source.CODE, "none")


def is_acronym(word: str) -> bool:
    """Capitals inside a word, at least as many as small letters (TsDAHO, HDA, RTsKhIDNI,
    SPb; not McCarthy): an acronym, whatever the dictionary says."""
    capitals = sum(1 for ch in word if ch.isupper())
    return capitals >= 2 and word[:1].isupper() and 2 * capitals >= len(word)


def _acronym(word: str) -> Resolution:
    """An acronym no table knows (TsDAHO, a Ukrainian archive's ЦДАГО): kept as written,
    its Cyrillic only a letter-by-letter guess (so no original title is made from it)."""
    cyrillic = guess_cyrillic(word).upper()
    return Resolution(word, cyrillic, cyrillic, Kind.GUESS, 0.5,
                      ("an acronym (capitals inside the word): kept as written; its "
                       "Cyrillic is read letter by letter",), Source.ACRONYM, "none")


def _western_name(word: str) -> Resolution | None:
    """O'Meara, D'Agostino: left alone before any dictionary could read them as Russian
    (O'Brien would otherwise be a typo for обмен in a Russian title)."""
    prefix = _WESTERN_PREFIX.match(word)
    if prefix is None:
        return None
    return Resolution(word, None, None, Kind.NOT_RUSSIAN, 0.9,
                      (_WESTERN_REASONS[prefix.group(1)],), Source.ENGLISH, "en",
                      is_name=True, is_proper=True)


def _cheap_score(lexicon: Lexicon, candidate: str, cut: Alignment, role: Role) -> float:
    return FREQUENCY_WEIGHT * lexicon.zipf(candidate) - COST_WEIGHT * _reading_cost(cut, role)


# -ий written -i is no scheme's, but English writes given names so (Yuri, Dmitri, Anatoli):
# for a name it costs half a habit, for a word (низки is not низкий) a whole one
_NAME_HABITS = frozenset({("ий", "i")})


def _reading_cost(cut: Alignment, role: Role) -> float:
    if role is not Role.NAME or cut.cost < 1.0:
        return cut.cost
    return cut.cost - 0.5 * sum(1 for piece in cut.pieces if piece in _NAME_HABITS)


def _max_bonus(role: Role, capitalized: bool) -> float:
    """The most ``_prior`` can add to the frequency term (dictionary + name bonuses)."""
    return 2.0 + (3.0 if role is Role.NAME else 2.0 if capitalized else 0.0) + 0.1


def _prior(info: WordInfo, role: Role, capitalized: bool) -> float:
    score = FREQUENCY_WEIGHT * info.zipf + (2.0 if info.known else 0.0)
    if role is Role.NAME:
        score += 3.0 if info.name_tag else -0.5
        score -= 1.0 if info.plural else 0.0  # a person is one: Yuri is Юрий, not Юры
    elif capitalized and info.name_tag:
        score += 2.0
    return score


def _language(word: str, russian: float, english: float) -> str:
    """Which language the Latin word reads as: "ru", "en" or "both"."""
    folded = fold_latin(word)
    if _RUSSIAN_SIGNS.search(folded) and english < 4.0:
        return "ru"
    if _ENGLISH_SIGNS.search(folded) and russian < english + 2:
        return "en"
    if russian >= english + 1.0:
        return "ru"
    if english >= russian + 1.0:
        return "en"
    return "both"


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _replace(base: Resolution, **changes: object) -> Resolution:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


_CYRILLIC_PACKS = frozenset({"bg", "sr", "mk", "uk", "ru"})


@lru_cache(maxsize=10_000)
def other_cyrillic(word: str, language: str) -> str | None:
    """A name in another Cyrillic language (Dimitrov -> Димитров), by transliterate's pack."""
    if language not in _CYRILLIC_PACKS:
        return None
    from transliterate import translit

    return str(translit(word, language))


@lru_cache(maxsize=10_000)
def letter_by_letter(word: str) -> str:
    """transliterate's reverse Russian reading: one letter at a time, no scheme, no lexicon."""
    from transliterate import translit

    return str(translit(fold_latin(word), "ru")).lower()


@lru_cache(maxsize=1)
def _guess_table() -> tuple[re.Pattern[str], dict[str, str], dict[int, str]]:
    table = load_table("guess")["sequences"]
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    characters = {k: v for k, v in load_table("skeleton")["latin_characters"].items() if v}
    return pattern, table, str.maketrans(characters)


@lru_cache(maxsize=100_000)
def guess_cyrillic(word: str) -> str:
    """The most common scheme's reading of a word the lexicon lacks (Khlevniuk -> хлевнюк)."""
    pattern, table, characters = _guess_table()
    text = fold_latin(word).translate(characters)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch == "y" and not (after in "auoe" and after):
            out.append("й" if before in _VOWELS and before else "ы")
            i += 1
            continue
        if ch == "y" and after == "e":
            out.append("е" if (not before or before in _VOWELS) else "ые")
            i += 2
            continue
        if ch == "i" and before and before in _VOWELS and (not after or after not in _VOWELS):
            out.append("й")
            i += 1
            continue
        if ch == "i":
            match = pattern.match(text, i)
            if match and match.group() != "i":
                out.append(table[match.group()])
                i = match.end()
                continue
            out.append("и")
            i += 1
            continue
        if ch == "e":
            out.append("э" if not before else "е")
            i += 1
            continue
        match = pattern.match(text, i)
        if match:
            out.append(table[match.group()])
            i = match.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)
