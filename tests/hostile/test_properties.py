"""Any Unicode in any text field: it loads and shows as written, escaped, or it is refused plainly."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import FactErrors
from generator.facts.links import is_plain, rendered_link_problems
from generator.project import load_project
from generator.render.formats import RenderContext, all_formats
from generator.render.text import capfirst, in_sentence
from tests.conftest import TEMPLATES, straight_quotes
from tests.hostile.conftest import (
    NOTICE_ID,
    SCHOOL_ID,
    SECTION_BODY_FIELD,
    SHOWN_FIELDS,
    assert_inert_html,
    facts_data,
    flat,
    markdown_page,
    notices,
    output_file,
    set_value,
    visible_text,
    write_facts,
)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

AWKWARD = st.sampled_from([
    "\u202eevil\u202c", "שלום עולם", "مرحبا", "👩‍👩‍👧 🏫", "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\u2028", "\ufeff",
    ": ", " #", "- ", "&anchor", "*alias", "!!python/object", "|", ">", "'", '"', "%YAML", "@", "`", "~", "null",
    "yes", "no", "1.", "---", "...", "{{ 7*7 }}", "{%", "{: onclick=x }", "<script>", "[x](javascript:1)", "&amp;",
    "\\", "_", "*", "#", "|", "1) ", "+ ", "= ", "\u00a0", "\u200b",
])
TEXT = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
        AWKWARD,
        st.builds(lambda piece, times: piece * times, AWKWARD, st.integers(100, 3000)),  # very long lines
    ),
    max_size=6,
).map("".join)
# The notice's own formats that render without Typst or Word; the documents made from the facts (the record,
# the schedule, forms, letters) are rendered from several notices and tested in tests/render/formats/.
FAST_FORMATS = sorted(name for name, output_format in all_formats().items()
                      if not output_format.slow and output_format.document is None and output_format.audit is None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def _facts_with(field: tuple[str, tuple], value: str) -> Iterator[Path]:
    """A facts folder with ``value`` in ``field``, removed afterwards (hypothesis makes hundreds)."""
    files = facts_data()
    set_value(files, field, value)
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        yield write_facts(Path(folder) / "notices", files)


def _load_or_refuse(facts: Path) -> list[ResolvedNotice] | None:
    """The notices, or None when the facts were refused with located, worded errors."""
    try:
        notices_loaded = load_project(facts).notices
    except FactErrors as problems:
        event(f"refused: {problems.errors[0].code}")
        assert problems.errors
        for error in problems.errors:
            assert error.location.file and error.message.strip(), error
            assert "Traceback" not in str(error)
        return None
    event("loaded")
    return notices_loaded


def _as_shown(value: str) -> str:
    """What a reader should see: control characters dropped, runs of whitespace as one space."""
    return flat(_CONTROL.sub("", value))


@PROPERTY
@given(field=st.sampled_from(SHOWN_FIELDS), value=TEXT)
@example(field=("organisation.yaml", ("name",)), value="- " * 1200 + "x")  # once crashed the Markdown parser
@example(field=("pupils.yaml", ("summary",)), value="1. This was a numbered list")
@example(field=("pupils.yaml", ("title",)), value='Pupils {: onclick="alert(1)" }')
@example(field=("pupils.yaml", ("categories", 0, "name")), value="===")
def test_any_text_in_a_field_is_shown_as_written_or_refused(field, value: str) -> None:
    with _facts_with(field, value) as facts:
        loaded = _load_or_refuse(facts)
    if loaded is None:
        return
    (notice,) = loaded
    context = RenderContext(templates=TEMPLATES)
    for name in FAST_FORMATS:
        output_format = all_formats()[name]
        content = output_format.render(notice, context)
        text = flat(visible_text(output_format, content))
        # Data formats keep the value exactly; documents drop control characters and spare whitespace, and
        # show quotes and apostrophes curled.
        expected = flat(value) if output_format.suffix == ".json" else _as_shown(value)
        if output_format.suffix != ".json":
            text, expected = straight_quotes(text), straight_quotes(expected)
        # The template may start a table cell or sentence with a capital ("until 25" -> "Until 25"), and write a
        # fact's first word in lower case inside a sentence ("The police" -> "the police").
        assert any(shown in text for shown in (expected, capfirst(expected), in_sentence(expected))), \
            f"{name} does not show {value!r} as written"
        if name in ("md", "html", "fragment"):
            page = content.decode("utf-8")
            assert_inert_html(page if name != "md" else markdown_page(content), name)


@PROPERTY
@given(value=TEXT)
@example(value="- " * 1200 + "x")
def test_any_text_in_a_free_section_renders_inert_or_is_refused(value: str) -> None:
    with _facts_with(SECTION_BODY_FIELD, value) as facts:
        loaded = _load_or_refuse(facts)
    if loaded is None:
        return
    (notice,) = loaded
    context = RenderContext(templates=TEMPLATES)
    for name in ("md", "html", "fragment"):
        content = all_formats()[name].render(notice, context)
        assert_inert_html(content.decode("utf-8") if name != "md" else markdown_page(content), name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from([*SHOWN_FIELDS, SECTION_BODY_FIELD]), value=TEXT)
def test_the_json_notice_reads_back_as_the_resolved_facts(field, value: str) -> None:
    with _facts_with(field, value) as facts:
        loaded = _load_or_refuse(facts)
        out = facts.parent / "dist"
        # Some values empty a fact the checker requires (the controller's name): published marked incomplete.
        result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "json", "--publish-incomplete")
        # A character no font of the PDFs prints is refused even so (L.printable): check refuses it too.
        if loaded is None or "L.printable" in result.output:
            assert result.exit_code == 1 and "Traceback" not in result.output
            return
        assert result.exit_code == 0, result.output
        document = json.loads(output_file(out, all_formats()["json"], SCHOOL_ID, NOTICE_ID).read_text("utf-8"))
    (original,) = loaded
    read_back = ResolvedNotice.model_validate(document).model_dump(exclude={"incomplete"})
    assert read_back == original.model_dump(exclude={"incomplete"})


MARKDOWN_PIECES = st.sampled_from([
    "- ", "+ ", "* ", "1. ", "2) ", "    ", "\t", "> ", "#", "[", "]", "(", ")", "<", ">", "!", "`", "*", "_",
    "|", "{", "}", "\\", "=", "---", "http://x.test", "javascript:", "mailto:", "a", "word ", "\n", "\n\n", ":",
    "<https://x.test/a>", "<https:///x>", "<mailto:a@b.test>", "<tel:123>", "<https://", "https://", "/", "@",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=30).map("".join))
@example("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x")
@example("1. 2. 3. 4. 5. 6. 7. 8. 9. 10. 11. 12. 13. 14. 15. 16. 17. 18. 19. 20. 21. 22. 23. 24. 25. x")
def test_text_passed_as_plain_without_rendering_has_no_link_and_no_deep_nesting(text: str) -> None:
    # Loading skips rendering free text that looks plain; rendering it must find nothing either.
    if is_plain(text):
        assert rendered_link_problems(text) == []
