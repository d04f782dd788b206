"""convert with link checking: verdicts reach references.bib, CSL-JSON and the reports."""

from __future__ import annotations

import json

import pytest
from aiohttp import web

from tests.links.loopback import LoopbackServer, page
from translitbib.pipeline import ConvertOptions, convert_to_directory


def routes(app: web.Application) -> None:
    async def alive(request: web.Request) -> web.Response:
        return page("Vesti Nedeli", "Koshliakov on Beria")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def available(request: web.Request) -> web.Response:
        stamp, url = request.query["timestamp"], request.query["url"]
        return web.json_response({"archived_snapshots": {"closest": {
            "available": True, "status": "200", "timestamp": stamp,
            "url": f"http://web.archive.org/web/{stamp}/{url}"}}})

    app.router.add_get("/archive/news", alive)
    app.router.add_get("/wayback/available", available)
    app.router.add_get("/{tail:.*}", gone)


@pytest.fixture(scope="module")
def server():
    with LoopbackServer(routes) as srv:
        yield srv


def test_convert_folds_link_verdicts_into_every_output(server, tmp_path):
    alive, dead = server.url("/archive/news"), server.url("/online/air/1182/10_01")
    items = [
        {"id": "k", "type": "article-newspaper", "title": "Lavrentiia Beria rasstreliali",
         "author": [{"family": "Koshliakov", "given": "Sergei"}], "URL": alive,
         "issued": {"date-parts": [[2003, 6, 29]]}, "language": "ru"},
        {"id": "d", "type": "article-newspaper", "title": "Otsy i otchimy ottepeli",
         "author": [{"family": "Dobriukha", "given": "Nikolai"}], "URL": dead,
         "issued": {"date-parts": [[2003, 6, 18]]}, "language": "ru"},
    ]
    source = tmp_path / "refs.json"
    source.write_text(json.dumps(items), encoding="utf-8")
    options = ConvertOptions(normalize=False, check_links=True, link_options={
        "allow_private": True, "cache": tmp_path / "links.sqlite", "timeout": 2,
        "archive_endpoint": server.url("/wayback/available")})
    convert_to_directory([source], tmp_path / "out", options)

    report = json.loads((tmp_path / "out" / "report.json").read_text())
    verdicts = {row["url"]: row["verdict"] for row in report["links"]}
    assert verdicts == {alive: "alive", dead: "dead"}
    dead_row = next(row for row in report["links"] if row["url"] == dead)
    assert dead_row["archive_url"] == f"https://web.archive.org/web/20030618/{dead}"
    assert dead_row["cited_by"][0]["reference"]  # the id given after the step

    csl = {item["URL"]: item for item in
           json.loads((tmp_path / "out" / "references.json").read_text())}
    assert "accessed" in csl[alive]
    assert "Link dead when checked" in csl[dead]["note"]
    assert csl[dead]["archive_location"] == dead_row["archive_url"]

    bib = (tmp_path / "out" / "references.bib").read_text()
    assert "urldate" in bib and "Link dead when checked" in bib
    markdown = (tmp_path / "out" / "report.md").read_text()
    assert "## Links" in markdown and "1 rotten" in markdown


def test_convert_with_a_damaged_cache_reports_it_and_goes_on(server, tmp_path):
    from tests.support import run_cli
    from translitbib.exit_codes import ExitCode

    source = tmp_path / "refs.json"
    source.write_text(json.dumps([{"id": "k", "type": "webpage", "title": "Vesti Nedeli",
                                   "URL": server.url("/archive/news")}]), encoding="utf-8")
    cache = tmp_path / "links.sqlite"
    cache.write_bytes(b"\x00garbage" * 64)
    done = run_cli("convert", str(source), "--out", str(tmp_path / "out"), "--check-links",
                   "--allow-private", "--no-archive", "--cache", str(cache))
    assert done.returncode == ExitCode.OK, done.stderr
    [warning] = done.stderr.splitlines()
    assert warning.startswith(f"translitbib: warning: {cache}: the link cache was unreadable")
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    [problem] = [p for p in report["problems"] if p["code"].startswith("link-cache-")]
    assert problem["code"] == "link-cache-rebuilt" and problem["severity"] == "warning"
    assert [row["verdict"] for row in report["links"]] == ["alive"]
