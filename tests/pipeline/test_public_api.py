"""The public API is ``translitbib.__all__``: sorted, every name real, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import translitbib


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert translitbib.__all__ == sorted(translitbib.__all__)
    for name in translitbib.__all__:
        assert getattr(translitbib, name) is not None, name
    assert translitbib.run.__module__ == "translitbib.pipeline"
    assert translitbib.InputError.__mro__[1] is translitbib.TranslitbibError


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        translitbib.convert_everything  # noqa: B018
    except AttributeError as exc:
        assert "convert_everything" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_importing_the_package_loads_no_heavy_dependency() -> None:
    code = ("import sys, translitbib; "
            "print(sorted(m for m in ('pybtex', 'aiohttp', 'pymorphy3', 'wordfreq', 'iuliia') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_the_api_converts_like_the_cli(tmp_path) -> None:
    from tests.support import SEED_PDF

    library = translitbib.run([SEED_PDF], translitbib.ConvertOptions(normalize=False))
    assert isinstance(library, translitbib.Library)
    assert len(library.references) > 20 and library.citations
    written = translitbib.write_outputs(library, tmp_path)
    assert {p.name for p in written} >= {"references.bib", "references.json", "references.ris"}
