"""The notice's HTML read into the nodes the print template lays out: text stays text, headings in order."""

from __future__ import annotations

from generator.render.document_tree import document_nodes


def test_text_stays_a_string_with_whitespace_as_a_reader_sees_it() -> None:
    (paragraph,) = document_nodes("<p>  #set  page(width: 1cm)\n <strong>$x$ </strong> @ref  </p>")
    assert paragraph == {"kind": "paragraph", "body": [
        "#set page(width: 1cm) ", {"kind": "strong", "body": ["$x$ "]}, "@ref"]}


def test_headings_never_skip_a_level_after_the_title() -> None:
    nodes = document_nodes('<h1 id="notice-title">T</h1><h2 id="a">A</h2><h5>Deep</h5><h1>Again</h1>')
    assert [(node["level"], node["id"]) for node in nodes] == [(1, "notice-title"), (2, "a"), (3, None), (2, None)]


def test_links_go_only_to_the_web_email_phone_or_an_anchor_the_notice_has() -> None:
    (paragraph,) = document_nodes(
        '<p id="here"><a href="https://example.org">web</a> <a href="#here">up</a> <a href="#nowhere">lost</a> '
        '<a href="javascript:alert(1)">script</a> <a href="mailto:a@example.org">mail</a></p>', id_prefix="n--")
    links = [node["href"] for node in paragraph["body"] if isinstance(node, dict)]
    assert links == ["https://example.org", "#n--here", "mailto:a@example.org"]
    assert "lost" in paragraph["body"] and "script" in paragraph["body"]


def test_a_table_keeps_its_header_and_fills_short_rows() -> None:
    (table,) = document_nodes("<table><tr><th>Who</th><th>Why</th></tr><tr><td>DfE</td></tr></table>")
    assert table == {"kind": "table", "header": [["Who"], ["Why"]], "rows": [[["DfE"], []]]}


def test_a_list_item_holds_its_text_and_its_nested_list() -> None:
    (outer,) = document_nodes("<ul><li>one<ul><li>two</li></ul></li></ul>")
    (item,) = outer["items"]
    assert item == [{"kind": "paragraph", "body": ["one"]},
                    {"kind": "list", "ordered": False, "items": [[{"kind": "paragraph", "body": ["two"]}]]}]
