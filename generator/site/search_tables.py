"""Tables in the search results read row by row ("Records: ...; How long we keep them: ..."), not as run-on cells."""

from __future__ import annotations

import html
import re
from pathlib import Path

from lxml import html as lxml_html


def _cell_text(cell) -> str:
    return " ".join(cell.text_content().split())


def _as_indexed(cells: list[str]) -> re.Pattern:
    """The cells as Material's search index holds them: escaped, in order, with any whitespace between words."""
    pieces = [r"\s+".join(re.escape(word) for word in html.escape(cell, quote=False).split()) for cell in cells]
    return re.compile(r"\s*".join(piece for piece in pieces if piece))


def _readable(headers: list[str], rows: list[list[str]]) -> str:
    lines = ("; ".join(f"{header}: {cell}" if header else cell for header, cell in zip(headers, row) if cell)
             for row in rows)
    return "".join(f"<p>{html.escape(line, quote=False)}.</p>" for line in lines)


def _page_file(site_dir: Path, location: str) -> Path:
    path = location.split("#")[0]
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


def readable_table_rows(index: dict, site_dir: Path) -> None:
    """Rewrite each table in the entries of Material's search index as one line per row, each cell named by its column."""
    for location in sorted({entry["location"].split("#")[0] for entry in index["docs"]}):
        page = _page_file(site_dir, location)
        if not page.is_file():
            continue
        for table in lxml_html.fromstring(page.read_bytes()).iter("table"):
            headers = [_cell_text(cell) for cell in table.xpath("./thead/tr/th")]
            rows = [[_cell_text(cell) for cell in row.xpath("./td")] for row in table.xpath("./tbody/tr")]
            run_on = _as_indexed(headers + [cell for row in rows for cell in row])
            readable = _readable(headers, rows)
            for entry in index["docs"]:
                if entry["location"].split("#")[0] == location:
                    entry["text"] = run_on.sub(lambda _: readable, entry["text"], count=1)  # noqa: B023 - called at once
