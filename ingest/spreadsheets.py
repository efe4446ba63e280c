"""Text out of ``.xlsx`` workbooks: tables of targets are read one row to a line.

Plans often come with a workbook of quantified targets (指标, 目标值). Each non-empty
row becomes one line of its cells' values joined by spaces, sheet after sheet under the
sheet's name, so that the target rules read a row as they read a sentence.
"""

from __future__ import annotations

import io

from ingest.errors import UnreadableDocument
from ingest.formats import check_office_archive


def xlsx_text(data: bytes) -> str:
    """Every sheet's name, then its non-empty rows, one per line."""
    check_office_archive(data, kind="xlsx", required="xl/workbook.xml")
    import openpyxl  # deferred: only workbooks need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines: list[str] = []
        for sheet in workbook.worksheets:
            lines.append(str(sheet.title))
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value).strip() for value in row if value is not None]
                if any(cells):
                    lines.append(" ".join(cell for cell in cells if cell))
        workbook.close()
    except UnreadableDocument:
        raise
    except Exception as exc:  # openpyxl raises zip, XML and key errors on damage
        raise UnreadableDocument("corrupt xlsx") from exc
    text = "\n".join(lines)
    if len(lines) == len(workbook.worksheets):
        raise UnreadableDocument("no text")
    return text
