"""``translitbib check-links`` run as a user runs it: a subprocess of the installed script."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess

import pytest
from aiohttp import web

from tests.documents import note_reference, para, run, word_document
from tests.links.loopback import LoopbackServer, page
from tests.support import SEED_PDF, run_cli
from translitbib.exit_codes import ExitCode
from translitbib.links.network import system_network_probe


def routes(app: web.Application) -> None:
    async def alive(request: web.Request) -> web.Response:
        return page("Interview", "Smirtiukhov")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    app.router.add_get("/alive", alive)
    app.router.add_get("/{tail:.*}", gone)


@pytest.fixture(scope="module")
def server():
    with LoopbackServer(routes) as srv:
        yield srv


def _list(tmp_path, *urls: str):
    path = tmp_path / "cited.urls"
    path.write_text("# URLs cited by the essay\n" + "\n".join(urls) + "\n")
    return path


def test_rot_found_exits_with_its_own_code_and_json_lists_every_link(server, tmp_path):
    urls = _list(tmp_path, server.url("/alive"), server.url("/nns/int977.html"))
    done = run_cli("check-links", str(urls), "--json", "--allow-private", "--no-archive",
                   "--cache", str(tmp_path / "c.sqlite"), "--interval", "0")
    assert done.returncode == ExitCode.LINK_ROT, done.stderr
    report = json.loads(done.stdout)
    verdicts = {row["url"]: row["verdict"] for row in report["links"]}
    assert verdicts == {server.url("/alive"): "alive", server.url("/nns/int977.html"): "dead"}
    assert report["summary"]["rot"] == 1 and report["network"] == "online"
    assert report["links"][0]["cited_by"] == [{"reference": None, "path": str(urls),
                                               "line": 2}]
    assert done.stderr == ""  # no progress bar when piped


def test_no_rot_exits_0_with_a_table(server, tmp_path):
    urls = _list(tmp_path, server.url("/alive"))
    done = run_cli("check-links", str(urls), "--allow-private", "--no-cache")
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stdout.startswith("alive") and "1 links: 1 alive; 0 rotten." in done.stdout


def test_loopback_is_refused_without_allow_private(server, tmp_path):
    urls = _list(tmp_path, server.url("/alive"))
    before = len(server.stats.log)
    done = run_cli("check-links", str(urls), "--json", "--no-cache")
    assert done.returncode == ExitCode.OK
    [row] = json.loads(done.stdout)["links"]
    assert row["verdict"] == "refused" and "--allow-private" in row["evidence"]
    assert len(server.stats.log) == before


def test_an_input_with_text_but_no_url_fails_loudly(tmp_path):
    essay = tmp_path / "essay.txt"
    essay.write_text("Stalin and democratic reform, part two.\n\nNo links at all here.\n")
    done = run_cli("check-links", str(essay), "--no-cache")
    assert done.returncode == ExitCode.INPUT_ERROR
    assert "essay.txt" in done.stderr and "no URL found" in done.stderr


def test_help_documents_the_exit_codes():
    done = run_cli("check-links", "--help")
    assert done.returncode == 0
    for text in ("--per-host", "--allow-private", "--archive-endpoint", "--max-age",
                 "0 no rot, 4 at least one dead"):
        assert text in done.stdout


def test_the_seed_essay_offline_reports_the_network_and_no_dead_link(tmp_path):
    if asyncio.run(system_network_probe()):  # one DNS lookup: this is the only way to know
        pytest.skip("this machine is online; the offline run only proves something offline")
    done = run_cli("check-links", str(SEED_PDF), "--json", "--cache",
                   str(tmp_path / "c.sqlite"))
    assert done.returncode == ExitCode.OK, done.stderr
    report = json.loads(done.stdout)
    assert report["network"] == "offline"
    assert len(report["links"]) == 9
    assert {row["verdict"] for row in report["links"]} == {"offline"}
    # the references under the keys a default convert gives them
    aif = next(r for r in report["links"] if r["url"].startswith("http://www.aif.ru"))
    assert [c["reference"] for c in aif["cited_by"]] == ["dobriukha2003ottsy"]
    human = run_cli("check-links", str(SEED_PDF), "--no-cache")
    assert "Network unreachable" in human.stdout and human.stdout.count("Network") == 1


def test_bibtex_and_csl_json_inputs_name_the_reference_and_line(server, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{dobriukha2003,\n  author = {Dobriukha, Nikolai},\n"
                   "  title = {Otsy i otchimy ottepeli},\n  year = {2003},\n"
                   f"  url = {{{server.url('/alive')}}},\n}}\n")
    csl = tmp_path / "refs.json"
    csl.write_text(json.dumps([{"id": "smirtiukhov2000", "type": "interview",
                                "title": "Interview", "URL": server.url("/int977.html")}]))
    done = run_cli("check-links", str(bib), str(csl), "--json", "--allow-private",
                   "--no-cache", "--no-archive")
    assert done.returncode == ExitCode.LINK_ROT, done.stderr
    rows = {row["url"]: row for row in json.loads(done.stdout)["links"]}
    assert rows[server.url("/alive")]["cited_by"] == [
        {"reference": "dobriukha2003", "path": str(bib), "line": 5}]
    assert rows[server.url("/int977.html")]["verdict"] == "dead"
    assert rows[server.url("/int977.html")]["cited_by"][0]["reference"] == "smirtiukhov2000"


def test_a_word_essay_names_the_paragraph_of_each_link(server, tmp_path):
    """A .docx is no text to decode: its hyperlinks are checked, each cited at its
    paragraph (the body's first, the note after it)."""
    body = (para(run("Smirtiukhov's "), '<w:hyperlink r:id="rId7">' + run("interview")
                 + "</w:hyperlink>", run(" tells it."), note_reference("footnote", 1)))
    note = para(run("Gone: "), '<w:hyperlink r:id="rId8">' + run("the page") + "</w:hyperlink>")
    essay = tmp_path / "essay.docx"
    essay.write_bytes(word_document(body, footnotes={1: note}, links={
        "rId7": server.url("/alive"), "rId8": server.url("/nns/int977.html")}))
    done = run_cli("check-links", str(essay), "--json", "--allow-private", "--no-cache",
                   "--no-archive")
    assert done.returncode == ExitCode.LINK_ROT, done.stderr
    rows = {row["url"]: row for row in json.loads(done.stdout)["links"]}
    assert rows[server.url("/alive")]["cited_by"][0]["line"] == 1
    assert rows[server.url("/nns/int977.html")]["cited_by"][0]["line"] == 2
    assert rows[server.url("/nns/int977.html")]["verdict"] == "dead"


def test_a_cache_file_that_is_not_a_database_is_moved_aside_and_rebuilt(server, tmp_path):
    urls = _list(tmp_path, server.url("/alive"))
    broken = tmp_path / "links.sqlite"
    broken.write_bytes(b"this is not an SQLite file at all" * 100)
    done = run_cli("check-links", str(urls), "--allow-private", "--cache", str(broken))
    assert done.returncode == ExitCode.OK, done.stderr
    [warning] = done.stderr.splitlines()
    assert warning.startswith(f"translitbib: warning: {broken}: the link cache was unreadable")
    [moved] = tmp_path.glob("links.sqlite.corrupt-*")
    assert moved.name in warning
    assert moved.read_bytes() == b"this is not an SQLite file at all" * 100
    again = run_cli("check-links", str(urls), "--allow-private", "--cache", str(broken),
                    "--json")
    assert json.loads(again.stdout)["links"][0]["from_cache"] is True
    assert again.stderr == ""


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux script for a tty")
def test_a_progress_bar_on_a_terminal_only(server, tmp_path):
    from tests.support import translitbib_command

    urls = _list(tmp_path, server.url("/alive"), server.url("/gone.html"))
    command = " ".join([*translitbib_command(), "check-links", str(urls), "--allow-private",
                        "--no-cache", "--no-archive"])
    on_tty = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True,
                            text=True, timeout=60)
    assert "Checking links" in on_tty.stdout and "2/2" in on_tty.stdout
    assert on_tty.returncode == ExitCode.LINK_ROT
    json_on_tty = subprocess.run(["script", "-qec", command + " --json", "/dev/null"],
                                 capture_output=True, text=True, timeout=60)
    assert "Checking links" not in json_on_tty.stdout


def test_convert_check_links_takes_the_checker_options_and_exits_4_on_rot(server, tmp_path):
    bib = tmp_path / "refs.bib"
    alive, gone = server.url("/alive"), server.url("/old/page.html")
    bib.write_text(f"@online{{live, title = {{Interview}}, url = {{{alive}}}, year = 2000}}\n"
                   f"@online{{gone, title = {{Pravda}}, url = {{{gone}}}, year = 2001}}\n",
                   "utf-8")
    out = tmp_path / "out"
    done = run_cli("convert", str(bib), "--out", str(out), "--check-links", "--allow-private",
                   "--no-archive", "--no-cache", "--interval", "0", "--timeout", "5")
    assert done.returncode == ExitCode.LINK_ROT, done.stderr
    assert "links: 2 checked (1 alive, 1 dead); 1 rotten" in done.stdout
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert {link["verdict"] for link in report["links"]} == {"alive", "dead"}
    written = {item["id"]: item for item in
               json.loads((out / "references.json").read_text("utf-8"))}
    assert len(written) == 2  # rot does not cost the outputs
    (dead,) = [item for item in written.values() if "Link dead" in item.get("note", "")]
    assert dead["URL"] == server.url("/old/page.html")


def test_convert_without_allow_private_refuses_loopback_and_reports_no_rot(server, tmp_path):
    bib = tmp_path / "refs.bib"
    gone = server.url("/old/page.html")
    bib.write_text(f"@online{{gone, title = {{Pravda}}, url = {{{gone}}}}}\n", "utf-8")
    done = run_cli("convert", str(bib), "--out", str(tmp_path / "out"), "--check-links",
                   "--no-archive", "--no-cache")
    assert done.returncode == ExitCode.OK, done.stderr
    assert "1 refused" in done.stdout and "0 rotten" in done.stdout


def test_convert_rejects_a_bad_link_option_as_usage_error(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@online{x, title = {T}, url = {http://example.org/}}\n", "utf-8")
    done = run_cli("convert", str(bib), "--out", str(tmp_path / "out"), "--check-links",
                   "--max-age", "soon")
    assert done.returncode == ExitCode.USAGE_ERROR
    assert "translitbib: error:" in done.stderr and "soon" in done.stderr
    assert not (tmp_path / "out").exists()
