"""A member list exported from a spreadsheet, read and checked row by row before any import.

The columns are found under the names people give them (`MEMBER_COLUMNS`), in any order and any
case; columns nothing uses are reported, not refused. Every row is checked on its own and against
the rows above it (a member number used twice), and every problem names its line and column, so
that a whole file can be fixed in one pass and then imported all at once.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import babel.localedata
from babel import Locale, UnknownLocaleError

from coopdesk.formatting import Formatter, ParseError
from coopdesk.io.csv_table import CsvRow, match_columns, read_csv_table
from coopdesk.io.problems import ImportRefused, RowProblem, in_file_order

__all__ = ["MEMBER_COLUMNS", "MemberCsv", "MemberKind", "MemberRecord", "parse_members_csv"]

MemberKind = Literal["person", "organisation"]

# Field -> the column names it is found under (compared as `fold_header` folds them).
MEMBER_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "number": (
        "member number", "member no", "member nr", "member #", "member id", "membership number",
        "membership no", "number", "no", "nr", "#", "id", "mitgliedsnummer", "mitgliedsnr",
        "numéro", "numéro de membre", "numéro d'adhérent", "n°", "número", "número de socio",
    ),
    "display_name": (
        "name", "full name", "display name", "member name", "nom complet", "vollständiger name",
        "nombre completo",
    ),
    "sort_name": ("sort name", "sort as", "sortiername"),
    "first_name": (
        "first name", "firstname", "given name", "given names", "forename", "christian name",
        "vorname", "prénom", "nombre",
    ),
    "last_name": (
        "last name", "lastname", "surname", "family name", "nachname", "familienname", "nom",
        "nom de famille", "apellido", "apellidos",
    ),
    "kind": ("kind", "member kind", "person or organisation", "person or organization",
             "entity type"),
    "member_class": (
        "class", "class code", "member class", "membership class", "membership type", "member type", "type",
        "category", "mitgliedsart", "mitgliedschaft", "catégorie", "categoría",
    ),
    "join_date": (
        "joined", "join date", "date joined", "member since", "since", "start date",
        "joining date", "eintrittsdatum", "eintritt", "mitglied seit", "date d'adhésion",
        "adhésion", "fecha de alta", "alta",
    ),
    "leave_date": (
        "left", "leave date", "date left", "leaving date", "exit date", "end date",
        "austrittsdatum", "austritt", "date de sortie", "fecha de baja", "baja",
    ),
    "leave_reason": ("leave reason", "reason for leaving", "exit reason", "austrittsgrund",
                     "motif de sortie", "motivo de baja"),
    "address_1": (
        "address", "address line 1", "address 1", "street", "street address", "street and number",
        "adresse", "straße", "straße und hausnummer", "anschrift", "dirección",
    ),
    "address_2": ("address line 2", "address 2", "adresse 2", "adresszusatz", "address extra"),
    "address_3": ("address line 3", "address 3", "adresse 3"),
    "postal_code": (
        "zip", "zip code", "zipcode", "postcode", "post code", "postal code", "plz",
        "postleitzahl", "code postal", "cp", "código postal",
    ),
    "city": ("city", "town", "ort", "stadt", "wohnort", "ville", "ciudad", "localidad",
             "locality"),
    "region": ("state", "province", "county", "region", "bundesland", "département", "provincia"),
    "country": ("country", "land", "pays", "país"),
    "email": (
        "email", "e-mail", "email address", "e-mail address", "mail", "e-mail-adresse",
        "courriel", "correo", "correo electrónico",
    ),
    "phone": ("phone", "telephone", "tel", "phone number", "telephone number", "telefon",
              "téléphone", "teléfono", "landline"),
    "mobile": ("mobile", "mobile phone", "mobile number", "cell", "cell phone", "handy",
               "mobil", "portable", "móvil"),
    "language": ("language", "lang", "preferred language", "statement language", "locale",
                 "sprache", "langue", "idioma"),
    "payer_number": ("payer", "paid by", "payer number", "payer no", "zahler", "bezahlt von",
                     "payeur", "pagador"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "bemerkungen", "bemerkung",
              "notizen", "anmerkungen", "remarques", "notas"),
}

_LABELS = {
    "number": "member number", "display_name": "name", "sort_name": "sort name",
    "first_name": "first name", "last_name": "last name", "member_class": "member class",
    "join_date": "join date", "leave_date": "leave date", "leave_reason": "leave reason",
    "address_1": "first address line", "address_2": "second address line",
    "address_3": "third address line", "postal_code": "postal code",
    "payer_number": "payer number",
}

# The database keeps member numbers in 32 characters.
_NUMBER_LENGTH = 32
_KIND_WORDS: Mapping[str, MemberKind] = {
    **dict.fromkeys(
        ("person", "p", "individual", "natural person", "private", "privat", "privatperson",
         "personne", "persona", "natürliche person"),
        "person",
    ),
    **dict.fromkeys(
        ("organisation", "organization", "org", "o", "company", "business", "firm",
         "association", "society", "cooperative", "co-op", "coop", "institution", "legal person",
         "firma", "unternehmen", "verein", "juristische person", "entreprise", "société",
         "empresa", "organización", "organismo"),
        "organisation",
    ),
}
# "Smith, Jr." is not "Last, First".
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"})
# Deliberately simple: one @, something before it, a domain with a dot, no spaces.
_EMAIL = re.compile(r"[^@\s,;<>()\[\]]+@[^@\s,;<>()\[\].]+(?:\.[^@\s,;<>()\[\].]+)+")
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """One member as a row of the file gives it, checked; empty cells are None (or ())."""

    line: int
    number: str | None
    display_name: str
    sort_name: str
    kind: MemberKind
    member_class: str | None
    join_date: datetime.date | None
    leave_date: datetime.date | None
    leave_reason: str | None
    address_lines: tuple[str, ...]
    postal_code: str | None
    city: str | None
    region: str | None
    country: str | None
    email: str | None
    phone: str | None
    language: str | None
    payer_number: str | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class MemberCsv:
    """A member file read: the rows that passed, every problem, and columns nothing used.

    `records` holds only rows without problems; an import should go ahead only when `problems`
    is empty (`refuse_if_problems`).
    """

    source: str
    records: tuple[MemberRecord, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...]
    encoding: str
    delimiter: str

    def refuse_if_problems(self) -> None:
        """Raise ImportRefused listing the problems, if there are any."""
        if self.problems:
            raise ImportRefused(self.source, self.problems)


def parse_members_csv(data: bytes, source: str, formatter: Formatter) -> MemberCsv:
    """Read and check the member list `data` (a CSV file named `source` in messages).

    Dates may be ISO or the short form of `formatter`'s locale. The name is required: a name
    column, or first and last name columns (giving "First Last", sorted as "Last, First"); a
    person's name written "Last, First" in a name column is read the same way. Raises InputError
    only for a file that cannot be read as CSV at all; everything else is in `problems`.
    """
    table = read_csv_table(data, source)
    columns = match_columns(table.headers, MEMBER_COLUMNS)
    problems = list(table.problems)
    problems += columns.problems(table.header_line, _LABELS)
    name_columns = {"display_name", "first_name", "last_name"} & columns.columns.keys()
    if not name_columns:
        problems.append(
            RowProblem(
                table.header_line,
                None,
                "no column gives the members' names: the header needs a 'Name' column, "
                "or 'First name' and 'Last name'",
            )
        )
    records: list[MemberRecord] = []
    first_line_of_number: dict[str, int] = {}
    if name_columns:
        languages = _language_names(formatter.locale)
        for row in table.rows:
            reader = _RowReader(row, columns.columns, formatter)
            record = reader.record(languages)
            number = reader.text("number")
            if number is not None:
                earlier = first_line_of_number.setdefault(number.casefold(), row.line)
                if earlier != row.line:
                    reader.problem(
                        "number", f"member number {number!r} is already used on line {earlier}"
                    )
            problems += reader.problems
            if record is not None and not reader.problems:
                records.append(record)
    return MemberCsv(
        source=source,
        records=tuple(records),
        problems=in_file_order(problems, table.headers),
        ignored_columns=columns.unknown,
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


class _RowReader:
    """Reads the fields of one row, collecting a problem for each cell that does not pass."""

    def __init__(self, row: CsvRow, columns: Mapping[str, str], formatter: Formatter) -> None:
        self._row = row
        self._columns = columns
        self._formatter = formatter
        self.problems: list[RowProblem] = []

    def text(self, field: str) -> str | None:
        header = self._columns.get(field)
        value = self._row.cells.get(header, "") if header is not None else ""
        return value or None

    def problem(self, field: str, message: str) -> None:
        self.problems.append(RowProblem(self._row.line, self._columns.get(field), message))

    def date(self, field: str) -> datetime.date | None:
        text = self.text(field)
        if text is None:
            return None
        try:
            return self._formatter.parse_date(text)
        except ParseError as exc:
            self.problem(field, exc.message)
            return None

    def record(self, languages: Mapping[str, str]) -> MemberRecord | None:
        kind = self._kind()
        names = self._names(kind)
        number = self.text("number")
        if number is not None and len(number) > _NUMBER_LENGTH:
            self.problem("number", f"a member number has at most {_NUMBER_LENGTH} characters")
        join_date, leave_date = self.date("join_date"), self.date("leave_date")
        if join_date is not None and leave_date is not None and leave_date < join_date:
            self.problem(
                "leave_date",
                f"{self.text('leave_date')!r} is before the join date {self.text('join_date')!r}",
            )
        email = self._email()
        language = self._language(languages)
        if names is None:
            return None
        phones = [phone for phone in (self.text("phone"), self.text("mobile")) if phone]
        return MemberRecord(
            line=self._row.line,
            number=number,
            display_name=names[0],
            sort_name=names[1],
            kind=kind,
            member_class=self.text("member_class"),
            join_date=join_date,
            leave_date=leave_date,
            leave_reason=self.text("leave_reason"),
            address_lines=tuple(
                line for field in ("address_1", "address_2", "address_3")
                if (line := self.text(field)) is not None
            ),
            postal_code=self.text("postal_code"),
            city=self.text("city"),
            region=self.text("region"),
            country=self.text("country"),
            email=email,
            phone=" / ".join(dict.fromkeys(phones)) or None,
            language=language,
            payer_number=self.text("payer_number"),
            notes=self.text("notes"),
        )

    def _kind(self) -> MemberKind:
        text = self.text("kind")
        if text is None:
            return "person"
        kind = _kinds().get(_fold(text.replace("_", " ")))
        if kind is None:
            self.problem("kind", f"{text!r} is not a kind of member: write person or organisation")
            return "person"
        return kind

    def _names(self, kind: MemberKind) -> tuple[str, str] | None:
        """(display name, sort name), or None with a problem when the row has no name."""
        written, first, last = self.text("display_name"), self.text("first_name"), self.text(
            "last_name"
        )
        sort = self.text("sort_name")
        if first or last:
            display = written or " ".join(part for part in (first, last) if part)
            return display, sort or (f"{last}, {first}" if first and last else display)
        if written:
            if kind == "person" and sort is None and (flipped := _first_last(written)):
                return flipped, written
            return written, sort or ""  # empty: the register works out the usual sort name
        field = next(f for f in ("display_name", "last_name", "first_name") if f in self._columns)
        self.problem(field, "a name is required")
        return None

    def _email(self) -> str | None:
        text = self.text("email")
        if text is None:
            return None
        address = text.removeprefix("mailto:").strip()
        if _EMAIL.fullmatch(address):
            return address
        if address.count("@") > 1:
            self.problem(
                "email", f"{text!r} holds more than one e-mail address: keep one (the rest can go "
                "in the notes)"
            )
        else:
            self.problem("email", f"{text!r} is not an e-mail address")
        return None

    def _language(self, names: Mapping[str, str]) -> str | None:
        text = self.text("language")
        if text is None:
            return None
        language = _language_code(text) or names.get(_fold(text))
        if language is None:
            self.problem(
                "language", f"{text!r} is not a language: write a code such as fr or fr_CA"
            )
        return language


def _first_last(name: str) -> str | None:
    """"Anna Müller" for "Müller, Anna"; None when `name` is not written "Last, First"."""
    last, comma, first = name.partition(",")
    if not comma or "," in first or not last.strip() or not first.strip():
        return None
    if first.strip().casefold() in _NAME_SUFFIXES:
        return None
    return f"{first.strip()} {last.strip()}"


def _language_code(text: str) -> str | None:
    """The Babel locale `text` names as a code ("FR", "fr-ca", "de_DE"), normalised, or None."""
    if not _LANGUAGE_CODE.fullmatch(text):
        return None
    language, *rest = re.split("[-_]", text)
    parts = [language.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())  # a script, as in zh_Hant
        else:
            parts.append(part.upper())  # a territory (FR, 419) or a variant
    try:
        return str(Locale.parse("_".join(parts)))
    except (ValueError, UnknownLocaleError):
        return None


@functools.cache
def _kinds() -> Mapping[str, MemberKind]:
    return {_fold(word): kind for word, kind in _KIND_WORDS.items()}


@functools.lru_cache(maxsize=8)
def _language_names(locale: str) -> Mapping[str, str]:
    """Language names in English and in the book's language ("French", "Französisch") -> code."""
    known = set(babel.localedata.locale_identifiers())
    names: dict[str, str] = {}
    for in_language in (Locale.parse(locale), Locale("en")):
        for code, name in in_language.languages.items():
            if code in known:
                names.setdefault(_fold(name), code)
    return names


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
