"""A rebuild replaces only what the previous build made: files someone added to the output folder are kept."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from pathlib import Path

import pytest

import generator.manifest
import generator.publish
from generator.manifest import MARKER, write_manifest
from generator.pipeline import build
from tests.conftest import TEMPLATES
from tests.hostile.conftest import facts_data, notices, tree_digest, write_facts
from tests.site.conftest import project_copy, set_plugin_option  # noqa: F401 (a fixture)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

SECOND_NOTICE = "staff"


def _add_deploy_files(out: Path) -> dict[str, str]:
    """What a school adds beside a build to publish it: a git checkout, a domain name, a verification file."""
    (out / ".git" / "objects" / "ab").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (out / ".git" / "objects" / "ab" / "cdef0123").write_bytes(bytes(range(256)))
    (out / ".git" / "refs").mkdir()  # an empty folder is kept too
    (out / "CNAME").write_text("privacy.oakmoor.example\n", "utf-8")
    (out / "google1234.html").write_text("google-site-verification: google1234.html", "utf-8")
    return {path: digest for path, digest in tree_digest(out).items()
            if path.startswith(".git/") or path in ("CNAME", "google1234.html")}


def _kept(out: Path, added: dict[str, str]) -> dict[str, str]:
    return {path: digest for path, digest in tree_digest(out).items() if path in added}


@pytest.fixture
def two_notices(tmp_path: Path) -> Path:
    files = facts_data()
    files[f"{SECOND_NOTICE}.yaml"] = {**files["pupils.yaml"], "title": "How we use staff information"}
    return write_facts(tmp_path / "notices", files)


def test_a_rebuild_keeps_a_git_checkout_and_cname_byte_for_byte_and_drops_a_removed_notice(two_notices: Path,
                                                                                          tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert notices("build", "--facts", str(two_notices), "--out", str(out), "--format", "md,html").exit_code == 0
    added = _add_deploy_files(out)
    (out / "hill" / "notes.txt").write_text("kept beside the built notices", "utf-8")
    os.remove(two_notices / f"{SECOND_NOTICE}.yaml")
    result = notices("build", "--facts", str(two_notices), "--out", str(out), "--format", "md,html")
    assert result.exit_code == 0, result.output
    assert _kept(out, added) == added
    assert (out / ".git" / "refs").is_dir()
    assert (out / "hill" / "notes.txt").read_text("utf-8") == "kept beside the built notices"
    assert sorted(path for path in tree_digest(out) if path.startswith("hill/")) == [
        "hill/notes.txt", "hill/pupils.html", "hill/pupils.md"]


def test_a_file_added_where_the_build_now_writes_is_named_and_nothing_changes(two_notices: Path,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "dist"
    staff = (two_notices / f"{SECOND_NOTICE}.yaml").read_text("utf-8")
    os.remove(two_notices / f"{SECOND_NOTICE}.yaml")
    assert notices("build", "--facts", str(two_notices), "--out", str(out), "--format", "md").exit_code == 0
    (out / "hill" / f"{SECOND_NOTICE}.md").write_text("the office's own draft", "utf-8")
    before = tree_digest(out)
    (two_notices / f"{SECOND_NOTICE}.yaml").write_text(staff, "utf-8")
    result = notices("build", "--facts", str(two_notices), "--out", str(out), "--format", "md")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: {out} holds files that the build did not make where it now writes its own: hill/staff.md. "
        f"Move or rename them, and build again; {out} was left as it was.")
    assert tree_digest(out) == before


def _kill_this_process(*_arguments) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("point", ["while keeping the added files", "before the swap"])
def test_a_build_killed_after_taking_the_added_files_along_leaves_everything_as_it_was(two_notices: Path,
                                                                                     tmp_path: Path, monkeypatch,
                                                                                     point: str) -> None:
    out = tmp_path / "dist"
    build(two_notices, out, TEMPLATES, ["md"])
    added = _add_deploy_files(out)
    before = tree_digest(out)
    os.remove(two_notices / f"{SECOND_NOTICE}.yaml")
    if point == "before the swap":
        monkeypatch.setattr(generator.publish, "_swap", _kill_this_process)
    else:  # half the files linked into the new folder
        linked = []
        real_link = os.link
        monkeypatch.setattr(generator.manifest.os, "link", lambda *arguments, **options: (
            linked.append(1), _kill_this_process() if len(linked) == 2 else real_link(*arguments, **options)))
    child = multiprocessing.get_context("fork").Process(target=build, args=(two_notices, out, TEMPLATES, ["md"]))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    monkeypatch.undo()
    assert tree_digest(out) == before
    build(two_notices, out, TEMPLATES, ["md"])  # the next build clears away the killed one's folder
    assert _kept(out, added) == added
    assert sorted(path for path in tree_digest(out) if path not in added) == [MARKER, "hill/pupils.md"]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".dist")] == []


def test_a_folder_from_before_the_list_of_made_files_is_replaced_whole(two_notices: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    (out / "hill").mkdir(parents=True)
    (out / "hill" / "old.md").write_text("from an older version", "utf-8")
    (out / MARKER).write_text("Made by 'notices build'. This folder is replaced on every build.\n", "utf-8")
    assert notices("build", "--facts", str(two_notices), "--out", str(out), "--format", "md").exit_code == 0
    assert sorted(tree_digest(out)) == [MARKER, "hill/pupils.md", f"hill/{SECOND_NOTICE}.md"]


def test_the_list_leaves_out_what_mkdocs_kept(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "index.html").write_text("<p>built</p>", "utf-8")
    write_manifest(tmp_path, leave_out=frozenset({".git"}))
    assert re.findall(r'"made": \[\n  "(.*)"\n \]', (tmp_path / MARKER).read_text("utf-8")) == ["index.html"]


def test_a_rebuilt_website_keeps_its_git_checkout_and_cname(project_copy: Path) -> None:  # noqa: F811
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("cache: .notices-cache", 'cache: ""'), "utf-8")
    set_plugin_option(config, "formats", "[json]")
    site = project_copy / "mysite"
    command = ("site", "--config", str(config), "--out", str(site))
    assert notices(*command).exit_code == 0
    added = _add_deploy_files(site)
    (project_copy / "notices" / "children-in-need.yaml").unlink()
    result = notices(*command)
    assert result.exit_code == 0, result.output
    assert _kept(site, added) == added
    assert not [path for path in tree_digest(site) if "children-in-need" in path]
