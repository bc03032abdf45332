"""Who the demo's members are: unique, varied, international names (accents included), with
plausible addresses, e-mail, phone numbers and, for some, the language they read statements in."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from coopdesk.members.types import MemberInput, MemberKind


@dataclass(frozen=True, slots=True)
class _Culture:
    """Names that go together, and the statement language some of their bearers prefer
    (None: the book's own)."""

    language: str | None
    first_names: tuple[str, ...]
    family_names: tuple[str, ...]
    weight: int


_CULTURES = (
    _Culture(None, ("Ada", "Sam", "Grace", "Marcus", "Priya", "Noah", "Hannah", "DeShawn", "Maya",
                    "Owen", "Ruth", "Walter", "Imani", "Caleb", "Tessa", "Jamal", "Erin", "Hiroshi",
                    "Mei", "Ravi"),
             ("Okafor", "Johnson", "O'Brien", "Washington", "Patel", "Kim", "Rivera", "Anderson",
              "Thompson", "Goldberg", "Yamamoto", "Hughes", "Mbeki", "Chen", "Baptiste", "Reyes"), 40),
    _Culture("es", ("José", "María", "Lucía", "Andrés", "Inés", "Joaquín", "Sofía", "Martín",
                    "Camila", "Raúl", "Begoña", "Íñigo"),
             ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
              "Muñoz", "Ortega", "Ibáñez", "Castaño"), 15),
    _Culture("fr", ("Chloé", "Léa", "Amélie", "Étienne", "François", "Hélène", "Noël", "Margaux",
                    "Théo", "Benoît", "Anaïs", "Jérôme"),
             ("Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Lambert", "Fontaine",
              "Chevalier", "Mercier", "Bérenger", "Faure"), 10),
    _Culture("de", ("Zoë", "Jürgen", "Anja", "Lukas", "Jörg", "Katrin", "Matthias", "Till",
                    "Annika", "Günther", "Lena", "Sören"),
             ("Müller", "Schäfer", "Köhler", "Weiß", "Becker", "Hoffmann", "Schröder", "Krüger",
              "Vogel", "Brandt", "Hübner"), 10),
    _Culture(None, ("Łukasz", "Agnieszka", "Małgorzata", "Wojciech", "Zofia", "Piotr"),
             ("Nowak", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek", "Zając"), 4),
    _Culture(None, ("Ayşe", "Emre", "Elif", "Barış", "Zeynep", "Oğuz"),
             ("Yılmaz", "Çelik", "Şahin", "Öztürk", "Aydın", "Doğan"), 4),
    _Culture(None, ("Åsa", "Søren", "Ingrid", "Bjørn", "Sigrid", "Mikael"),
             ("Lindqvist", "Nørgaard", "Håkansson", "Ekström", "Sjöberg", "Østergaard"), 4),
    _Culture(None, ("João", "Conceição", "Thiago", "Luíza", "Gonçalo", "Beatriz"),
             ("Gonçalves", "Araújo", "Magalhães", "Simões", "Assunção", "Brandão"), 5),
    _Culture(None, ("Siobhán", "Niamh", "Seán", "Ciarán", "Aoife", "Pádraig"),
             ("O'Connor", "Gallagher", "Doherty", "Kavanagh", "Ó Súilleabháin"), 3),
    _Culture(None, ("Thảo", "Minh", "Linh", "Quang", "Huệ", "Đức"),
             ("Nguyễn", "Trần", "Phạm", "Lê", "Võ"), 4),
    _Culture(None, ("Oksana", "Dmytro", "Olena", "Taras", "Iryna", "Bohdan"),
             ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk"), 3),
)
_INITIALS = "ABCDEFGHJKLMNPRSTVW"
_STREETS = ("Willow Street", "Mill Road", "Front Street", "Cedar Avenue", "Ferry Lane",
            "Orchard Way", "Bridge Street", "Elm Court", "River Road", "Maple Avenue",
            "Depot Street", "Harbor View Drive", "Linden Terrace", "Quarry Hill Road")
_TOWNS = (("Riverside", "OR", "97520"), ("Millbrook", "OR", "97523"), ("Cedar Falls", "OR", "97527"))
_ORGANISATIONS = ("Riverside Community Garden", "Millbrook Seed Library", "Cedar Falls Grange Hall",
                  "Ferry Lane Bakery Collective")
_DOMAINS = ("example.org", "example.net", "example.com")
_NOTES = ("Prefers statements by post.", "Volunteers at the Saturday pick-up.",
          "Helps with the bulk orders.", "Sits on the membership committee.", "")


class NameMaker:
    """Members with unique names and plausible contact details, drawn from one generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def person(self, join_date: dt.date) -> MemberInput:
        """A member living near the co-op, of any culture, in any class."""
        rng = self._rng
        culture = rng.choices(_CULTURES, weights=[c.weight for c in _CULTURES])[0]
        name = self._unique(lambda: (rng.choice(culture.first_names), rng.choice(culture.family_names)))
        town, region, postal = rng.choices(_TOWNS, weights=(75, 15, 10))[0]
        street = f"{rng.randint(2, 1480)} {rng.choice(_STREETS)}"
        lines = (street, f"Apt {rng.randint(1, 4)}{rng.choice('ABCD')}") if rng.random() < 0.2 else (street,)
        return MemberInput(
            name, join_date, sort_name=_sort_name(name),
            class_code=rng.choices(("consumer", "worker", "producer", "supporter"), weights=(70, 12, 8, 10))[0],
            address_lines=lines, city=town, region=region, postal_code=postal, country="US",
            email=self._email(name, 0.8), phone=self._phone() if rng.random() < 0.7 else "",
            language=culture.language if culture.language and rng.random() < 0.5 else None,
            notes=rng.choice(_NOTES) if rng.random() < 0.15 else "")

    def household_member(self, join_date: dt.date, payer: MemberInput) -> MemberInput:
        """The partner or child of `payer`: same family name, address, phone and language."""
        family = _family_name(payer.display_name)
        culture = next(c for c in _CULTURES if family in c.family_names)
        name = self._unique(lambda: (self._rng.choice(culture.first_names), family))
        return MemberInput(name, join_date, sort_name=_sort_name(name), class_code=payer.class_code,
                           address_lines=payer.address_lines, city=payer.city, region=payer.region,
                           postal_code=payer.postal_code, country=payer.country,
                           email=self._email(name, 0.5), phone=payer.phone, language=payer.language,
                           notes=f"Dues paid by {payer.display_name}.")

    def organisation(self, join_date: dt.date) -> MemberInput:
        """A local group that is a member in its own name."""
        name = self._rng.choice(_ORGANISATIONS)  # the demo has one
        return MemberInput(name, join_date, kind=MemberKind.ORGANISATION, class_code="producer",
                           address_lines=(f"{self._rng.randint(10, 999)} {self._rng.choice(_STREETS)}",),
                           city="Riverside", region="OR", postal_code="97520", country="US",
                           email=".".join(_ascii(name).lower().split()[:2]) + "@example.org",
                           phone=self._phone(), notes="Pays by cheque from its own account.")

    def person_abroad(self, join_date: dt.date) -> MemberInput:
        """A supporter who moved back to Lyon and reads their statements in French."""
        french = next(c for c in _CULTURES if c.language == "fr")
        name = self._unique(lambda: (self._rng.choice(french.first_names), self._rng.choice(french.family_names)))
        return MemberInput(name, join_date, sort_name=_sort_name(name), class_code="supporter",
                           address_lines=(f"{self._rng.randint(2, 40)} rue des Capucins",),
                           postal_code="69001", city="Lyon", country="FR",
                           email=self._email(name, 1.0), language="fr",
                           notes="Moved back to France; stays on as a supporter.")

    def _unique(self, draw: Callable[[], tuple[str, str]]) -> str:
        """A name not given yet: (first, family) drawn until one is new, with a middle initial
        once plain names grow scarce (a large demo has more members than combinations)."""
        for attempt in itertools.count():
            first, family = draw()
            name = f"{first} {family}" if attempt < 20 else f"{first} {self._rng.choice(_INITIALS)}. {family}"
            if name not in self._used:
                self._used.add(name)
                return name
        raise AssertionError("unreachable")

    def _email(self, name: str, chance: float) -> str:
        if self._rng.random() >= chance:
            return ""
        first = _ascii(name.split(" ", 1)[0]).lower()
        last = _ascii(_family_name(name)).lower().replace("'", "").replace(" ", "")
        local = self._rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{self._rng.randint(1, 99)}"))
        return f"{local}@{self._rng.choice(_DOMAINS)}"

    def _phone(self) -> str:
        # 555-0100 to 555-0199 are the numbers set aside for fiction.
        return f"+1 541 555 01{self._rng.randint(0, 99):02d}"


def _family_name(display_name: str) -> str:
    """The family name of a name made here: what follows the first name and any initial."""
    rest = display_name.split(" ", 1)[1]
    return rest.split(". ", 1)[1] if rest[:1] in _INITIALS and rest[1:3] == ". " else rest


def _sort_name(display_name: str) -> str:
    """"Ó Súilleabháin, Pádraig": the family name first, whole (the app's default guess takes
    the last word, which a family name of two words defeats)."""
    family = _family_name(display_name)
    return f"{family}, {display_name[:-len(family)].strip()}"


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D",
                               "ß": "ss", "æ": "ae", "Æ": "AE"})


def _ascii(text: str) -> str:
    """`text` without accents (for e-mail addresses): "Zoë Müller" -> "Zoe Muller"."""
    folded = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in folded if not unicodedata.combining(c))
