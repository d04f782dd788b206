"""URL extraction, the pipeline step's folding into references, and the report section."""

from __future__ import annotations

import pytest
from aiohttp import web

from tests.links.conftest import always_online
from tests.links.loopback import LoopbackServer, page
from tests.support import SEED_PDF
from translitbib.links.extract import (
    citation_date,
    clean_url,
    extract_urls,
    find_urls,
    looks_like_url_list,
    read_url_list,
)
from translitbib.links.report import render_markdown
from translitbib.links.run import Network
from translitbib.links.step import make_link_step
from translitbib.links.verdict import CheckOutcome, CitedBy, LinkResult, LinkVerdict
from translitbib.model import Date, Library, Reference, SourceSpan, Url
from translitbib.pipeline import ConvertOptions
from translitbib.readers import read_path

SEED_URLS = {
    "http://ARTiHAUS.narod.ru",
    "http://www.akdi.ru/id/new/ek5.htm",
    "http://www.kprf.ru/analytics/10828.shtml",
    "http://www.northstarcompass.org/nsc0004/stal1952.htm",
    "http://www.russiajournal.com/news/cnews-article.shtml?nd=36013",
    "http://www.abc.net.au/4corners/stories/s296563.htm",
    "http://www.aif.ru/online/air/1182/10_01",
    "http://www.vesti7.ru/archive/news?id=2728",
    "http://www.nns.ru/interv/arch/2000/02/08/int977.html",
}


def test_the_seed_essay_cites_nine_urls_without_artefacts():
    cited = extract_urls(read_path(SEED_PDF))
    assert {c.url for c in cited} == SEED_URLS
    scanned = find_urls(SEED_PDF.read_text("utf-8"), str(SEED_PDF))
    assert {u.url for u in scanned} == SEED_URLS
    akdi = sorted(c.source.line for c in cited if c.url.endswith("ek5.htm"))
    assert akdi[0] == 242 and 282 in akdi  # a note and the bibliography both cite it


def test_seed_urls_carry_their_citation_dates():
    cited = {c.url: c for c in extract_urls(read_path(SEED_PDF))}
    assert cited["http://www.aif.ru/online/air/1182/10_01"].when == Date(2003, 6, 18)
    assert cited["http://www.kprf.ru/analytics/10828.shtml"].when == Date(2000, 1, 13)


@pytest.mark.parametrize(("raw", "clean"), [
    ("<u>http://www.akdi.ru/id/new/ek5.htm</u>>).", "http://www.akdi.ru/id/new/ek5.htm"),
    ("http://www.kprf.ru/a.shtml>;", "http://www.kprf.ru/a.shtml"),
    ("http://ru.wikipedia.org/wiki/Берия_(значения)", "http://ru.wikipedia.org/wiki/Берия_(значения)"),
    ("http://a.ru/?a=1&amp;b=2.", "http://a.ru/?a=1&b=2"),
    ("www.aif.ru/online,", "http://www.aif.ru/online"),
    ("http://www.hrono.ru/libris/stalin.html“", "http://www.hrono.ru/libris/stalin.html"),  # „…“
    ("http://militera.lib.ru/memo/index.html…", "http://militera.lib.ru/memo/index.html"),
])
def test_clean_url(raw, clean):
    assert clean_url(raw) == clean


def test_urls_an_essay_reader_left_wrapped_are_checked_clean(tmp_path):
    """Russian typography puts a URL in «guillemets» or „quotes“; the essay reader keeps
    the closing mark on it, and the checker must not ask for a page named so."""
    essay = tmp_path / "essay.txt"
    essay.write_text("Stalin and the archives\n\nText.1 More.2\n\nNotes\n\n"
                     "1. См. «http://www.hrono.ru/libris/stalin.html».\n"
                     "2. Available at http://www.memo.ru/history/nkvd/* and "
                     "„http://militera.lib.ru/memo/index.html“.\n", "utf-8")
    assert {c.url for c in extract_urls(read_path(essay))} == {
        "http://www.hrono.ru/libris/stalin.html", "http://www.memo.ru/history/nkvd/",
        "http://militera.lib.ru/memo/index.html"}


def test_url_in_parentheses_inside_text():
    [url] = find_urls("See the article (http://www.nns.ru/x.html) for more.", "n.txt")
    assert url.url == "http://www.nns.ru/x.html"


def test_plain_url_list():
    text = "# essays cited in 2003\nhttp://www.aif.ru/a\n\nhttps://kprf.ru/b\n"
    assert looks_like_url_list(text)
    assert not looks_like_url_list("Furr writes at http://x.ru that ...")
    library = read_url_list(text, "urls.txt")
    assert [(u.url, u.source.line) for u in library.urls] == [
        ("http://www.aif.ru/a", 2), ("https://kprf.ru/b", 4)]


@pytest.mark.parametrize(("text", "date"), [
    ("Accessed 12 May 2004.", Date(2004, 5, 12)),
    ("(viewed 2003-06-18)", Date(2003, 6, 18)),
    ("дата обращения: 18.06.2003", Date(2003, 6, 18)),
    ("Kommersant-Vlast' February 8, 2000.", Date(2000, 2, 8)),
    ("Australian Broadcasting Corp, 2003, at", Date(2003)),
    ("no date here", None),
])
def test_citation_date(text, date):
    assert citation_date(text) == date


def routes(app: web.Application) -> None:
    async def alive(request: web.Request) -> web.Response:
        return page("Interview", "Smirtiukhov")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def available(request: web.Request) -> web.Response:
        url = request.query["url"]
        return web.json_response({"archived_snapshots": {"closest": {
            "available": True, "status": "200",
            "url": f"http://web.archive.org/web/{request.query['timestamp']}/{url}"}}})

    app.router.add_get("/alive", alive)
    app.router.add_get("/wayback/available", available)
    app.router.add_get("/{tail:.*}", gone)


@pytest.fixture(scope="module")
def server():
    with LoopbackServer(routes) as srv:
        yield srv


def _reference(url: str, line: int, **dates: Date) -> Reference:
    return Reference("article-newspaper", SourceSpan("essay.txt", line), raw=f"... {url}",
                     fields={"title": "Otsy i otchimy", "URL": url}, dates=dict(dates))


def test_step_folds_verdicts_into_references(server):
    alive = _reference(server.url("/alive"), 10)
    dated = _reference(server.url("/alive?again"), 11, accessed=Date(2004, 1, 2))
    dead = _reference(server.url("/online/air/1182/10_01"), 12, issued=Date(2003, 6, 18))
    library = Library(references=[alive, dated, dead],
                      urls=[Url(server.url("/alive"), SourceSpan("essay.txt", 40))])
    options = ConvertOptions(check_links=True, link_options={
        "allow_private": True, "cache": False, "timeout": 2, "interval": 0,
        "archive_endpoint": server.url("/wayback/available")})
    step = make_link_step(options, Network(probe=always_online))
    assert step(library) is library

    today = alive.dates["accessed"]
    assert today.year and today.month and today.day
    assert dated.dates["accessed"] == Date(2004, 1, 2)  # an access date is never replaced
    assert dead.fields["note"].startswith("Link dead when checked ")
    assert dead.fields["note"].endswith("(HTTP 404).")
    assert dead.fields["archive"] == "Internet Archive"
    assert dead.fields["archive_location"] == \
        f"https://web.archive.org/web/20030618/{server.url('/online/air/1182/10_01')}"

    dead.id = "koshliakov2003"  # ids are assigned after the step: read lazily
    rows = {row["url"]: row for row in (link.to_dict() for link in library.links)}
    assert rows[dead.fields["URL"]]["cited_by"] == [
        {"reference": "koshliakov2003", "path": "essay.txt", "line": 12}]
    assert len(rows[server.url("/alive")]["cited_by"]) == 2  # the essay line and the reference


def test_step_does_nothing_unless_asked():
    library = Library(references=[_reference("http://www.aif.ru/x", 1)])
    make_link_step(ConvertOptions(check_links=False))(library)
    assert library.links == [] and "accessed" not in library.references[0].dates


def _result(url: str, verdict: LinkVerdict, status: int | None = None) -> LinkResult:
    outcome = CheckOutcome(url, verdict, status, url, evidence="why",
                           checked_at="2026-11-22T05:00:00Z")
    return LinkResult(outcome, [CitedBy("essay.txt", 274)])


def test_markdown_report_says_plainly_when_offline():
    text = render_markdown([_result("http://www.aif.ru/a", LinkVerdict.OFFLINE),
                            _result("http://www.nns.ru/b", LinkVerdict.OFFLINE)])
    assert text.startswith("## Links")
    assert "**Network unreachable:** this machine is offline" in text
    assert "none is reported dead" in text and "0 rotten" in text
    assert "| offline |  | http://www.aif.ru/a | essay.txt:274 | why |  |" in text


def test_no_site_answering_is_said_to_be_the_network_not_rot():
    """Behind a firewall or a proxy every link timed out: the report listed timeouts and
    said nothing of why."""
    hosts = ["http://www.aif.ru/a", "http://www.nns.ru/b", "http://hrono.ru/c"]
    text = render_markdown([_result(url, LinkVerdict.TIMEOUT) for url in hosts[:2]]
                           + [_result(hosts[2], LinkVerdict.UNREACHABLE)])
    assert "**No site answered:** all 3 links, on 3 hosts" in text and "proxy" in text
    one_host = render_markdown([_result(f"http://www.aif.ru/{n}", LinkVerdict.TIMEOUT)
                                for n in range(5)])
    assert "No site answered" not in one_host  # (one slow site is that site's)
    answered = render_markdown([_result(url, LinkVerdict.TIMEOUT) for url in hosts]
                               + [_result("http://b.ru/", LinkVerdict.DEAD, 404)])
    assert "No site answered" not in answered


def test_markdown_report_counts_rot_and_takes_dicts_too():
    results = [_result("http://a.ru/", LinkVerdict.DEAD, 404),
               _result("http://b.ru/", LinkVerdict.ALIVE, 200)]
    text = render_markdown([r.to_dict() for r in results])
    assert "2 links cited: 1 rotten" in text
    assert "Network unreachable" not in text
    assert text.index("http://a.ru/") < text.index("http://b.ru/")  # rot first
    assert render_markdown([]).startswith("## Links\n\nNo URLs are cited.")


def test_the_package_step_and_report_import_without_aiohttp():
    import subprocess
    import sys

    code = ("import sys, translitbib.links, translitbib.links.step, translitbib.links.run, "
            "translitbib.links.report, translitbib.links.extract; "
            "print('aiohttp' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize(("status", "evidence", "reason"), [
    (404, "HTTP 404", "(HTTP 404)."),
    (None, "DNS: the name does not exist (www.akdi.ru: Name or service not known)",
     "(the domain name no longer exists)."),
    (302, "redirect loop after 2 redirects (back to http://a.ru/x)", "(redirect loop)."),
])
def test_rot_sentences_are_short_enough_for_a_note(status, evidence, reason):
    from translitbib.links.step import rot_sentence

    outcome = CheckOutcome("http://a.ru/x", LinkVerdict.DEAD, status, evidence=evidence,
                           checked_at="2026-11-22T05:00:00Z")
    assert rot_sentence(LinkResult(outcome)) == f"Link dead when checked 2026-11-22 {reason}"


def test_link_options_use_the_cli_option_names():
    from datetime import timedelta
    from pathlib import Path

    from translitbib.errors import ConfigError
    from translitbib.links.run import LinkSettings

    settings = LinkSettings.from_mapping({
        "concurrency": 8, "per_host": 2, "timeout": 3, "retries": 1, "allow_private": True,
        "archive": True, "archive_endpoint": "http://127.0.0.1:1/wayback/available",
        "cache": "links.sqlite", "max_age": "12h"})
    assert (settings.check.concurrency, settings.check.per_host, settings.check.timeout,
            settings.check.retries, settings.check.allow_private) == (8, 2, 3.0, 1, True)
    assert settings.archive is not None
    assert settings.archive.cdx() == "http://127.0.0.1:1/cdx/search/cdx"
    assert settings.cache_path == Path("links.sqlite")
    assert settings.max_age == timedelta(hours=12)
    assert LinkSettings.from_mapping({"archive": False, "cache": False}).archive is None
    assert LinkSettings.from_mapping({"cache": False}).cache_path is None
    with pytest.raises(ConfigError, match="per-host"):
        LinkSettings.from_mapping({"per-host": 3})
    with pytest.raises(ConfigError, match="duration"):
        LinkSettings.from_mapping({"max_age": "soon"})


def test_an_access_date_wins_over_the_works_date(tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Text.1\n\nNotes\n\n1 See \"Kto ubil Beriiu,\" *Pravda*, June 3, 2001, at "
        "http://www.pravda.ru/a.html (accessed 12 May 2004).\n", "utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text("@online{a, title={Beriia}, year={2001}, url={http://www.b.ru/x.html},\n"
                   "  note={Accessed 3 March 2002}}\n", "utf-8")
    cited = {c.url: c for c in extract_urls(read_path(essay)) + extract_urls(read_path(bib))}
    assert cited["http://www.pravda.ru/a.html"].when == Date(2004, 5, 12)
    assert cited["http://www.b.ru/x.html"].when == Date(2002, 3, 3)
    assert cited["http://www.b.ru/x.html"].accessed
