"""A middle name the bibliography's full stop cut off: ``Getty, J. Arch. Origins of the
Great Purges``.

In an inverted name a full stop after an initial does not end the author block, but one
after a word does, so *Arch.* was read as the title's first word.  The same shape is a
title of its own (``Prudnikova, E. Stalin. Vtoroe ubiistvo``), so the word goes back to
the name only when another reference of the same text names that person with it: the
entry ``Getty, J. Arch, and Oleg V. Naumov`` or a note's ``J. Arch Getty``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Reference

# the title's first word, ended by a full stop, then more title
_FIRST_WORD = re.compile(r"([A-Z][\w'’-]+)\.\s+(?=\S)")


def restore_middle_names(references: list[Reference]) -> None:
    """Give each first author back the middle name the text names them with elsewhere,
    taking it off the title's start (in place)."""
    known = {(person.family, person.given) for ref in references
             for person in ref.authors if person.family and " " in person.given}
    if not known:
        return
    for ref in references:
        if not ref.authors or not ref.authors[0].family:
            continue
        first = ref.authors[0]
        word = _FIRST_WORD.match(ref.title)
        if word is None or (first.family, f"{first.given} {word.group(1)}") not in known:
            continue
        ref.names["author"] = [replace(first, given=f"{first.given} {word.group(1)}"),
                               *ref.authors[1:]]
        ref.fields["title"] = ref.title[word.end():]
