"""Content once lost on the way in: PDF lines wrapped mid-name, .docx headers and text boxes.

技术示范基地 wrapped across two PDF lines was read as two fragments; the issuer and title
in a Word file's page header or in a text box were not read at all.
"""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from ingest.formats import docx_text
from ingest.wrapping import rejoin_wrapped_lines

FULL = "支持丰达合金与北京科技大学联合组建锰产业技术示"  # a full line, cut mid-name
PAGE = f"2012年科技工作要点\n{FULL}\n范基地和工程技术研究中心。\n一、加强创新平台建设。"


def test_a_line_wrapped_mid_name_is_joined_to_the_next() -> None:
    assert "技术示范基地" in rejoin_wrapped_lines(PAGE)


def test_short_lines_and_sentence_ends_keep_their_breaks() -> None:
    lines = rejoin_wrapped_lines(PAGE).split("\n")

    assert lines[0] == "2012年科技工作要点"
    assert lines[-1] == "一、加强创新平台建设。"
    assert len(lines) == 3


def test_a_full_line_before_a_new_item_keeps_its_break() -> None:
    page = f"{FULL}\n（二）推进成果转化"

    assert rejoin_wrapped_lines(page) == page


def test_latin_words_wrapped_across_lines_are_joined_by_a_space() -> None:
    page = "The science and technology plan of the province for\nthe year 2012."

    assert rejoin_wrapped_lines(page) == page.replace("\n", " ")


def _docx(build: object) -> bytes:
    document = docx.Document()
    build(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_page_header_is_read_first_and_once() -> None:
    def build(document: docx.document.Document) -> None:
        document.sections[0].header.paragraphs[0].text = "某市科学技术局文件"
        document.add_paragraph("2012年科技工作要点")
        document.add_section()  # a second section repeats (links to) the header

    assert docx_text(_docx(build)).split("\n") == ["某市科学技术局文件", "2012年科技工作要点"]


_TEXT_BOX_RUN = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>某市科学技术局</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def test_a_docx_text_box_is_read_where_it_is_anchored() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("2012年科技工作要点")
        anchor = document.add_paragraph("一、加强创新平台建设。")
        anchor._p.append(parse_xml(_TEXT_BOX_RUN))

    assert docx_text(_docx(build)).split("\n") == [
        "2012年科技工作要点",
        "某市科学技术局",
        "一、加强创新平台建设。",
    ]
