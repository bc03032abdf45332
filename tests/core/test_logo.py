"""The co-op's logo: kept in the book, checked and scaled down once, printed in the letterhead
of every statement (and embedded once in a combined PDF)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.errors import ValidationError
from coopdesk.logo import MAX_SIDE_PIXELS, load_logo, remove_logo, set_logo
from coopdesk.settings import load_settings
from coopdesk.statements.batch import write_statements
from coopdesk.statements.document import PrintOptions, statement_pdf
from coopdesk.statements.queries import statement_for
from tests.core.test_statements_data import FROM, TO, TODAY, build_coop


def image_bytes(kind: str, size: tuple[int, int], colour: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def test_a_png_logo_is_kept_in_the_book_as_given(book: Book, book_path: Path) -> None:
    data = image_bytes("PNG", (120, 60))
    book.run(set_logo, data)
    book.close()
    with Book.open(book_path, read_only=True) as again:
        logo = again.read(load_logo)
    assert logo is not None
    assert (logo.data, logo.width, logo.height) == (data, 120, 60)


def test_a_large_photo_is_scaled_down_keeping_its_shape_and_format(book: Book) -> None:
    book.run(set_logo, image_bytes("JPEG", (4000, 1000)))
    logo = book.read(load_logo)
    assert logo is not None
    assert (logo.width, logo.height) == (MAX_SIDE_PIXELS, MAX_SIDE_PIXELS // 4)
    assert Image.open(io.BytesIO(logo.data)).format == "JPEG"


@pytest.mark.parametrize(("data", "says"), [
    (b"name,amount\n1,2\n", "not an image"),
    (image_bytes("GIF", (10, 10)), "PNG or JPEG"),
    (image_bytes("PNG", (10, 10))[:40], "not an image"),
])
def test_a_file_that_is_not_a_png_or_jpeg_is_refused_and_nothing_changes(
        book: Book, data: bytes, says: str) -> None:
    book.run(set_logo, image_bytes("PNG", (10, 10), "red"))
    before = book.read(load_logo)
    with pytest.raises(ValidationError, match=says):
        book.run(set_logo, data)
    assert book.read(load_logo) == before


def test_removing_the_logo_and_the_settings_never_carry_it(book: Book) -> None:
    settings = book.read(load_settings)
    book.run(set_logo, image_bytes("PNG", (10, 10)))
    assert book.read(load_settings) == settings
    book.run(remove_logo)
    assert book.read(load_logo) is None


def image_count(pdf: bytes) -> int:
    """The image objects the PDF holds (each embedded once however often it is drawn)."""
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject", {})
        names |= {objects[name].indirect_reference.idnum for name in objects}
    return len(names)


def test_the_letterhead_prints_the_logo_beside_the_name(tmp_path: Path) -> None:
    with Book.create(tmp_path / "coop.coopdesk", name="Riverside Food Co-op") as book:
        build_coop(book)
        bare = io.BytesIO()
        statement_pdf(bare, book.read(statement_for, "1", FROM, TO, today=TODAY), PrintOptions())
        book.run(set_logo, image_bytes("PNG", (300, 100)))
        statement = book.read(statement_for, "1", FROM, TO, today=TODAY)
        printed = io.BytesIO()
        statement_pdf(printed, statement, PrintOptions())
    assert statement.letterhead.logo is not None
    assert (image_count(bare.getvalue()), image_count(printed.getvalue())) == (0, 1)
    text = PdfReader(printed).pages[0].extract_text()
    assert "Riverside Food Co-op" in text


def test_a_combined_pdf_embeds_the_logo_once(tmp_path: Path) -> None:
    with Book.create(tmp_path / "coop.coopdesk", name="Riverside Food Co-op") as book:
        build_coop(book)
        book.run(set_logo, image_bytes("PNG", (300, 100)))
        out = tmp_path / "all.pdf"
        result = write_statements(book, ["1", "2", "3", "4"], FROM, TO, out, combined=True,
                                  today=TODAY, workers=1)
    assert result.statements == 4
    assert image_count(out.read_bytes()) == 1
