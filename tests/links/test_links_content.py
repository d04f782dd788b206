"""The phrase tables (data files) and page reading: every entry is exercised."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translitbib.links.content import (
    decode_page,
    fingerprint,
    is_home_path,
    is_parking_host,
    not_found_phrase,
    parked_phrase,
    similarity,
)
from translitbib.links.extract import find_urls


def _entries(name: str) -> list[str]:
    text = resources.files("translitbib.links").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("phrase", _entries("not_found_phrases.txt"))
def test_every_not_found_phrase_is_recognised_in_a_title(phrase):
    page = f"<html><head><title>{phrase.upper()}</title></head><body>...</body></html>"
    assert not_found_phrase(page) is not None


@pytest.mark.parametrize("phrase", _entries("parked_phrases.txt"))
def test_every_parked_phrase_is_recognised(phrase):
    page = f"<html><body><div>{phrase.capitalize()} Call us.</div></body></html>"
    assert parked_phrase(page) is not None


@pytest.mark.parametrize("host", _entries("parking_hosts.txt"))
def test_every_parking_host_and_its_subdomains(host):
    assert is_parking_host(host) and is_parking_host(f"ww2.{host}.")
    assert not is_parking_host(f"not{host}")


def test_an_article_that_mentions_page_not_found_is_not_a_not_found_page():
    page = ("<title>Beria and the archives</title><p>" + "The archive is long. " * 30 +
            "Many old links now say page not found, sadly.</p>")
    assert not_found_phrase(page) is None


def test_russian_pages_in_cp1251_and_koi8_are_read():
    text = "<title>Страница не найдена</title>"
    assert not_found_phrase(decode_page(text.encode("cp1251"), "text/html")) is not None
    assert not_found_phrase(decode_page(text.encode("koi8_r"),
                                        "text/html; charset=koi8-r")) is not None
    meta = '<meta charset="koi8-r">' + text
    assert not_found_phrase(decode_page(meta.encode("koi8_r"))) is not None


def test_fingerprints_ignore_the_echoed_path():
    a = fingerprint("<p>Sorry, /news/1.html is not here. Use the search.</p>",
                    drop=("/news/1.html",))
    b = fingerprint("<p>Sorry, /x/y.html is not here. Use the search.</p>", drop=("/x/y.html",))
    assert similarity(a, b) == 1.0


@pytest.mark.parametrize(("path", "home"), [
    ("/", True), ("", True), ("/index.html", True), ("/ru/", True), ("/default.aspx", True),
    ("/news/2003/beria.html", False), ("/id/new/ek5.htm", False),
])
def test_home_paths(path, home):
    assert is_home_path(path) is home


_URL_CHARS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_/=?&%", min_size=0,
                     max_size=30)


@given(host=st.from_regex(r"[a-z]{1,10}\.(ru|com|org)", fullmatch=True), rest=_URL_CHARS,
       before=st.sampled_from(["", "<", "<<u>", "(", "at "]),
       after=st.sampled_from(["", ">", "</u>>", ").", ">;", "</u>>)."]))
def test_a_url_comes_out_of_its_wrapping_intact(host, rest, before, after):
    url = f"http://www.{host}/{rest}".rstrip("_?")  # a final ? or _ reads as prose
    found = find_urls(f"See {before}{url}{after} for more.", "essay.txt")
    assert [u.url for u in found] == [url]
