"""Joining PDFs that `document` wrote, page after page, into one file for printing.

A large batch is drawn in parts by several processes at once (`batch`); one combined PDF is
then these parts' pages in order. ReportLab cannot read a PDF back, and pulling in a general
PDF library for this would be a new dependency, but the parts are ours and simple: ReportLab
writes every object once, in number order, with a classic cross-reference table, a flat page
tree and no object streams. So each part's objects are copied as they are, renumbered, with
its catalog, page tree and information dictionary left out; its pages get the one new page
tree as their parent. Each part keeps its own embedded font subsets, renamed so that no two
subsets in the file share a name (PDF 32000 9.6.4). Only the dictionaries are rewritten,
never a stream's bytes. A part that does not look like this is refused, never guessed at.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")
_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ_HEADER = re.compile(rb"(\d+) 0 obj\r?\n")
_PAGES = re.compile(rb"/Pages (\d+) 0 R")
_KIDS = re.compile(rb"/Kids \[([^\]]*)\]")
_SUBSET = re.compile(rb"/([A-Z]{6})\+")
_STREAM = re.compile(rb"\bstream\r?\n")
_VERSION = re.compile(rb"%PDF-1\.(\d)")


class NotOurPdf(ValueError):
    """A part is not a PDF as ReportLab writes it for statements."""


class _Part:
    """One part's objects (raw bytes, keyed by number), its pages in order, and what to drop."""

    def __init__(self, data: bytes) -> None:
        version = _VERSION.match(data)
        end = _STARTXREF.search(data[-64:])
        if version is None or end is None:
            raise NotOurPdf("not a PDF written by coopdesk")
        self.version = int(version.group(1))
        xref = int(end.group(1))
        head = data[xref:xref + 64].split(b"\n")
        if head[0].strip() != b"xref":
            raise NotOurPdf("no cross-reference table")
        first, count = (int(n) for n in head[1].split())
        if first != 0:
            raise NotOurPdf("a cross-reference table in sections")
        rows_start = xref + len(head[0]) + len(head[1]) + 2
        offsets = []
        for number in range(1, count):
            row = data[rows_start + 20 * number:rows_start + 20 * number + 20]
            if row[17:18] != b"n":
                raise NotOurPdf(f"object {number} is not in use")
            offsets.append(int(row[:10]))
        if offsets != sorted(offsets):
            raise NotOurPdf("objects out of order")
        self.objects: dict[int, bytes] = {}
        for number, (start, stop) in enumerate(zip(offsets, [*offsets[1:], xref], strict=True), 1):
            body = data[start:stop]
            header = _OBJ_HEADER.match(body)
            if header is None or int(header.group(1)) != number:
                raise NotOurPdf(f"object {number} is not where the table says")
            self.objects[number] = body[header.end():]
        trailer = dict((name, int(n)) for name, n in _TRAILER_REF.findall(data[xref:]))
        root = trailer.get(b"Root")
        pages = _PAGES.search(self.objects.get(root, b"")) if root else None
        if root is None or pages is None:
            raise NotOurPdf("no page tree")
        self.pages_tree = int(pages.group(1))
        kids = _KIDS.search(self.objects[self.pages_tree])
        if kids is None or b"/Kids" in self.objects[self.pages_tree][kids.end():]:
            raise NotOurPdf("a page tree of more than one level")
        self.pages = [int(n) for n in _REF.findall(kids.group(1))]
        self.dropped = {root, self.pages_tree, trailer.get(b"Info", 0)}
        self.digest = hashlib.md5(data, usedforsecurity=False).digest()


def join_pdfs(parts: Sequence[Path], out: BinaryIO, *, info: bytes) -> int:
    """Write the pages of `parts`, in order, as one PDF to `out`; return how many pages.

    `info` is the new information dictionary, written as it is (`info_dictionary`).
    """
    version = 3
    for path in parts:
        with path.open("rb") as part_file:
            found = _VERSION.match(part_file.read(8))
        version = max(version, int(found.group(1)) if found else 3)
    writer = _Writer(out, version)
    pages_tree, catalog, info_number = writer.reserve(), writer.reserve(), writer.reserve()
    tags = _SubsetTags()
    page_numbers: list[int] = []
    digest = hashlib.md5(usedforsecurity=False)
    for index, path in enumerate(parts):
        part = _Part(path.read_bytes())
        digest.update(part.digest)
        numbers = {old: writer.reserve() for old in part.objects if old not in part.dropped}
        numbers[part.pages_tree] = pages_tree

        def renumber(match: re.Match[bytes]) -> bytes:
            number = numbers.get(int(match.group(1)))
            if number is None:
                raise NotOurPdf(f"a reference to object {match.group(1).decode()}, which the "
                                "part does not have")
            return b"%d 0 R" % number

        for old, body in part.objects.items():
            if old in part.dropped:
                continue
            stream = _STREAM.search(body)
            split = stream.start() if stream else len(body)
            head = _REF.sub(renumber, body[:split])
            head = _SUBSET.sub(lambda m: b"/" + tags.tag(index, m.group(1)) + b"+", head)
            writer.write_object(numbers[old], head + body[split:])
        page_numbers += [numbers[p] for p in part.pages]
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    writer.write_object(pages_tree, b"<< /Count %d /Kids [ %s ] /Type /Pages >>\nendobj\n"
                        % (len(page_numbers), kids))
    writer.write_object(catalog, b"<< /PageMode /UseNone /Pages %d 0 R /Type /Catalog >>\nendobj\n"
                        % pages_tree)
    writer.write_object(info_number, info + b"\nendobj\n")
    writer.finish(catalog, info_number, document_id=digest.hexdigest().encode())
    return len(page_numbers)


def info_dictionary(*, title: str, author: str, creator: str, producer: str,
                    date: str = "D:20000101000000+00'00'") -> bytes:
    """A PDF information dictionary with the entries ReportLab writes: these values, and the
    subject and keywords empty (text as UTF-16 strings)."""
    entries = {"Title": title, "Author": author, "Creator": creator, "Producer": producer,
               "Subject": "", "Keywords": ""}
    fields = b" ".join(b"/%s %s" % (key.encode(), _text(value)) for key, value in entries.items())
    return (b"<< %s /CreationDate (%s) /ModDate (%s) /Trapped /False >>"
            % (fields, date.encode(), date.encode()))


def _text(value: str) -> bytes:
    if not value:
        return b"()"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


class _SubsetTags:
    """A fresh six-letter tag for each (part, tag) pair: AAAAAA, AAAAAB, ..."""

    def __init__(self) -> None:
        self._tags: dict[tuple[int, bytes], bytes] = {}

    def tag(self, part: int, old: bytes) -> bytes:
        key = (part, old)
        if key not in self._tags:
            n = len(self._tags)
            letters = []
            for _ in range(6):
                n, letter = divmod(n, 26)
                letters.append(65 + letter)
            self._tags[key] = bytes(reversed(letters))
        return self._tags[key]


class _Writer:
    """Writes numbered objects in any order, then the cross-reference table."""

    def __init__(self, out: BinaryIO, version: int) -> None:
        self._out = out
        self._offsets: dict[int, int] = {}
        self._next = 1
        self._position = 0
        self._emit(b"%%PDF-1.%d\n%%\xe2\xe3\xcf\xd3\n" % version)

    def reserve(self) -> int:
        number = self._next
        self._next += 1
        return number

    def write_object(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._position
        self._emit(b"%d 0 obj\n" % number + body)

    def finish(self, root: int, info: int, *, document_id: bytes) -> None:
        xref = self._position
        rows = [b"0000000000 65535 f \n"]
        rows += [b"%010d 00000 n \n" % self._offsets[n] for n in range(1, self._next)]
        self._emit(b"xref\n0 %d\n" % self._next + b"".join(rows))
        self._emit(b"trailer\n<< /ID [<%s><%s>] /Info %d 0 R /Root %d 0 R /Size %d >>\n"
                   b"startxref\n%d\n%%%%EOF\n" % (document_id, document_id, info, root, self._next,
                                                   xref))

    def _emit(self, data: bytes) -> None:
        self._out.write(data)
        self._position += len(data)
