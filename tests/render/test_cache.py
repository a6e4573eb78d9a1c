"""Incremental builds: a file comes from the cache only when nothing it is made from changed, and only as the bytes
that passed the audit; the cache is the user's own, outside the repository."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import generator.pipeline
from generator.check import AuditFailed
from generator.diff.review_report import NO_CHANGES
from generator.pipeline import build
from generator.render.cache import RECORDS, SECRET, TAG, project_folder
from generator.render.pdf_text import pdf_text
from generator.site.build_site import SiteFailed, build_site
from tests.conftest import FIXTURES, NOTICES_COMMAND, TEMPLATES, keep_only_notice, notices as run_notices
from tests.diff.test_acceptance import diff
from tests.hostile.conftest import notices, tree_digest
from tests.site.conftest import project_copy, set_plugin_option  # noqa: F401 (a fixture)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

SLOW_FORMATS = ["pdf", "docx", "booklet", "md"]


@pytest.fixture
def trust(example_copy: Path, tmp_path: Path) -> dict[str, Path]:
    """Two schools' facts, a copy of the templates and a cache folder, all of the test's own."""
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", example_copy / "schools" / "regis.yaml")
    keep_only_notice(example_copy)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    return {"facts": example_copy, "templates": templates, "cache": tmp_path / ".notices-cache",
            "out": tmp_path / "dist"}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The output files each build really renders (the rest come from the cache), as school/file."""
    renders: list[str] = []
    real = generator.pipeline._render_slow

    def recording(jobs, *args, **kwargs):
        renders.extend(path.as_posix() for _, _, path in jobs)
        return real(jobs, *args, **kwargs)

    monkeypatch.setattr(generator.pipeline, "_render_slow", recording)
    return renders


def run(trust: dict[str, Path]) -> dict[str, str]:
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent,
          cache_folder=trust["cache"])
    return {path.relative_to(trust["out"]).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(trust["out"].rglob("*")) if path.is_file()}


ALL_SLOW = ["oakmoor/booklet.pdf", "oakmoor/children-in-need.docx", "oakmoor/children-in-need.pdf",
            "regis/booklet.pdf", "regis/children-in-need.docx", "regis/children-in-need.pdf"]


def test_an_unchanged_rebuild_renders_nothing_and_gives_the_same_bytes(trust, rendered) -> None:
    first = run(trust)
    assert sorted(rendered) == ALL_SLOW
    rendered.clear()
    second = run(trust)
    assert rendered == []
    assert second == first


def test_editing_one_school_rebuilds_only_that_schools_files(trust, rendered) -> None:
    first = run(trust)
    regis = trust["facts"] / "schools" / "regis.yaml"
    regis.write_text(regis.read_text("utf-8").replace("01632 960123", "01632 960999"), "utf-8")
    rendered.clear()
    second = run(trust)
    assert sorted(rendered) == ["regis/booklet.pdf", "regis/children-in-need.docx", "regis/children-in-need.pdf"]
    changed = sorted(path for path in first if first[path] != second[path])
    assert [path for path in changed if path.startswith("oakmoor/")] == []
    assert "regis/children-in-need.pdf" in changed
    assert "01632 960999" in pdf_text((trust["out"] / "regis" / "children-in-need.pdf").read_bytes())


def test_a_new_logo_rebuilds_the_files_that_print_it_and_only_those(trust, rendered) -> None:
    first = run(trust)
    # Oakmoor prints its own logo; Regis, which has none, the trust's. The logo is no part of a notice's JSON.
    (trust["facts"] / "brand" / "oakmoor-logo.png").write_bytes((trust["facts"] / "brand" / "trust-logo.png").read_bytes())
    rendered.clear()
    second = run(trust)
    assert sorted(rendered) == ["oakmoor/booklet.pdf", "oakmoor/children-in-need.docx", "oakmoor/children-in-need.pdf"]
    changed = sorted(path for path in first if first[path] != second[path])
    assert changed == ["oakmoor/booklet.pdf", "oakmoor/children-in-need.docx", "oakmoor/children-in-need.pdf"]


def test_changing_a_template_rebuilds_every_pdf(trust, rendered) -> None:
    run(trust)
    layout = trust["templates"] / "notice.typ"
    layout.write_text(layout.read_text("utf-8").replace("#let body-size = 11pt", "#let body-size = 12pt", 1), "utf-8")
    rendered.clear()
    run(trust)
    assert sorted(rendered) == ALL_SLOW


def test_a_template_edit_reaches_every_pdf_the_cache_held(trust) -> None:
    run(trust)
    template = trust["templates"] / "notice.md.j2"
    text = template.read_text("utf-8")
    template.write_text(text.rstrip("\n") + "\n\nPrinted from the edited template.\n", "utf-8")
    run(trust)
    for pdf in sorted(trust["out"].rglob("*.pdf")):
        assert "Printed from the edited template." in pdf_text(pdf.read_bytes()), pdf


def test_the_cache_is_safe_to_delete(trust, rendered) -> None:
    first = run(trust)
    shutil.rmtree(trust["cache"])
    rendered.clear()
    assert run(trust) == first
    assert sorted(rendered) == ALL_SLOW


def test_no_cache_folder_renders_everything_every_time(trust, rendered) -> None:
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent)
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent)
    assert sorted(rendered) == sorted(ALL_SLOW * 2)
    assert not trust["cache"].exists()


def test_a_file_that_fails_the_audit_is_never_served_from_the_cache(trust, rendered) -> None:
    run(trust)
    layout = trust["templates"] / "notice.typ"
    layout.write_text(layout.read_text("utf-8").replace("blocks(chapter.body)", "[Nothing here.]"), "utf-8")
    for _ in range(2):
        rendered.clear()
        with pytest.raises(AuditFailed):
            run(trust)
        assert "oakmoor/children-in-need.pdf" in rendered


SOMEONES_FILES = {"pdf/ab/CV.pdf": b"%PDF-1.7 my CV", "notes.txt": b"meeting notes",
                  "md/cd/" + "cd" + "0" * 62: b"a file that happens to look like an entry",
                  "holiday.pdf": b"%PDF-1.7 tickets"}


def _someones_folder(folder: Path) -> dict[str, str]:
    for name, content in SOMEONES_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return tree_digest(folder)


def test_a_cache_folder_of_someones_files_is_refused_and_nothing_in_it_is_deleted(trust) -> None:
    before = _someones_folder(trust["cache"])
    result = notices("build", "--facts", str(trust["facts"]), "--templates", str(trust["templates"]),
                     "--out", str(trust["out"]), "--format", "md,pdf", "--cache", str(trust["cache"]))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: {trust['cache']} already holds files that the notices cache did not make (no CACHEDIR.TAG file "
        "in it), and a cache removes the files it no longer needs. Choose an empty or new folder for the cache, "
        "or delete this one yourself if it is safe to.")
    assert tree_digest(trust["cache"]) == before
    assert not trust["out"].exists()


def test_a_cache_named_in_mkdocs_yml_holding_someones_files_is_refused_and_nothing_is_deleted(project_copy,  # noqa: F811 - the fixture imported above
                                                                                              caplog) -> None:
    someone = project_copy / "someone"
    before = _someones_folder(someone)
    config = set_plugin_option(project_copy / "mkdocs.yml", "cache", "someone")
    result = notices("site", "--config", str(config), "--out", str(project_copy / "site"))
    assert result.exit_code == 1
    assert f"{someone} already holds files that the notices cache did not make" in caplog.text  # MkDocs logs it
    assert tree_digest(someone) == before
    assert not (project_copy / "site").exists()


def test_clean_up_removes_only_files_the_cache_names_itself(trust) -> None:
    run(trust)
    stale = trust["cache"] / "pdf" / "ab" / ("ab" + "1" * 62)
    leftovers = [stale, stale.with_suffix(".pending"), stale.parent / ".writing-abcd1234"]
    stale.parent.mkdir(exist_ok=True)
    for path in leftovers:
        path.write_bytes(b"from an earlier build")
    for name, content in SOMEONES_FILES.items():  # put there by hand into a folder the cache made
        (trust["cache"] / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        (trust["cache"] / "pdf" / name).write_bytes(content)
    run(trust)
    assert [path for path in leftovers if path.exists()] == []
    assert {name: (trust["cache"] / "pdf" / name).read_bytes() for name in SOMEONES_FILES} == SOMEONES_FILES


ROUNDS = 10
ROUNDS_WITH_PDF = 2  # PDFs take most of a build's time: two rounds of ten are enough to cover them


def _round_formats(round_number: int) -> str:
    return "md,html,json,pdf" if round_number < ROUNDS_WITH_PDF else "md,html,json"


def _fresh_cache(project: Path, formats: str, folder: Path) -> dict[str, str]:
    """The files of a cache that one build alone filled: what a shared cache must hold after any number of builds."""
    if not folder.exists():
        build(project / "notices", folder / "dist", project / "templates", formats.split(","),
              project_root=folder, cache_folder=folder / "cache")
    return _entries_digest(folder / "cache")


def _entries_digest(cache: Path) -> dict[str, str]:
    """The cache's files, with each entry checked against its record (two caches never share a secret)."""
    secret, records = (cache / SECRET).read_bytes(), json.loads((cache / RECORDS).read_text("utf-8"))
    entries = {name: digest for name, digest in tree_digest(cache).items() if name not in (SECRET, RECORDS)}
    for name in entries:
        if name != TAG:
            format_name, _, key = name.split("/")
            expected = hmac.new(secret, f"{format_name}/{key}\0".encode() + (cache / name).read_bytes(), "sha256")
            assert records.pop(f"{format_name}/{key}") == expected.hexdigest(), f"{name} has no true record"
    assert records == {}, "records of files that are not there"
    return entries


def _build_command(project: Path, formats: str, cache: Path, out: Path) -> list[str]:
    return [NOTICES_COMMAND, "build", "--facts", str(project / "notices"), "--templates", str(project / "templates"),
            "--format", formats, "--cache", str(cache), "--out", str(out)]


def _site_command(project: Path, formats: str, cache: Path, out: Path) -> list[str]:
    config = project / "mkdocs.yml"
    set_plugin_option(config, "formats", f"[{formats}]")
    set_plugin_option(config, "cache", str(cache))
    return [NOTICES_COMMAND, "site", "--config", str(config), "--out", str(out)]


@pytest.mark.parametrize("beside", [_build_command, _site_command], ids=["beside a build", "beside a website build"])
def test_builds_side_by_side_on_one_cold_cache_all_succeed_and_leave_it_sound(project_copy, tmp_path, beside) -> None:  # noqa: F811 - the fixture imported above
    for round_number in range(ROUNDS):
        formats = _round_formats(round_number)
        cache = tmp_path / f"cache-{round_number}"
        # The website offers fewer formats for download: each one is in the build's cache too.
        side_formats = "json,pdf" if "pdf" in formats else "json"
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for command in (_build_command(project_copy, formats, cache, tmp_path / "dist"),
                                     beside(project_copy, formats if beside is _build_command else side_formats,
                                            cache, tmp_path / "other"))]
        for process in processes:
            output, errors = process.communicate(timeout=300)
            assert process.returncode == 0, f"round {round_number + 1}: {output}{errors}"
        assert _entries_digest(cache) == _fresh_cache(project_copy, formats, tmp_path / f"fresh-{formats}"), \
            f"round {round_number + 1}: the shared cache differs from one filled by a single build"


# What a hostile contributor or a stray edit could leave in a cache: HTML that runs a script on the
# site, a PDF altered under the trust's name.
TAMPERED = {"html": b"<p>Changed by hand.</p><script>alert(document.domain)</script>",
            "pdf": b"%PDF-1.7 a notice altered under the trust's name"}
REBUILT_PDFS = ["oakmoor/children-in-need.pdf", "regis/children-in-need.pdf"]


def _entries(cache: Path, format_name: str) -> list[Path]:
    return sorted(path for path in (cache / format_name).glob("*/*") if path.is_file())


def _tamper(cache: Path) -> list[Path]:
    """Every HTML and PDF entry of ``cache`` replaced by other bytes, under its own name."""
    tampered = [path for format_name in TAMPERED for path in _entries(cache, format_name)]
    for path in tampered:
        path.write_bytes(TAMPERED[path.parts[-3]])
    return tampered


def _built(trust: dict[str, Path], cache: Path) -> dict[str, bytes]:
    """The HTML and PDF of each school's notice, built with ``cache``."""
    build(trust["facts"], trust["out"], trust["templates"], list(TAMPERED), project_root=trust["out"].parent,
          cache_folder=cache)
    return {path.relative_to(trust["out"]).as_posix(): path.read_bytes()
            for path in sorted(trust["out"].rglob("*")) if path.is_file()}


def _tampered_warning(path: Path) -> str:
    return (f"warning: the cached file {path} is not the one the build made and audited (it was changed or put "
            "there by hand): it is not used, and is rendered and audited again.")


def test_an_edited_cached_html_or_pdf_is_rebuilt_and_audited_not_published(trust, rendered, capsys) -> None:
    first = _built(trust, trust["cache"])
    tampered = _tamper(trust["cache"])
    assert len(tampered) == 4
    capsys.readouterr()
    rendered.clear()
    assert _built(trust, trust["cache"]) == first
    assert sorted(rendered) == REBUILT_PDFS
    warnings = capsys.readouterr().err.splitlines()
    assert sorted(warnings) == sorted(_tampered_warning(path) for path in tampered)
    rendered.clear()
    assert _built(trust, trust["cache"]) == first  # the rebuilt entries are trusted again
    assert rendered == []
    assert capsys.readouterr().err == ""


def test_entries_planted_under_their_right_names_with_forged_records_are_not_published(trust, capsys) -> None:
    first = _built(trust, trust["cache"])
    tampered = _tamper(trust["cache"])
    forger = os.urandom(32)  # a secret of the planter's own: the cache's never leaves the machine
    records = {f"{path.parts[-3]}/{path.name}": hmac.new(forger, f"{path.parts[-3]}/{path.name}\0".encode()
                                                          + path.read_bytes(), "sha256").hexdigest()
               for path in tampered}
    (trust["cache"] / RECORDS).write_text(json.dumps(records), "utf-8")
    capsys.readouterr()
    assert _built(trust, trust["cache"]) == first
    assert sorted(capsys.readouterr().err.splitlines()) == sorted(_tampered_warning(path) for path in tampered)


def test_a_folder_of_planted_entries_with_no_secret_is_never_served(trust, tmp_path, capsys) -> None:
    first = _built(trust, trust["cache"])
    planted = tmp_path / "planted"
    for path in _entries(trust["cache"], "html") + _entries(trust["cache"], "pdf"):
        (planted / path.relative_to(trust["cache"])).parent.mkdir(parents=True, exist_ok=True)
        (planted / path.relative_to(trust["cache"])).write_bytes(TAMPERED[path.parts[-3]])
    capsys.readouterr()
    assert _built(trust, planted) == first
    assert capsys.readouterr().err.splitlines() == [
        f"warning: the cache {planted}/ holds files with no record that they passed the audit (made by an earlier "
        "version of the tool, or put there by hand): none is used, each is rendered and audited again."]


def _git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, text=True).stdout


def _committed(folder: Path) -> None:
    """``folder`` as a git repository whose one commit holds everything in it, ignored files too."""
    if not (folder / ".git").exists():
        _git(folder, "init", "-q", "-b", "main")
        _git(folder, "config", "user.email", "test@example.org")
        _git(folder, "config", "user.name", "Test")
    _git(folder, "add", "-A", "-f")
    _git(folder, "commit", "-q", "-m", "as a pull request would commit it")


def test_a_cache_folder_that_git_tracks_is_refused(trust, tmp_path) -> None:
    _built(trust, trust["cache"])
    committed = trust["facts"] / ".notices-cache"
    shutil.copytree(trust["cache"], committed)  # every file a genuine cache holds, its secret too
    _committed(trust["facts"])
    shutil.rmtree(trust["out"])
    result = notices("build", "--facts", str(trust["facts"]), "--templates", str(trust["templates"]),
                     "--out", str(trust["out"]), "--format", "html,pdf", "--cache", str(committed))
    assert result.exit_code == 1
    assert result.output.startswith(
        f"error: {committed} holds {len(tree_digest(committed))} file(s) that git tracks (the first is "
        ".notices-cache/CACHEDIR.TAG): a cache must not be part of the repository, where anyone who changes the "
        "repository could change what is published. Leave out --cache (and 'cache:' in mkdocs.yml) to use your "
        f"own cache folder, outside the repository, and take the files out of git with: git rm -r --cached "
        f"{committed}\n  see ")
    assert result.output.rstrip().endswith("refuses.md#the-cache-folder")
    assert not trust["out"].exists()


def _downloads(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted((site / "downloads").rglob("*"))
            if path.is_file()}


def test_a_committed_or_tampered_cache_changes_neither_the_site_nor_the_review(project_copy, tmp_path, capsys,  # noqa: F811 - the fixture imported above
                                                                                 monkeypatch) -> None:
    """The attack of the issue: a pull request adds cached files under the names a build looks for."""
    keep_only_notice(project_copy / "notices")
    config = project_copy / "mkdocs.yml"
    set_plugin_option(config, "formats", "[html, pdf]")
    _committed(project_copy)
    first = _downloads(build_site(config, tmp_path / "first"))
    cache = project_folder(project_copy / "notices")
    assert cache.is_dir() and not (project_copy / ".notices-cache").exists()

    committed = project_copy / ".notices-cache"  # where the cache was before, planted with its names
    for path in _entries(cache, "html") + _entries(cache, "pdf"):
        (committed / path.relative_to(cache)).parent.mkdir(parents=True, exist_ok=True)
        (committed / path.relative_to(cache)).write_bytes(TAMPERED[path.parts[-3]])
    _committed(project_copy)
    tampered = _tamper(cache)  # and the user's own cache edited
    assert len(tampered) == 2 * len(list(committed.glob("html/*/*"))) > 0
    capsys.readouterr()
    assert _downloads(build_site(config, tmp_path / "second")) == first
    assert sorted(capsys.readouterr().err.splitlines()) == sorted(_tampered_warning(path) for path in tampered)
    result = diff(type("Repo", (), {"root": project_copy}), "main~1")
    assert (result.exit_code, result.output) == (0, NO_CHANGES + "\n")

    monkeypatch.setenv("NOTICES_CACHE", str(committed))  # a workflow pointed at the committed folder
    with pytest.raises(SiteFailed):
        build_site(config, tmp_path / "third")
    assert not (tmp_path / "third").exists()


def test_by_default_each_project_has_its_own_cache_in_the_users_cache_folder(trust, tmp_path, user_cache,
                                                                             rendered) -> None:
    other = tmp_path / "other-trust" / "notices"
    shutil.copytree(trust["facts"], other)
    folders = []
    for facts in (trust["facts"], other):
        result = run_notices("build", "--facts", str(facts), "--templates", str(trust["templates"]),
                             "--out", str(facts.parent / "dist"), "--format", "md,pdf")  # no --cache
        assert result.exit_code == 0, result.output
        shown = notices("cache", "--facts", str(facts))
        folders.append(Path(shown.output.strip()))
    assert folders[0] != folders[1]
    for folder in folders:
        assert folder.parent == user_cache / "privacy-notices" and len(_entries(folder, "pdf")) == 2
        assert oct((folder / SECRET).stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.rglob(TAG))  # nothing in either project

    (folders[0] / "pdf" / "notes.txt").write_text("someone's", "utf-8")
    assert notices("cache", "--facts", str(trust["facts"]), "--clear").output == \
        f"Removed 4 cached files from {folders[0]}/.\n"
    assert sorted(path.relative_to(folders[0]).as_posix() for path in folders[0].rglob("*") if path.is_file()) \
        == [TAG, "pdf/notes.txt", SECRET]
    assert len(_entries(folders[1], "pdf")) == 2  # the other project's cache is its own
