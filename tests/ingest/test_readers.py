"""Reading files and uploads: encodings, formats, and a short reason for every bad input."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from graph.errors import PlangraphError
from ingest.errors import UnreadableDocument
from ingest.models import SkippedFile
from ingest.readers import content_id, document_id_for, iter_paths, read_bytes, read_document

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 10 * 1024 * 1024
TRADITIONAL = "科技工作要點：推動產業技術創新戰略聯盟\n"


@pytest.fixture(scope="module")
def sample_text(sample_corpus: Path) -> str:
    return sample_corpus.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def reason_for(path: Path, max_bytes: int = LIMIT) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, max_bytes=max_bytes)
    return caught.value.reason


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "encode"),
    [
        ("gb18030", lambda text: text.encode("gb18030")),
        ("gbk", lambda text: text.encode("gbk")),
        ("utf-8 with BOM", lambda text: text.encode("utf-8-sig")),
        ("utf-16-le with BOM", lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("utf-16-be with BOM", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
        ("utf-16-le without BOM", lambda text: text.encode("utf-16-le")),
        ("utf-16-be without BOM", lambda text: text.encode("utf-16-be")),
        ("utf-32 with BOM", lambda text: text.encode("utf-32")),
    ],
)
def test_sample_in_another_encoding_decodes_to_the_utf8_text(
    tmp_path: Path, sample_text: str, label: str, encode: object
) -> None:
    path = write(tmp_path, "plans.txt", encode(sample_text))  # type: ignore[operator]
    assert read_document(path, max_bytes=LIMIT).text == sample_text


def test_gbk_file_is_reported_as_gb18030_its_superset(tmp_path: Path, sample_text: str) -> None:
    path = write(tmp_path, "plans.txt", sample_text.encode("gbk"))
    assert read_document(path, max_bytes=LIMIT).encoding == "gb18030"


def test_big5_traditional_chinese_decodes(tmp_path: Path) -> None:
    document = read_document(
        write(tmp_path, "big5.txt", TRADITIONAL.encode("big5")), max_bytes=LIMIT
    )
    assert (document.text, document.encoding) == (TRADITIONAL, "big5")


def test_crlf_and_cr_line_endings_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path, "dos.txt", "第一行\r\n第二行\r第三行\r\n".encode("gb18030"))
    assert read_document(path, max_bytes=LIMIT).text == "第一行\n第二行\n第三行\n"


def test_utf8_text_spanning_many_chunks_decodes_exactly(tmp_path: Path, sample_text: str) -> None:
    text = sample_text.replace("\n", "\r\n") * 50  # ~2.5 MB: CRLF and characters cut at chunk ends
    path = write(tmp_path, "long.txt", text.encode("utf-8"))
    assert read_document(path, max_bytes=LIMIT).text == sample_text * 50


# --- bad text input --------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path: Path) -> None:
    assert reason_for(write(tmp_path, "blob.txt", bytes(range(256)) * 64)) == "binary file"


def test_file_of_control_characters_is_binary_even_if_valid_utf8(tmp_path: Path) -> None:
    assert reason_for(write(tmp_path, "ctl.txt", bytes(range(1, 9)) * 500)) == "binary file"


def test_zero_byte_file_is_empty(tmp_path: Path) -> None:
    assert reason_for(write(tmp_path, "empty.txt", b"")) == "empty"


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    assert reason_for(write(tmp_path, "blank.md", " \r\n\t\u3000\n".encode())) == "empty"


def test_too_large_file_is_refused_from_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "big.txt", b"a" * (3 * 1024 * 1024))

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert reason_for(path, max_bytes=1024 * 1024) == "file too large (3.0 MB > 1.0 MB)"


def test_upload_larger_than_the_limit_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match=r"file too large \(2\.0 MB > 1\.0 MB\)"):
        read_bytes("plan.txt", b"x" * (2 * 1024 * 1024), max_bytes=1024 * 1024)


def test_unreadable_document_is_a_plangraph_error() -> None:
    assert issubclass(UnreadableDocument, PlangraphError)


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    assert reason_for(write(tmp_path, "sheet.xyz", b"plain words")) == "unsupported file type .xyz"


# --- HTML ------------------------------------------------------------------------------


def test_html_with_broken_markup_keeps_blocks_as_lines_and_drops_scripts() -> None:
    page = (
        "<html><head><title>页面</title><style>p{color:red}</style></head><body>"
        "<h1>2020年科技工作要点<p>一、加强<b>基础研究</i>。<p>二、推进<br>成果转化"
        "<script>var x = '不要';</script><div>三、未闭合的块"
    ).encode()
    document = read_bytes("page.html", page, max_bytes=LIMIT)
    assert (
        document.text
        == "2020年科技工作要点\n一、加强基础研究。\n二、推进\n成果转化\n三、未闭合的块"
    )
    assert document.format == "html"


def test_html_in_gbk_declared_by_meta_decodes() -> None:
    page = '<html><head><meta charset="gbk"></head><body><p>科技创新</p></body></html>'
    assert read_bytes("p.htm", page.encode("gbk"), max_bytes=LIMIT).text == "科技创新"


def test_markup_only_html_has_no_text() -> None:
    page = b"<html><head><script>x()</script></head><body><div><br/><img src=a.png></div></body>"
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes("page.html", page, max_bytes=LIMIT)
    assert caught.value.reason == "no text"


def test_upload_without_extension_is_sniffed_as_html() -> None:
    page = b"<!DOCTYPE html><html><body><p>\xe7\xa7\x91\xe6\x8a\x80</p></body></html>"
    document = read_bytes("upload", page, max_bytes=LIMIT)
    assert (document.format, document.text) == ("html", "科技")


# --- docx ------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("2019年科技工作要点")
    document.add_paragraph("一、加强创新平台建设。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "高新技术企业"
    table.cell(0, 1).text = "35家"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_table_cells_read_back_in_order(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "plan.docx", make_docx()), max_bytes=LIMIT)
    assert document.text == "2019年科技工作要点\n一、加强创新平台建设。\n高新技术企业\n35家"
    assert document.format == "docx"


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    data = make_docx()
    assert reason_for(write(tmp_path, "cut.docx", data[: len(data) // 2])) == "corrupt docx"


def test_docx_that_inflates_enormously_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(40):
            member.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 200_000
    assert reason_for(path) == "docx inflates to 40 MB"


def test_ole_container_named_docx_is_password_protected_or_not_a_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    assert reason_for(path) == "password-protected or not a docx"


def test_encrypted_zip_named_docx_is_password_protected_or_not_a_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"ciphertext")
    data = bytearray(buffer.getvalue())
    # zipfile cannot encrypt; set the "encrypted" bit of the general-purpose flags in the
    # local header (offset 6) and the central directory entry (offset 8) by hand.
    data[6] |= 0x1
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    path = write(tmp_path, "encrypted.docx", bytes(data))
    assert reason_for(path) == "password-protected or not a docx"


# --- PDF -------------------------------------------------------------------------------


def pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_layer_is_read() -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    content = ContentStream(None, writer)
    content.set_data(b"BT /F1 12 Tf 72 712 Td (Science plan 2021) Tj ET")
    page.replace_contents(content)
    document = read_bytes("plan.pdf", pdf_bytes(writer), max_bytes=LIMIT)
    assert (document.format, document.text) == ("pdf", "Science plan 2021")


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    path = write(tmp_path, "scan.pdf", pdf_bytes(writer))
    assert reason_for(path) == "PDF has no text layer (scanned?)"


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret", algorithm="RC4-128")
    assert reason_for(write(tmp_path, "locked.pdf", pdf_bytes(writer))) == "password-protected PDF"


def test_format_comes_from_the_bytes_when_the_extension_lies(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    path = write(tmp_path, "actually-a-pdf.txt", pdf_bytes(writer))
    assert reason_for(path) == "PDF has no text layer (scanned?)"


# --- identity --------------------------------------------------------------------------


def test_document_id_and_digest_of_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.txt", "科技".encode())
    document = read_document(path, max_bytes=LIMIT)
    assert document.id == document_id_for(str(path.resolve()))
    assert document.id.startswith("doc-") and len(document.id) == 16
    assert document.sha256 == hashlib.sha256("科技".encode()).hexdigest()


def test_upload_id_depends_on_the_bytes_only() -> None:
    first = read_bytes("plan.txt", "科技".encode(), max_bytes=LIMIT)
    same = read_bytes("other.txt", "科技".encode(), max_bytes=LIMIT)
    other = read_bytes("plan.txt", "科技".encode("gb18030"), max_bytes=LIMIT)
    assert first.id == same.id == content_id(first.sha256)
    assert other.id != first.id


def test_upload_id_may_be_chosen_by_the_client() -> None:
    document = read_bytes("plan.txt", "科技".encode(), max_bytes=LIMIT, document_id="memo-1")
    assert document.id == "memo-1"


# --- iter_paths ------------------------------------------------------------------------


def test_iter_paths_walks_folders_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.pdf", "a/y.docx", "c.html", ".hidden.txt", ".git/x.txt", "d.xls"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [path.relative_to(tmp_path).as_posix() for path in iter_paths([tmp_path])]
    assert found == ["a/y.docx", "a/z.pdf", "b.txt", "c.html"]


def test_iter_paths_reports_explicit_unsupported_and_missing_files(tmp_path: Path) -> None:
    sheet = write(tmp_path, "data.xls", b"x")
    plan = write(tmp_path, "plan.md", b"x")
    skipped: list[SkippedFile] = []
    found = list(iter_paths([sheet, plan, tmp_path / "gone.txt"], skipped=skipped))
    assert found == [plan]
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("data.xls", "Excel 97-2003 .xls is not read: save it as .xlsx"),
        ("gone.txt", "no such file"),
    ]


# --- memory ----------------------------------------------------------------------------

_MEMORY_PROBE = """
import json, resource, sys
from pathlib import Path
from ingest.readers import read_document
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
document = read_document(Path(sys.argv[1]), max_bytes=1 << 30)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"growth": peak - before, "text": sys.getsizeof(document.text),
                  "chars": len(document.text)}))
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux only")
def test_a_100_mb_text_file_costs_at_most_two_and_a_half_times_its_text(
    tmp_path: Path, sample_corpus: Path
) -> None:
    copy = sample_corpus.read_bytes()
    path = tmp_path / "huge.txt"
    copies = 100 * 1024 * 1024 // len(copy) + 1
    with path.open("wb") as handle:
        for _ in range(copies):
            handle.write(copy)
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout)
    assert figures["chars"] == copies * len(copy.decode("utf-8"))
    # Decoded pieces plus the joined text: about twice the text. Holding the raw bytes
    # as well (a plain read and decode) comes to nearly three times.
    assert figures["growth"] <= 2.5 * figures["text"]


def test_text_that_mentions_the_pdf_header_is_still_text(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", b"# Notes\nFiles begin with %PDF-1.7 and then...\n")
    assert read_document(path, max_bytes=LIMIT).format == "md"


def test_legacy_encoding_is_judged_where_the_non_ascii_text_begins(tmp_path: Path) -> None:
    # The first 64 KB are plain ASCII; the GBK bytes of this line are also valid Big5.
    text = "plan notes\n" * 8000 + "推动产业技术创新战略联盟\n"
    document = read_document(write(tmp_path, "late.txt", text.encode("gbk")), max_bytes=LIMIT)
    assert (document.text, document.encoding) == (text, "gb18030")
