"""The minutes (notulen) as a Word document (python-docx), for the office to edit, sign and file.

Plain Word styles only (Title, Heading 1/2, List Bullet, Table Grid), so it opens the same in Word and LibreOffice
and the office's own template can restyle it. Text from records is always inserted as text, never as a field.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

from dashboard.meetings.minutes import Minutes
from dashboard.slides.model import Table

BODY_PT = 11


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.cells:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(value)


def write_docx(minutes: Minutes, path: Path) -> Path:
    document = Document()
    document.styles["Normal"].font.size = Pt(BODY_PT)
    document.core_properties.title = minutes.title
    document.add_heading(minutes.title, level=0)
    meta = document.add_table(rows=0, cols=2)
    meta.style = "Table Grid"
    for label, value in minutes.meta:
        left, right = meta.add_row().cells
        left.text, right.text = label, value
    for section in minutes.sections:
        document.add_heading(section.heading, level=section.level)
        for line in section.bullets:
            document.add_paragraph(line, style="List Bullet")
        if section.text:
            document.add_paragraph(section.text)
        if section.table is not None:
            _table(document, section.table)
    document.add_paragraph("")
    document.add_paragraph(minutes.closing)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path
