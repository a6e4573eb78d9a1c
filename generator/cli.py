"""The ``notices`` command: thin wrappers that call the library and turn results into exit codes."""

from __future__ import annotations

import datetime
import json
import logging
import os
import signal
import sys
import traceback
from functools import wraps
from pathlib import Path

import click
import jinja2
from mkdocs.commands.serve import serve as mkdocs_serve

from generator.build import build
from generator.check import audit_rendered, check_project, report
from generator.check.findings import sorted_findings
from generator.check.readability import grades_line, reading_grades
from generator.diff import REPORTS, load_side, review
from generator.errors import NoticesError
from generator.facts.errors import FactErrors, display_path
from generator.project import load_project
from generator.facts.schema import write_schemas
from generator.law.report import law_report
from generator.manual import write_references
from generator.render.cache import DEFAULT_FOLDER as DEFAULT_CACHE
from generator.scaffold import new_fact_file
from generator.site.build import build_site
from generator.library import library
from generator.library.adopt import adopt
from generator.site.docs_folder import write_pages
from generator.site.theme_support import end_of_life_note
from generator.starter import start_repository, tool_version

FACTS_OPTION = click.option(
    "--facts", "facts", type=click.Path(path_type=Path), default=Path("notices"), show_default=True,
    help="The folder of fact files.",
)
PUBLISH_INCOMPLETE_OPTION = click.option(
    "--publish-incomplete", is_flag=True,
    help="Publish notices the checker finds errors in, each marked as incomplete under its title "
         "(default: refuse them and publish nothing).",
)
TEMPLATES_OPTION = click.option(
    "--templates", type=click.Path(path_type=Path), default=Path("templates"), show_default=True,
    help="The folder of notice templates (and templates/fonts/, the fonts of the PDFs).",
)


def _comma_list(_ctx, _param, value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def _iso_date(_ctx, _param, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01.") from None


def _template_place(problem: jinja2.TemplateError) -> str:
    """'templates/notice.md.j2:83: ' when Jinja knows where in a template the problem is."""
    if isinstance(problem, jinja2.TemplateSyntaxError) and problem.filename:
        return f"{display_path(Path(problem.filename))}:{problem.lineno}: "
    frames = [frame for frame in traceback.extract_tb(problem.__traceback__) if frame.filename.endswith(".j2")]
    return f"{display_path(Path(frames[-1].filename))}:{frames[-1].lineno}: " if frames else ""


def handles_errors(command):
    """Print known problems as plain lines and exit 1; never show a traceback unless --debug."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except NoticesError as problem:
            problem.show()
            sys.exit(problem.exit_code)
        except jinja2.TemplateError as problem:  # templates/ is the user's to edit: their slip, not ours
            click.echo(f"{_template_place(problem)}template error: {problem}.", err=True)
            click.echo("Correct the template, or copy it back from the project's templates/ folder.", err=True)
            sys.exit(1)
        except click.exceptions.Exit:
            raise
        except Exception as problem:  # the edge: anything unexpected becomes one line, not a traceback
            if debug:
                traceback.print_exc()
            click.echo(f"internal error: {type(problem).__name__}: {problem}", err=True)
            click.echo("Run again with 'notices --debug ...' for details, and report it if it persists.", err=True)
            sys.exit(2)

    return wrapper


@click.group()
@click.option("--debug", is_flag=True, help="Show a full traceback on an internal error.")
@click.version_option(package_name="privacy-notices")
def main(debug: bool) -> None:
    """Privacy notices as code: check the facts, build the notices and the website."""
    signal.signal(signal.SIGTERM, _stop)


def _stop(signal_number: int, _frame) -> None:
    """SIGTERM (a cancelled CI job, a closed terminal) stops a build as Ctrl-C does: clean-up runs,
    the half-built folder goes, the previous output stays."""
    raise SystemExit(128 + signal_number)


@main.command()
@FACTS_OPTION
@click.option("--format", "report_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="The report: for people, as JSON, or as GitHub Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Judge the facts against the law in force on this day, and review dates too (default: today).")
@click.option("--rendered", type=click.Path(path_type=Path, exists=True, file_okay=False), metavar="DIR",
              help="Also audit the notices built into DIR: every required section present, in order, with its facts.")
@TEMPLATES_OPTION
@handles_errors
def check(facts: Path, report_format: str, strict: bool, today: datetime.date | None, rendered: Path | None,
          templates: Path) -> None:
    """Check the facts against UK GDPR Articles 13 and 14; exit 1 on any error (with --strict, any warning)."""
    try:
        project = load_project(facts)
    except FactErrors as problems:
        if report_format == "github":  # on the lines of the pull request too, not only in the log
            click.echo(report.github_fact_errors(problems.errors))
        raise
    notices = project.notices
    findings = check_project(project, today, templates)
    if rendered is not None:
        findings = sorted_findings(findings + audit_rendered(rendered, notices))
    schools = len({notice.variant.id for notice in notices})
    grades = reading_grades(project.tree.children)
    if report_format == "json":
        click.echo(report.json_report(findings, len(notices), schools, grades))
    elif report_format == "github":
        if findings:
            click.echo(report.github_report(findings))
    else:
        if findings:
            click.echo(report.text_report(findings))
        if grades:
            click.echo(grades_line(grades))
        click.echo(f"{facts}: {report.summary(findings, len(notices), schools)}")
    if any(finding.severity == "error" or strict for finding in findings):
        sys.exit(1)


@main.command(name="law")
@click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Say which changes are in force on this day (default: today).")
def law_command(today: datetime.date | None) -> None:
    """List the changes of the law the checker knows, newest first, with their dates and sources."""
    click.echo(law_report(today or datetime.date.today()))


@main.command(name="build")
@FACTS_OPTION
@TEMPLATES_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Where to write; replaced whole, and only once everything has built.")
@click.option("--format", "formats", callback=_comma_list, metavar="NAMES",
              help="Comma-separated formats to build, e.g. md,html (default: all).")
@click.option("--cache", "cache_folder", type=click.Path(path_type=Path), default=DEFAULT_CACHE, show_default=True,
              help="Where built files are kept to reuse when nothing they are made from changed; "
                   "safe to delete.")
@click.option("--no-cache", is_flag=True, help="Render every file again, and keep none.")
@PUBLISH_INCOMPLETE_OPTION
@handles_errors
def build_command(facts: Path, templates: Path, out: Path, formats: list[str] | None, cache_folder: Path,
                  no_cache: bool, publish_incomplete: bool) -> None:
    """Build every format of every notice for every school."""
    # A progress bar only for a person at a terminal: CI logs and pipes stay clean.
    progress = sys.stderr.isatty() and not os.environ.get("CI")
    result = build(facts, out, templates, formats, cache_folder=None if no_cache else cache_folder,
                   progress=progress, publish_incomplete=publish_incomplete)
    click.echo(f"Built {len(result.files)} files for {len(result.notices)} notices into {out}/.")


CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=Path("mkdocs.yml"), show_default=True, help="The website's settings.",
)


@main.command(name="site")
@CONFIG_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where to write the website; replaced whole, and only once it has built.")
@click.option("--portable", is_flag=True,
              help="Make a website that works opened from a folder or a USB stick, with no web server.")
@PUBLISH_INCOMPLETE_OPTION
@handles_errors
def site_command(config_file: Path, out: Path, portable: bool, publish_incomplete: bool) -> None:
    """Build the transparency website (MkDocs, strict: any warning fails)."""
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    build_site(config_file, out, portable, publish_incomplete)
    note = end_of_life_note(datetime.date.today())
    if note:
        click.echo(f"note: {note}", err=True)
    if portable:
        click.echo(f"Built the website into {out}/: open {out / 'index.html'} in a browser, from any folder.")
    else:
        click.echo(f"Built the website into {out}/.")


@main.command(name="pages")
@CONFIG_OPTION
@click.argument("folder", type=click.Path(path_type=Path))
@handles_errors
def pages_command(config_file: Path, folder: Path) -> None:
    """Write the website's pages (Markdown with front matter) and downloads into FOLDER, a docs folder
    that any MkDocs-compatible engine can build without the notices plugin; replaced whole, once written."""
    count = write_pages(config_file, folder)
    click.echo(f"Wrote {count} pages and downloads into {folder}/.")


@main.command(name="serve")
@CONFIG_OPTION
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 to serve on.")
@handles_errors
def serve_command(config_file: Path, port: int) -> None:
    """Preview the website on this computer; it rebuilds when a fact or a template changes."""
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    mkdocs_serve(str(config_file), dev_addr=f"127.0.0.1:{port}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("notices/schema"), show_default=True,
              help="Folder for the JSON Schema files.")
@handles_errors
def schema(out: Path) -> None:
    """Write JSON Schemas of the fact files, for editors that complete and validate YAML."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command(name="show")
@FACTS_OPTION
@click.argument("key")
@handles_errors
def show(facts: Path, key: str) -> None:
    """Print one resolved notice (SCHOOL/NOTICE) as JSON, as every format sees it."""
    for notice in load_project(facts).notices:
        if notice.key == key:
            click.echo(json.dumps(notice.model_dump(mode="json"), indent=2, ensure_ascii=False))
            return
    raise NoticesError(f"no notice '{key}'; keys look like school/notice, e.g. oakmoor/children-in-need")


@main.command(name="new")
@FACTS_OPTION
@click.argument("kind", type=click.Choice(["school", "notice"]))
@click.argument("item_id", metavar="ID")
@click.option("--from", "library_id", metavar="LIBRARY-ID",
              help="Start the notice from this notice of the library ('notices library' lists them).")
@handles_errors
def new_command(facts: Path, kind: str, item_id: str, library_id: str | None) -> None:
    """Start schools/ID.yaml (a school) or ID.yaml (a notice), every required fact a placeholder; with
    --from, a notice is the library's, with only your own facts to fill in."""
    if library_id is None:
        click.echo(f"wrote {new_fact_file(facts, kind, item_id)}; 'notices check' lists what to complete.")
        return
    if kind != "notice":
        raise click.UsageError("--from starts a notice from the library: 'notices new notice ID --from LIBRARY-ID'.")
    adoption = adopt(facts, item_id, library_id)
    for path, placeholders in adoption.written.items():
        left = f" ({placeholders} to fill in)" if placeholders else ""
        click.echo(f"wrote {display_path(path)}{left}")
    for path, (recipients, placeholders) in adoption.recipients.items():
        left = f" ({placeholders} to fill in)" if placeholders else ""
        click.echo(f"added {', '.join(recipients)} (recipients the notice names) to {display_path(path)}{left}")
    for path in adoption.kept:
        click.echo(f"kept {display_path(path)}: your own copy, which differs from the library's "
                   f"(compare them: docs/library.md#keeping-them-current)")
    click.echo(f"{adoption.placeholders} values are marked TO BE COMPLETED: 'notices check' lists them, and "
               "'notices build' publishes nothing until none remain. Set the notice's version, last_reviewed "
               "and changes for your school too.")


@main.command(name="library")
@handles_errors
def library_command() -> None:
    """List the notices of the library, each with what it is for; adopt one with 'notices new notice ID --from ID'."""
    notices = library()
    width = max(len(notice_id) for notice_id in notices)
    for notice in notices.values():
        click.echo(f"{notice.id:<{width}}  {notice.title}")
        click.echo(f"{'':<{width}}  {notice.description}")
    click.echo(f"\nAdopt one with 'notices new notice ID --from LIBRARY-ID', e.g. "
               f"'notices new notice {next(iter(notices))} --from {next(iter(notices))}'.")


@main.command(name="init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--trust", is_flag=True, help="A trust with several schools (default: one school on its own).")
@click.option("--school", "school_ids", multiple=True, metavar="ID",
              help="A school of the trust, e.g. --school hill --school vale (default: two, to rename).")
@click.option("--notices", "notice_ids", callback=_comma_list, metavar="IDS",
              help=f"Comma-separated notices from the library (default: all): {', '.join(library())}.")
@handles_errors
def init_command(folder: Path, trust: bool, school_ids: tuple[str, ...], notice_ids: list[str] | None) -> None:
    """Start a school's or a trust's repository in FOLDER: its facts, website settings, workflow and hook."""
    schools = list(school_ids) or (["first-school", "second-school"] if trust else [])
    written = start_repository(folder, notice_ids or list(library()), trust, schools)
    click.echo(f"Started {folder}/ ({len(written)} files) for privacy-notices {tool_version()}.")
    click.echo(f"Next: cd {folder}, fill in every 'TO BE COMPLETED' that 'notices check' lists, then 'notices build'.")


@main.command(name="docs")
@FACTS_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("docs"), show_default=True,
              help="The manual's folder.")
@handles_errors
def docs_command(facts: Path, out: Path) -> None:
    """Regenerate the manual's field and rules references (fields.md, rules.md) from the code; examples
    come from the facts."""
    for path in write_references(out, facts):
        click.echo(f"wrote {path}")


@main.command(name="diff")
@FACTS_OPTION
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "report_format", type=click.Choice(sorted(REPORTS)), default="text", show_default=True,
              help="text for a terminal, markdown for the full review, comment for a pull-request comment "
                   "that fits at any scale, or json.")
@click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD",
              help="The date for suggested change-list entries and review dates (default: today).")
@click.option("--fail-on-new-errors", is_flag=True, help="Exit 1 when the change introduces a checker error.")
@click.option("--comment", "comment_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Also write the pull-request comment (the short form, which fits GitHub's limit) to FILE.")
@handles_errors
def diff_command(facts: Path, base: str, head: str | None, report_format: str, today: datetime.date | None,
                 fail_on_new_errors: bool, comment_file: Path | None) -> None:
    """What changes from BASE to HEAD, per school and notice: each a git revision (its copy of the facts
    folder) or a folder; HEAD defaults to the facts folder as it is now."""
    sides = [load_side(which, spec, facts) for which, spec in (("base", base), ("head", head))]
    result = review(*sides, today or datetime.date.today())
    click.echo(REPORTS[report_format](result), nl=False)
    if comment_file is not None:
        comment_file.write_text(REPORTS["comment"](result), encoding="utf-8")
    if fail_on_new_errors and result.new_errors:
        sys.exit(1)
