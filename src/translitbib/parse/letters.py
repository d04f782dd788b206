"""The letters the parsers' patterns take, to go inside a regex's character class
(``rf"[{CAPITAL}]"``): Latin, and the Cyrillic of the works a Russian-history text cites
(Russian, Ukrainian, Belarusian).  One place, so a pattern never forgets ї or ў."""

CYRILLIC_CAPITAL = "А-ЯЁІЇЄҐЎ"
CYRILLIC_SMALL = "а-яёіїєґў"
CAPITAL = "A-Z" + CYRILLIC_CAPITAL
SMALL = "a-z" + CYRILLIC_SMALL
