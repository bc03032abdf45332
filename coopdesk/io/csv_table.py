"""A CSV file as spreadsheets and banks write it, read into rows of named cells.

People bring files saved by Excel, LibreOffice, Numbers and online banking: UTF-8 with or without
a byte-order mark, or Windows-1252; commas, semicolons (European locales) or tabs; trailing blank
lines; cells with line breaks in quotes. `read_csv_table` reads all of these the same way and keeps
every row's line number in the file, so each problem can say where it is. `match_columns` finds
the columns a parser needs under the names people actually give them ("E-mail", "Zip", "PLZ").
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from coopdesk.errors import InputError
from coopdesk.io.problems import RowProblem

__all__ = [
    "DELIMITERS",
    "ColumnMatch",
    "CsvRow",
    "CsvTable",
    "fold_header",
    "match_columns",
    "read_csv_table",
]

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# Enough lines for the sniffer to see the pattern; its regular expressions take quadratic time
# on some malformed text, so it never gets more.
_SNIFF_SAMPLE = 8 * 1024
# coopdesk's own exports put an apostrophe before text a spreadsheet would run as a formula
# (`neutralise_formula`); a spreadsheet never writes one there, so reading takes it off again.
_FORMULA_STARTS = ("=", "+", "-", "@")
# Units in a header ("Betrag (EUR)", "Amount [€]") do not change which column it is.
_HEADER_UNIT = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_HEADER_NOISE = re.compile(r"[\s\-_.:]+")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One row of data: its first line in the file and its cells by header, stripped."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file read into rows, with how it was read and what was wrong with its shape.

    `headers` are as written (stripped; an unnamed column is called "column N"); when two
    columns share a header, `cells` holds the first and `match_columns` reports the clash.
    Rows with more cells than the header has columns are left out of `rows` and reported in
    `problems`.
    """

    source: str
    headers: tuple[str, ...]
    rows: tuple[CsvRow, ...]
    encoding: str
    delimiter: str
    problems: tuple[RowProblem, ...]
    header_line: int = 1

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words ("semicolon"), for messages."""
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def read_csv_table(data: bytes, source: str, *, delimiter: str | None = None) -> CsvTable:
    """Read the CSV file `data` (named `source` in messages) into a table of named cells.

    The text is UTF-8 when it has a UTF-8 (or UTF-16) byte-order mark or decodes as UTF-8,
    otherwise Windows-1252. The delimiter, unless given, is the one of comma, semicolon and tab
    that `csv.Sniffer` picks, checked against the header line; when the sniffer fails or picks a
    character the header does not contain, the one most frequent in the header line wins. Blank
    lines and rows whose cells are all blank are skipped; the first row that is not blank is the
    header. Raises InputError naming `source` for a file that is empty, binary (a spreadsheet
    workbook, say), in neither encoding, or has a quoted cell that never closes.
    """
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ValueError(f"the delimiter must be one of {DELIMITERS!r}, not {delimiter!r}")
    text, encoding = _decode(data, source)
    if not text.strip():
        raise InputError(f"{source} is empty: there is no header line and no rows")
    chosen = delimiter or _detect_delimiter(text)

    records = _records(text, chosen, source)
    header_line, header_cells = next(
        ((line, cells) for line, cells in records if any(cell.strip() for cell in cells)),
        (1, []),
    )
    headers = _headers(header_cells)
    rows: list[CsvRow] = []
    problems: list[RowProblem] = []
    for line, record in records:
        cells = [_clean(cell) for cell in record]
        if not any(cells):
            continue
        used = len(cells)
        while used and not cells[used - 1]:
            used -= 1
        if used > len(headers):
            problems.append(RowProblem(line, None, _ragged(used, len(headers), chosen)))
            continue
        cells += [""] * (len(headers) - len(cells))
        named: dict[str, str] = {}
        for header, cell in zip(headers, cells):
            named.setdefault(header, cell)
        rows.append(CsvRow(line, named))
    return CsvTable(
        source=source,
        headers=headers,
        rows=tuple(rows),
        encoding=encoding,
        delimiter=chosen,
        problems=tuple(problems),
        header_line=header_line,
    )


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of `data` and the codec it was read with; InputError for what is not text."""
    if not data.strip():
        raise InputError(f"{source} is empty: there is no header line and no rows")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strictly(data[len(codecs.BOM_UTF8) :], "utf-8", source), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated.
        return _decode_strictly(data, "utf-16", source), "utf-16"
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{source} is a spreadsheet workbook (.xlsx or .ods), not a CSV file: "
            "save it as CSV from the spreadsheet first"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{source} is an Excel workbook (.xls), not a CSV file: "
            "save it as CSV from the spreadsheet first"
        )
    if b"\x00" in data:
        raise InputError(
            f"{source} is not a text file (it holds binary data): export the list as CSV first"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{source}, line {line}: the text is neither UTF-8 nor Windows-1252; "
            "save the file as CSV UTF-8"
        ) from None


def _decode_strictly(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        name = codec.upper()
        raise InputError(
            f"{source}, line {line}: the file starts with a {name} byte-order mark "
            f"but is not {name} text"
        ) from None


def _detect_delimiter(text: str) -> str:
    counts = _header_counts(text)
    sample = text[:_SNIFF_SAMPLE]
    if len(text) > _SNIFF_SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut line would mislead the sniffer
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed is not None and counts.get(sniffed, 0) > 0:
        return sniffed
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])  # ties: earlier in DELIMITERS
    return best if counts[best] > 0 else ","


def _header_counts(text: str) -> dict[str, int]:
    """How often each candidate delimiter is in the header record, outside quoted cells."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = started = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\r\n":
            if started:
                break
            continue
        elif char in counts:
            counts[char] += 1
        started = started or not char.isspace()
    return counts


def _records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Every record of `text` with the line it starts on (quoted line breaks counted)."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=True,
        strict=True,
    )
    lines_read = 0
    while True:
        start = lines_read + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{source}, line {start}: {_explain(exc)}") from None
        lines_read = reader.line_num
        yield start, record


def _explain(exc: csv.Error) -> str:
    reason = str(exc)
    if "unexpected end of data" in reason or "field larger than field limit" in reason:
        return 'a quoted cell starts here but never ends: a closing " is missing'
    if "expected after" in reason:
        return 'a quoted cell is followed by more text: a " inside a cell must be written ""'
    return f"this line cannot be read as CSV ({reason})"


def _headers(cells: Sequence[str]) -> tuple[str, ...]:
    names = [_clean(cell) for cell in cells]
    while names and not names[-1]:
        names.pop()  # a trailing delimiter on the header line: no column
    return tuple(name or f"column {number}" for number, name in enumerate(names, start=1))


def _clean(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith("'") and cell[1:2] in _FORMULA_STARTS:
        return cell[1:]
    return cell


def _ragged(cells: int, columns: int, delimiter: str) -> str:
    name = _DELIMITER_NAMES.get(delimiter, repr(delimiter))
    return (
        f"this row has {cells} cells but the header has {columns} columns: "
        f"is there a {name} in a cell that is not in quotes?"
    )


# --- columns -------------------------------------------------------------------------------------


def fold_header(text: str) -> str:
    """`text` reduced for comparing column names: "E-Mail", "e_mail" and "EMAIL" all fold alike.

    Case, accents, spaces, dashes, underscores, dots and colons are ignored, and so is a unit
    in brackets at the end ("Betrag (EUR)" is "betrag").
    """
    text = _HEADER_UNIT.sub("", text.strip())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _HEADER_NOISE.sub("", plain)


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """Which header gives each field, which fields more than one header claims, which are unused.

    `columns` maps a field to its header as written; `duplicates` maps a field to every header
    that matched it (it is also in `columns`, with the first); `unknown` lists the headers that no
    field uses, in file order: worth a warning, not a refusal.
    """

    columns: dict[str, str]
    duplicates: dict[str, tuple[str, ...]]
    unknown: tuple[str, ...]

    def problems(self, line: int = 1, labels: Mapping[str, str] | None = None) -> list[RowProblem]:
        """The clashes as problems on the header `line`, each naming the later column."""
        found = []
        for field, headers in self.duplicates.items():
            label = (labels or {}).get(field, field.replace("_", " "))
            listed = " and ".join(repr(header) for header in headers)
            for header in headers[1:]:
                found.append(
                    RowProblem(line, header, f"columns {listed} both give the {label}: keep one")
                )
        return found


def match_columns(headers: Sequence[str], spec: Mapping[str, Sequence[str]]) -> ColumnMatch:
    """Match `headers` to the fields of `spec` (field -> its aliases), as `fold_header` folds them.

    A field's own name counts as one of its aliases. Raises ValueError if `spec` gives one alias
    to two fields, which is a mistake in the spec, not in the file.
    """
    field_of: dict[str, str] = {}
    for field, aliases in spec.items():
        for alias in (field, *aliases):
            folded = fold_header(alias)
            if field_of.setdefault(folded, field) != field:
                raise ValueError(
                    f"{alias!r} is an alias of both {field_of[folded]!r} and {field!r}"
                )
    matched: dict[str, list[str]] = {}
    unknown: list[str] = []
    for header in headers:
        wanted = field_of.get(fold_header(header))
        if wanted is None:
            unknown.append(header)
        else:
            matched.setdefault(wanted, []).append(header)
    return ColumnMatch(
        columns={field: found[0] for field, found in matched.items()},
        duplicates={field: tuple(found) for field, found in matched.items() if len(found) > 1},
        unknown=tuple(unknown),
    )
