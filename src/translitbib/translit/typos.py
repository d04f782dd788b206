"""One-edit typos: neighbours of a skeleton in the lexicon, and a plain account of an edit."""

from __future__ import annotations

from collections.abc import Container, Iterator

# the letters skeletons are made of (see data/skeleton.toml)
SKELETON_LETTERS = "abdefgiklmnoprstuvzCHQWZ"


def skeleton_neighbours(skeleton: str, index: Container[str]) -> Iterator[str]:
    """Skeletons one deletion, transposition, substitution or insertion away, in the index."""
    seen: set[str] = set()
    n = len(skeleton)
    for i in range(n + 1):
        head, tail = skeleton[:i], skeleton[i:]
        options = [head + letter + tail for letter in SKELETON_LETTERS]
        if tail:
            options.append(head + tail[1:])
            options.extend(head + letter + tail[1:] for letter in SKELETON_LETTERS)
        if len(tail) > 1:
            options.append(head + tail[1] + tail[0] + tail[2:])
        for option in options:
            if option != skeleton and option not in seen and option in index:
                seen.add(option)
                yield option


def describe_edit(typed: str, meant: str) -> str:
    """``kororykh`` vs ``kotorykh`` -> ``'r' for 't' at 3``; several edits are summarized."""
    if typed == meant:
        return "no letter differs"
    start = 0
    while start < min(len(typed), len(meant)) and typed[start] == meant[start]:
        start += 1
    end_t, end_m = len(typed), len(meant)
    while end_t > start and end_m > start and typed[end_t - 1] == meant[end_m - 1]:
        end_t -= 1
        end_m -= 1
    got, want = typed[start:end_t], meant[start:end_m]
    where = f"at {start + 1}"
    if len(got) == len(want) == 2 and got == want[::-1]:
        return f"'{got}' for '{want}' (letters swapped) {where}"
    if not got:
        return f"'{want}' missing {where}"
    if not want:
        return f"extra '{got}' {where}"
    return f"'{got}' for '{want}' {where}"
