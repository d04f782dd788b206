"""Generate a realistic, deterministic .bib file for the scale benchmark.

Mixed entry types (@book, @article, @incollection, @online, @misc), names and titles in
Cyrillic and in several transliterations of Russian, LaTeX escapes (``G{\\"o}del``,
``{\\'e}``, ``50\\%``, ``\\&``), URLs with ``_`` and ``%``, ``@string`` macros joined with
``#``, and about 1% duplicate keys.  The same seed and size always give the same bytes.

    python bench/scale/generate_bib.py 20000 bench/scale/data/refs-20000.bib
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# (Cyrillic, ALA-LC, other spellings seen in the wild)
SURNAMES = [
    ("Хрущёв", "Khrushchev", "Chruschtschow", "Hruščev"),
    ("Берия", "Beriia", "Beria", "Berija"),
    ("Жуков", "Zhukov", "Žukov", "Shukow"),
    ("Солженицын", "Solzhenitsyn", "Solschenizyn", "Solženicyn"),
    ("Пыжиков", "Pyzhikov", "Pyžikov", "Pyschikow"),
    ("Хлевнюк", "Khlevniuk", "Khlevnyuk", "Chlewnjuk"),
    ("Юнге", "Iunge", "Junge", "Yunge"),
    ("Жуковская", "Zhukovskaia", "Zhukovskaya", "Žukovskaja"),
    ("Козлов", "Kozlov", "Kozlow", "Kozlov"),
    ("Медведев", "Medvedev", "Medwedew", "Medvedev"),
    ("Чуев", "Chuev", "Tschujew", "Čuev"),
    ("Щербаков", "Shcherbakov", "Ščerbakov", "Schtscherbakow"),
    ("Яковлев", "Iakovlev", "Yakovlev", "Jakowlew"),
    ("Ёлкин", "Elkin", "Yolkin", "Jolkin"),
    ("Маленков", "Malenkov", "Malenkow", "Malenkov"),
    ("Микоян", "Mikoian", "Mikoyan", "Mikojan"),
    ("Хинштейн", "Khinshtein", "Khinshteyn", "Chinstein"),
    ("Мухин", "Mukhin", "Muchin", "Muhin"),
    ("Дмитриевская", "Dmitrievskaia", "Dmitrievskaya", "Dmitrijewskaja"),
    ("Топтыгин", "Toptygin", "Toptygin", "Toptygin"),
]
GIVEN = [
    ("Никита", "Nikita"), ("Лаврентий", "Lavrentii"), ("Георгий", "Georgii"),
    ("Александр", "Aleksandr"), ("Юрий", "Iurii"), ("Ольга", "Ol'ga"), ("Мария", "Mariia"),
    ("Сергей", "Sergei"), ("Анастасия", "Anastasiia"), ("Фёдор", "Fedor"),
]
WESTERN = [
    ("G{\\\"o}del", "Kurt"), ("Fitzpatrick", "Sheila"), ("Getty", "J. Arch"),
    ("Furr", "Grover"), ("Conquest", "Robert"), ("Ren{\\'e}e", "Marie"),
    ("M{\\\"u}ller", "J{\\\"o}rg"), ("Gr{\\o}nbech", "S{\\o}ren"), ("Citrine", "Walter"),
    ("de la Vall{\\'e}e Poussin", "Charles"), ("van Ree", "Erik"), ("Harris", "James"),
]
ORGS = ["{Institute of Russian History}", "{Rossiiskaia akademiia nauk}",
        "{Российский государственный архив социально-политической истории}",
        "{Memorial Society \\& Friends}"]
CYR_TITLE = ["Заговор", "против", "Сталина", "Убийство", "Лаврентий", "Берия", "жизнь",
             "и", "судьба", "маршала", "тайна", "архивы", "документы", "в", "годы",
             "войны", "партия", "реформа", "история", "Кремля", "очерки", "политика"]
LAT_TITLE = ["Zagovor", "protiv", "Stalina", "Ubiistvo", "Lavrentii", "Beriia", "zhizn'",
             "i", "sud'ba", "marshala", "taina", "arkhivy", "dokumenty", "v", "gody",
             "voiny", "partiia", "reforma", "istoriia", "Kremlia", "ocherki", "politika",
             "Khrushchevskaia", "ottepel'", "Shcherbakov", "Iurii"]
EN_TITLE = ["Stalin", "and", "the", "Struggle", "for", "Democratic", "Reform", "Terror",
            "Soviet", "Union", "in", "Politics", "of", "Memory", "Archives", "Revisited",
            "Khrushchev", "Lies", "Party", "History", "Cold", "War", "Everyday", "Life"]
CITIES = ["Moskva", "Москва", "Sankt-Peterburg", "Leningrad", "New York", "Oxford",
          "M.", "СПб."]
PUBLISHERS = ["Algoritm", "Эксмо", "Yauza", "Nauka", "Oxford University Press",
              "Cambridge University Press", "ROSSPEN", "Вече", "Olma-Press"]
STRINGS = {
    "cup": "Cambridge University Press",
    "oup": "Oxford University Press",
    "ross": "ROSSPEN",
    "voi": "Voprosy istorii",
    "ki": "Кентавр",
    "sr": "Slavic Review",
    "ea": "Europe-Asia Studies",
}
JOURNALS = ["voi", "ki", "sr", "ea"]
HOSTS = ["https://www.hrono.ru/libris/lib_b/beria", "https://doi.org/10.1080/09668136",
         "http://militera.lib.ru/memo/russian/zhukov_1", "https://archive.org/details/istoriia",
         "https://www.kp.ru/daily/24150/380960", "https://ru.wikipedia.org/wiki/%D0%91%D0%B5"]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return self.rng.choice(seq)

    def person(self) -> str:
        roll = self.rng.random()
        if roll < 0.25:
            family = self.pick(SURNAMES)[0]
            given = self.pick(GIVEN)[0]
            return f"{family}, {given}" if self.rng.random() < 0.7 else f"{given} {family}"
        if roll < 0.7:
            family = self.pick(self.pick(SURNAMES)[1:])
            given = self.pick(GIVEN)[1]
            if self.rng.random() < 0.3:
                given = given[0] + "."
            return f"{family}, {given}"
        if roll < 0.95:
            family, given = self.pick(WESTERN)
            return f"{family}, {given}"
        return self.pick(ORGS)

    def people(self, most: int = 3) -> str:
        return " and ".join(self.person() for _ in range(self.rng.randint(1, most)))

    def title(self) -> str:
        roll = self.rng.random()
        words = CYR_TITLE if roll < 0.3 else LAT_TITLE if roll < 0.65 else EN_TITLE
        text = " ".join(self.pick(words) for _ in range(self.rng.randint(2, 9)))
        text = text[0].upper() + text[1:]
        extra = self.rng.random()
        if extra < 0.08:
            text += ": {\\'E}tudes on 50\\% of the {USSR}"
        elif extra < 0.14:
            text += " \\& {NKVD}"
        elif extra < 0.18:
            text += " --- {\\em Dokumenty} 1953--1956"
        elif extra < 0.22:
            text += ", {\\\"U}ber das ``Tauwetter''"
        return text

    def year(self) -> int:
        return self.rng.randint(1925, 2024)

    def url(self) -> str:
        tail = f"{self.rng.randint(1, 99999)}_{self.pick(LAT_TITLE).lower()}"
        if self.rng.random() < 0.3:
            tail += f"?q=a%20b&page={self.rng.randint(1, 400)}"
        return f"{self.pick(HOSTS)}/{tail}"

    def pages(self) -> str:
        start = self.rng.randint(1, 700)
        return f"{start}--{start + self.rng.randint(1, 40)}"

    def entry(self, kind: str, key: str) -> str:
        f: list[tuple[str, str]] = []
        r = self.rng.random
        if kind == "book":
            f += [("author", self.people()), ("title", self.title()),
                  ("address", self.pick(CITIES))]
            if r() < 0.3:
                f.append(("publisher", f"@{self.pick(['cup', 'oup', 'ross'])}"))
            else:
                f.append(("publisher", self.pick(PUBLISHERS)))
            f.append(("year", str(self.year())))
            if r() < 0.2:
                f.append(("edition", str(self.rng.randint(2, 5))))
        elif kind == "article":
            journal = self.pick(JOURNALS)
            f += [("author", self.people()), ("title", self.title())]
            if r() < 0.25:
                f.append(("journal", f"@{journal} # \", Series B\""))
            else:
                f.append(("journal", f"@{journal}"))
            f += [("year", str(self.year())), ("volume", str(self.rng.randint(1, 80))),
                  ("number", str(self.rng.randint(1, 12))), ("pages", self.pages())]
            if r() < 0.4:
                f.append(("doi", f"10.1080/{self.rng.randint(10000, 99999)}.{self.year()}"))
        elif kind == "incollection":
            f += [("author", self.people(2)), ("title", self.title()),
                  ("editor", self.people(2)), ("booktitle", self.title()),
                  ("publisher", self.pick(PUBLISHERS)), ("address", self.pick(CITIES)),
                  ("year", str(self.year())), ("pages", self.pages())]
        elif kind == "online":
            f += [("author", self.people(1)), ("title", self.title()), ("url", self.url()),
                  ("urldate", f"20{self.rng.randint(10, 24)}-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}"),
                  ("year", str(self.rng.randint(2000, 2024)))]
        else:  # misc
            f += [("title", self.title()),
                  ("howpublished", f"\\url{{{self.url()}}}"),
                  ("year", str(self.year()))]
            if r() < 0.6:
                f.insert(0, ("author", self.people(2)))
        if r() < 0.15:
            f.append(("note", "In Russian. Rev.\\ ed., 50\\% new material"))
        if r() < 0.25:
            f.append(("language", self.pick(["russian", "english", "Russian"])))
        if r() < 0.1:
            f.append(("keywords", "stalin, beria, 1953"))
        lines = [f"@{kind}{{{key},"]
        for name, value in f:
            if value.startswith("@"):
                lines.append(f"  {name} = {value[1:]},")
            elif value.isdigit() and r() < 0.5:
                lines.append(f"  {name} = {value},")
            elif r() < 0.1 and not set(value) & set("\"{%"):  # pandoc: no % in quotes
                lines.append(f"  {name} = \"{value}\",")
            else:
                lines.append(f"  {name} = {{{value}}},")
        lines.append("}")
        return "\n".join(lines)


TYPES = ["book"] * 35 + ["article"] * 30 + ["incollection"] * 15 + ["online"] * 10 + ["misc"] * 10


def generate(count: int, seed: int = 20240601) -> str:
    gen = Gen(seed)
    out = ["% Generated by bench/scale/generate_bib.py: synthetic, not real works.", ""]
    out += [f"@string{{{k} = \"{v}\"}}" for k, v in STRINGS.items()]
    out.append("")
    keys: list[str] = []
    for i in range(count):
        if keys and gen.rng.random() < 0.01:
            key = gen.pick(keys)  # a duplicate key, as merged libraries have
        else:
            key = f"{gen.pick(SURNAMES)[1].lower()}{gen.rng.randint(1925, 2024)}{i}"
            keys.append(key)
        if i and i % 5000 == 0:
            out.append(f"@comment{{block {i // 5000}}}")
        out.append(gen.entry(gen.pick(TYPES), key))
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(generate(args.count, args.seed), encoding="utf-8")
    print(f"wrote {args.count} entries to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
