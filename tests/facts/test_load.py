"""Fact file names that cannot become pages or files: reserved names, and names too long for a file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.models import ID_MAX_LENGTH
from generator.render.formats import all_formats
from tests.conftest import notices
from tests.facts.conftest import refused

FILE_NAME_BYTES = 255  # the longest file name ext4, APFS and NTFS allow


def test_a_notice_called_index_is_refused_because_it_would_hide_the_school_page(example_copy: Path) -> None:
    (example_copy / "index.yaml").write_text((example_copy / "children-in-need.yaml").read_text("utf-8"), "utf-8")
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.endswith("index.yaml:1:1: cannot be a notice: 'index' is the name of each school's own page. "
                          "Rename the file after what the notice is about, e.g. 'pupils.yaml'.")
    assert "Traceback" not in result.output


def test_a_notice_called_booklet_is_refused_because_the_site_serves_the_booklet_for_it(example_copy: Path) -> None:
    (example_copy / "booklet.yaml").write_text((example_copy / "children-in-need.yaml").read_text("utf-8"), "utf-8")
    where, first = refused(example_copy)
    assert (where["file"], where["line"], where["column"]) == ("booklet.yaml", "1", "1")
    assert first.endswith("cannot be a notice: 'booklet' is the name of each school's booklet (booklet.pdf). "
                          "Rename the file after what the notice is about, e.g. 'pupils.yaml'.")


@pytest.mark.parametrize("folder", [".", "schools"])
def test_a_file_name_too_long_for_an_id_is_refused(example_copy: Path, folder: str) -> None:
    original = example_copy / ("children-in-need.yaml" if folder == "." else "schools/oakmoor.yaml")
    long_name = "-".join(["children-in-need"] * 14 + ["more"])  # 242 characters: too long with '.fragment.html'
    original.rename(example_copy / folder / f"{long_name}.yaml")
    where, first = refused(example_copy)
    assert (where["file"], where["line"], where["column"]) == (f"{folder}/{long_name}.yaml".removeprefix("./"), "1", "1")
    assert first.endswith(f"has a file name of 242 characters before '.yaml'; an id has {ID_MAX_LENGTH} at most. "
                          "Shorten the file name: it becomes the id in the name of every file and web address made "
                          "from it.")


def test_the_longest_ids_leave_every_output_file_name_room_for_a_temporary_suffix() -> None:
    longest = "a" * ID_MAX_LENGTH
    for output_format in all_formats().values():
        name = output_format.output_path(longest, longest).name
        assert len(name.encode()) + 100 <= FILE_NAME_BYTES, output_format.name
