"""Which URLs a library cites, where, and as of when.

``extract_urls`` gathers every cited URL (``library.urls``, the notes' URLs and the
references' ``URL`` fields) with the file and line that cites it, the reference it
belongs to, and the citation's date (the access date a note gives, else the work's year),
which is the date an archived copy should be closest to.

``find_urls`` scans plain text for URLs and cleans what extraction leaves on them (the
``<u>...</u>`` of HTML-to-text exports, angle brackets, trailing punctuation and closing
quotes, HTML entities); ``extract_urls`` cleans the URLs readers found the same way;
``read_url_list`` reads a plain list of URLs, one a line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import Date, InputFile, Library, Reference, SourceSpan, Url
from ..parse.urls import trim_url

_URL = re.compile(r"""(?:https?://|(?<![\w@/.])www\.)[^\s<>"`{}|\\^\[\]]+""", re.IGNORECASE)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_ACCESS = re.compile(
    r"(?:accessed|retrieved|viewed|visited|consulted|дата обращения|просмотрено)[\s:(]*"
    r"(?:on\s+)?(?P<date>[^);\]]{4,40})", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(19[89]\d|20\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b")
_DMY = re.compile(r"\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(19[89]\d|20\d\d)\b")
_MONTH_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<month>[A-Za-z]+)\.?\s+(?:(?P<d2>\d{1,2}),?\s+)?"
    r"(?P<year>19[89]\d|20\d\d)\b")
_YEAR = re.compile(r"\b(199\d|20\d\d)\b")


@dataclass(slots=True)
class CitedUrl:
    """One place that cites a URL."""

    url: str
    source: SourceSpan
    reference: Reference | None = None
    when: Date | None = None
    #: ``when`` is the date the citing text says it looked at the page
    accessed: bool = False


def find_urls(text: str, path: str, first_line: int = 1) -> list[Url]:
    """Every URL in plain text, cleaned, with its line."""
    found: list[Url] = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for match in _URL.finditer(line):
            url = clean_url(match.group(0))
            if url:
                found.append(Url(url, SourceSpan(path, number), raw=match.group(0)))
    return found


def clean_url(raw: str) -> str:
    """Strip extraction artefacts from one URL as found in text."""
    url = html.unescape(raw)
    url = re.sub(r"</?u>|</?a\b[^>]*>", "", url, flags=re.IGNORECASE).lstrip("<(\"'«")
    url = trim_url(url)
    if url.lower().startswith("www."):
        url = "http://" + url
    host = url.partition("://")[2].split("/", 1)[0]
    # a host needs a dot (or is an IP literal or has a port) to be worth checking
    return url if ("." in host or host.startswith("[") or ":" in host) else ""


def looks_like_url_list(text: str) -> bool:
    """True when every line that is not blank or a # comment is a single URL."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(
        " " not in ln and re.match(r"https?://", ln, re.IGNORECASE) for ln in lines)


def read_url_list(text: str, path: str) -> Library:
    """A plain list of URLs, one a line (blank lines and # comments skipped)."""
    library = Library(inputs=[InputFile(path, "url-list")])
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            url = clean_url(stripped.split()[0])
            if url:
                library.urls.append(Url(url, SourceSpan(path, number), raw=stripped))
    library.inputs[0].entries_read = len(library.urls)
    return library


def extract_urls(library: Library) -> list[CitedUrl]:
    """Every place the library cites a URL, each once, in reading order."""
    cited: list[CitedUrl] = []
    seen: set[tuple[str, str, int, int]] = set()

    def add(url: str, source: SourceSpan, ref: Reference | None, context: str) -> None:
        url = clean_url(url) or url  # what a reader left on it («...», *...*) is not asked for
        key = (url, source.path, source.line, id(ref))
        if url and key not in seen:
            seen.add(key)
            texts = (context, *((ref.fields.get("note", ""), ref.raw) if ref else ()))
            seen_at = (ref.dates.get("accessed") if ref else None) \
                or next(filter(None, map(access_date, texts)), None)
            if seen_at is not None and seen_at.year is not None:
                cited.append(CitedUrl(url, source, ref, seen_at, accessed=True))
                return
            when = reference_date(ref) if ref is not None else None
            cited.append(CitedUrl(url, source, ref, when or citation_date(context)))

    for item in [*library.urls, *(u for note in library.notes for u in note.urls)]:
        ref = _reference_at(library, item.source, item.url)
        note_text = next((n.text for n in library.notes if _covers(n.source, item.source)), "")
        add(item.url, item.source, ref, note_text or item.raw)
    for ref in library.references:
        for url in (ref.fields.get("URL") or "").split():
            add(url, _line_of(url, ref), ref, ref.raw)
    return cited


def _line_of(url: str, ref: Reference) -> SourceSpan:
    """The line of a reference's raw text that holds the URL (``url = {...}`` in a .bib),
    else the reference's first line."""
    at = ref.raw.find(url) if ref.raw else -1
    if at < 0:
        return ref.source
    line = ref.source.line + ref.raw.count("\n", 0, at)
    end = ref.source.end_line
    return SourceSpan(ref.source.path, min(line, end) if end else line)


def reference_date(ref: Reference) -> Date | None:
    """The date an archived copy of a reference's URL should be near: accessed, else issued."""
    for key in ("accessed", "issued"):
        date = ref.dates.get(key)
        if date is not None and date.year is not None:
            return date
    return citation_date(ref.raw) if ref.raw else None


def access_date(text: str) -> Date | None:
    """The access date a text gives ("accessed 12 May 2004", "retrieved September, 2011")."""
    access = _ACCESS.search(text) if text else None
    return _parse_date(access.group("date")) if access else None


def citation_date(text: str) -> Date | None:
    """The access date a note gives ("accessed 12 May 2004"), else the latest plausible year."""
    if not text:
        return None
    date = access_date(text)
    if date is not None:
        return date
    years = [int(y) for y in _YEAR.findall(text)]
    dated = _parse_date(text)
    if dated is not None and (not years or dated.year == max(years)):
        return dated
    return Date(max(years)) if years else None


def _parse_date(text: str) -> Date | None:
    m = _ISO_DATE.search(text)
    if m:
        return Date(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = _DMY.search(text)
    if m:
        return Date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in _MONTH_DATE.finditer(text):
        month = _MONTHS.get(m.group("month").lower())
        if month:
            day = m.group("d1") or m.group("d2")
            return Date(int(m.group("year")), month, int(day) if day else None)
    return None


def _covers(span: SourceSpan, point: SourceSpan) -> bool:
    end = span.end_line or span.line
    return span.path == point.path and span.line <= point.line <= end


def _reference_at(library: Library, point: SourceSpan, url: str) -> Reference | None:
    """The reference written where the URL is: the one whose URL it is, else the only one
    there without a URL of its own (a line may hold several references)."""
    here = [ref for ref in library.references if _covers(ref.source, point)]
    own = [ref for ref in here if url in (ref.fields.get("URL") or "").split()]
    if own:
        return own[0]
    bare = [ref for ref in here if not ref.fields.get("URL")]
    return bare[0] if len(bare) == 1 else None
