"""Crashes the fuzzer found that are not fixed yet, each with its minimal input.

Each test is ``xfail(strict=True)`` and its signature sits in ``checks.KNOWN_CRASHES`` (so
the generic fuzz tests step over it and keep looking); when the fix lands the test
passes, strict xfail fails the suite, and both the mark and the entry come out.
None open at the moment: fixed ones live on as plain regression tests in
``test_fuzz_short.py``.
"""
