"""Personal names as bibliographies and citations write them."""

from __future__ import annotations

import re

from ..model import Name
from .letters import CAPITAL, CYRILLIC_CAPITAL

# A given-name token: a word (Raul', Mikhail, Iu.) or an initial (A., N.A.).
GIVEN_TOKEN = rf"(?:[A-Z][a-z]{{0,2}}\.(?:-?[A-Z][a-z]?\.)*|[A-ZÀ-Þ{CYRILLIC_CAPITAL}][\w'’ʹ-]*)"
FAMILY = (r"(?:(?:de|van|von|der|da|di|le|la|du|O'|Mc|Mac)\s?)*"
          rf"[A-ZÀ-Þ{CYRILLIC_CAPITAL}][\w'’ʹ.-]*(?:[ -][A-ZÀ-Þ{CYRILLIC_CAPITAL}][\w'’ʹ-]*)?")
AND = r"(?:,?\s+and\s+|\s*&\s*|,?\s+i\s+|,?\s+и\s+)"


def parse_name_inverted(text: str) -> Name:
    """``Pyzhikov, A.`` or ``Chilachava, Raul'`` -> family and given."""
    family, _, given = text.partition(",")
    return Name(family=family.strip(), given=given.strip(), raw=text.strip())


def parse_name_direct(text: str) -> Name:
    """``David Brandenberger`` or ``Ivo Banac`` -> family (last word) and given."""
    text = text.strip()
    parts = text.split()
    if len(parts) == 1:
        return Name(family=parts[0], raw=text)
    # "Khlevniuk O." is family first with initials after
    if all(re.fullmatch(r"[A-Z][a-z]?\.", p) for p in parts[1:]):
        return Name(family=parts[0], given=" ".join(parts[1:]), raw=text)
    return Name(family=parts[-1], given=" ".join(parts[:-1]), raw=text)


def split_people(text: str) -> list[str]:
    """``Kokurin and Pozhalov`` / ``Bivens & Bernstein`` / ``A, B, and C`` -> the people."""
    text = re.sub(r",?\s+(?:et\s+al\.?|и\s+др\.?)", "", text)
    pieces = re.split(rf"{AND}|,\s+(?=[{CAPITAL}][^,]*(?:,|$))", text)
    return [p.strip() for p in pieces if p and p.strip()]


def parse_citation_author(text: str) -> list[Name]:
    """An author as a citation names it: ``Mukhin``, ``Sergo Beria``, ``Bivens & Bernstein``."""
    return [parse_name_direct(person) for person in split_people(text)]
