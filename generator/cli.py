"""The ``notices`` command: thin wrappers that call the library and turn results into exit codes."""

from __future__ import annotations

import datetime
import gc
import os
import signal
import sys
from functools import wraps
from pathlib import Path

import click

from generator.defaults import CACHE_FOLDER_VARIABLE as CACHE_VARIABLE
from generator.distribution import DISTRIBUTION, manual, tool_version
from generator.notices_error import NoticesError
from generator.school_kinds import OFFERED, SCHOOL_KINDS

# Each command imports what it uses when it runs, so that `notices --version`, `notices COMMAND --help`
# and `notices check` (the pre-commit hook) start without loading the site, the formats and the diff.

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


def _template_place(problem: Exception) -> str:
    """'templates/notice.md.j2:83: ' when Jinja knows where in a template the problem is."""
    import traceback

    import jinja2

    from generator.facts.errors import display_path

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
        except click.exceptions.Exit:
            raise
        except Exception as problem:  # noqa: BLE001 - the edge: anything unexpected becomes one line, not a traceback
            import jinja2  # loaded already if a template was rendered; otherwise, only on the way out

            if isinstance(problem, jinja2.TemplateError):  # templates/ is the user's to edit: their slip, not ours
                click.echo(f"{_template_place(problem)}template error: {problem}.", err=True)
                click.echo("Correct the template, or copy it back from the project's templates/ folder.", err=True)
                sys.exit(1)
            if debug:
                import traceback

                traceback.print_exc()
            click.echo(f"internal error: {type(problem).__name__}: {problem}", err=True)
            click.echo("Run again with 'notices --debug ...' for details, and report it if it persists.", err=True)
            sys.exit(2)

    return wrapper


@click.group()
@click.option("--debug", is_flag=True, help="Show a full traceback on an internal error.")
@click.version_option(package_name=DISTRIBUTION)
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
    # Loading the models and the facts makes hundreds of thousands of objects and frees few: Python's default,
    # a collection every 700 of them, took a twentieth of a check's CPU.
    gc.set_threshold(50_000, 20, 20)
    from generator.check import audit_rendered, check_project, findings_report
    from generator.check.findings import sorted_findings
    from generator.check.readability import grades_line, reading_grades
    from generator.facts.errors import FactErrors
    from generator.project import load_project
    try:
        project = load_project(facts)
    except FactErrors as problems:
        if report_format == "github":  # on the lines of the pull request too, not only in the log
            click.echo(findings_report.github_fact_errors(problems.errors))
        raise
    notices = project.notices
    findings = check_project(project, today, templates)
    if rendered is not None:
        findings = sorted_findings(findings + audit_rendered(rendered, notices))
    schools = len({notice.variant.id for notice in notices})
    grades = reading_grades(notices)
    if report_format == "json":
        click.echo(findings_report.json_report(findings, len(notices), schools, grades))
    elif report_format == "github":
        if findings:
            click.echo(findings_report.github_report(findings))
    else:
        if findings:
            click.echo(findings_report.text_report(findings))
        if grades:
            click.echo(grades_line(grades))
        click.echo(f"{facts}: {findings_report.summary(findings, len(notices), schools)}")
    if any(finding.severity == "error" or strict for finding in findings):
        sys.exit(1)


@main.command(name="law")
@click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD",
              help="Say which changes are in force on this day (default: today).")
def law_command(today: datetime.date | None) -> None:
    """List the changes of the law the checker knows, newest first, with their dates and sources."""
    from generator.law.changes_report import law_report
    click.echo(law_report(today or datetime.date.today()))


@main.command(name="build")
@FACTS_OPTION
@TEMPLATES_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Where to write; replaced whole, and only once everything has built.")
@click.option("--format", "formats", callback=_comma_list, metavar="NAMES",
              help="Comma-separated formats to build, e.g. md,html (default: all).")
@click.option("--cache", "cache_folder", type=click.Path(path_type=Path),
              help="Where built files are kept to reuse when nothing they are made from changed; safe to delete. "
                   f"Default: ${CACHE_VARIABLE}, or this project's folder in your own cache (outside the repository).")
@click.option("--no-cache", is_flag=True, help="Render every file again, and keep none.")
@PUBLISH_INCOMPLETE_OPTION
@handles_errors
def build_command(facts: Path, templates: Path, out: Path, formats: list[str] | None, cache_folder: Path | None,
                  no_cache: bool, publish_incomplete: bool) -> None:
    """Build every format of every notice for every school."""
    from generator.pipeline import build
    from generator.render.cache import project_folder
    # A progress bar only for a person at a terminal: CI logs and pipes stay clean.
    progress = sys.stderr.isatty() and not os.environ.get("CI")
    cache = None if no_cache else cache_folder or project_folder(facts)
    result = build(facts, out, templates, formats, cache_folder=cache,
                   progress=progress, publish_incomplete=publish_incomplete)
    click.echo(f"Built {len(result.files)} files for {len(result.notices)} notices into {out}/.")


@main.command(name="cache")
@FACTS_OPTION
@click.option("--clear", is_flag=True, help="Delete the files kept there: the next build renders every file again.")
@handles_errors
def cache_command(facts: Path, clear: bool) -> None:
    """Say where the project's build cache is (outside the repository, or $NOTICES_CACHE); --clear empties it."""
    from generator.render.cache import clear as clear_cache, project_folder
    folder = project_folder(facts)
    if not clear:
        click.echo(folder)
    elif not folder.exists():
        click.echo(f"There is no cache at {folder}/: nothing to clear.")
    else:
        click.echo(f"Removed {clear_cache(folder)} cached files from {folder}/.")


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
    import logging

    from generator.site.build_site import build_site
    from generator.site.theme_support import end_of_life_note
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
    from generator.site.docs_folder import write_pages
    count = write_pages(config_file, folder)
    click.echo(f"Wrote {count} pages and downloads into {folder}/.")


@main.command(name="verify")
@CONFIG_OPTION
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--wait", type=click.IntRange(0, 3600), default=0, show_default=True, metavar="SECONDS",
              help="Ask again every 15 seconds, for up to this long, while a notice is out of date (just after a deploy).")
@handles_errors
def verify_command(config_file: Path, urls: tuple[str, ...], wait: int) -> None:
    """Say whether the published website at URL (or a school's own page with pasted fragments) shows each
    notice as the facts publish it now; exit 1 if one is out of date or missing."""
    from generator.site.verify import expected_pages, verify_all
    findings = verify_all(list(urls), expected_pages(config_file), wait)
    for finding in findings:
        click.echo(finding.line())
    stale = [finding for finding in findings if not finding.current]
    if stale:
        click.echo(f"{len(stale)} of {len(findings)} notices are out of date or missing: publish the website again "
                   "('notices site'), and paste each listed notice's fragment into the school's page again.", err=True)
        sys.exit(1)
    click.echo("The notice is current." if len(findings) == 1 else f"All {len(findings)} notices are current.")


@main.command(name="serve")
@CONFIG_OPTION
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 to serve on.")
@handles_errors
def serve_command(config_file: Path, port: int) -> None:
    """Preview the website on this computer; it rebuilds when a fact or a template changes."""
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.INFO)
    mkdocs_serve(str(config_file), dev_addr=f"127.0.0.1:{port}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("notices/schema"), show_default=True,
              help="Folder for the JSON Schema files.")
@handles_errors
def schema(out: Path) -> None:
    """Write JSON Schemas of the fact files, for editors that complete and validate YAML."""
    from generator.facts.schema import write_schemas
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command(name="show")
@FACTS_OPTION
@click.argument("key")
@handles_errors
def show(facts: Path, key: str) -> None:
    """Print one resolved notice (SCHOOL/NOTICE) as JSON, as every format sees it."""
    import json

    from generator.project import load_project
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
    from generator.facts.errors import display_path
    from generator.library.copy_notice import adopt
    from generator.new_fact_file import new_fact_file
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
                   f"(compare them: {manual('library.md#keeping-them-current')})")
    for left_out in adoption.left_out:
        click.echo(f"left out {left_out} (write one for them: {manual('layers.md')})")
    click.echo(f"{adoption.placeholders} values are marked TO BE COMPLETED: 'notices check' lists them, and "
               "'notices build' publishes nothing until none remain. Set the notice's version, last_reviewed "
               "and changes for your school too.")


@main.command(name="library")
@handles_errors
def library_command() -> None:
    """List the notices of the library, each with what it is for; adopt one with 'notices new notice ID --from ID'."""
    from generator.library import library
    notices = library()
    width = max(len(notice_id) for notice_id in notices)
    for notice in notices.values():
        click.echo(f"{notice.id:<{width}}  {notice.title}")
        click.echo(f"{'':<{width}}  {notice.description}")
    click.echo(f"\nAdopt one with 'notices new notice ID --from LIBRARY-ID', e.g. "
               f"'notices new notice {next(iter(notices))} --from {next(iter(notices))}'.")


@main.command(name="init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--kind", metavar="KIND", help=f"What the school is: {', '.join(SCHOOL_KINDS)} (or another kind of "
              "organisation); with --trust, a trust of academies.")
@click.option("--phases", metavar="PHASES", help="The school's phases, comma-separated: nursery, primary, secondary, "
              "sixth-form (default: from --ages).")
@click.option("--ages", metavar="YOUNGEST-OLDEST", help="Its pupils' ages, e.g. 4-11 (default: from --phases).")
@click.option("--name", help="The school's name, as parents know it.")
@click.option("--short-id", help="The school's short id for web addresses (default: made from --name).")
@click.option("--trust/--no-trust", default=None, help="A trust with several schools, or a school on its own "
              "(the default).")
@click.option("--school", "school_ids", multiple=True, metavar="ID|NAME|ID=NAME",
              help="Another school of the trust: its short id for web addresses, its name (the id is made from it) or "
                   "both, e.g. --school hill --school 'Vale Primary School' (default: two, to rename).")
@click.option("--dpo-email", help="Your data protection officer's email address.")
@click.option("--dpo-name", help="Your data protection officer's name, or their service's.")
@click.option("--local-authority", help="Your local authority, e.g. 'Bristol City Council'.")
@click.option("--retention-policy", help="The policy that sets how long you keep records, e.g. 'our records "
              "retention policy, which follows the IRMS toolkit': the basis each notice's retention names.")
@click.option("--notices", "notice_ids", callback=_comma_list, metavar="IDS",
              help="Comma-separated notices from the library (default: those that fit the school, less those "
                   "for what only some schools do: see --also; 'notices library' lists them all).")
@click.option("--also", "also", callback=_comma_list, metavar="IDS",
              help=f"Notices for what only some schools do, to adopt besides the default ones if yours does it: "
                   f"{', '.join(OFFERED)}, e.g. --also trips-and-visits,clubs (at a terminal, init asks).")
@handles_errors
def init_command(folder: Path, trust: bool | None, school_ids: tuple[str, ...], notice_ids: list[str] | None,
                 also: list[str] | None, **told: str | None) -> None:
    """Start a school's or a trust's repository in FOLDER: its facts, website settings, workflow and hook. At a
    terminal it asks what the school is and what it does; options answer the same questions in a script."""
    from generator.library import library
    from generator.new_fact_file import schools_named
    from generator.new_repository import start_repository
    from generator.new_repository.questions import check_notices, gather, yes_no
    ask = _ask if at_terminal() else None
    school = gather(ask, trust, **told)
    named = bool(school.name or school.short_id)
    schools = schools_named(list(school_ids) or (["first-school", "second-school"] if school.trust and not named else []))
    also = also or []
    choices = library()
    offers = {library_id: OFFERED[choices[library_id].topic] for library_id in school.offered_notices()}
    if notice_ids is None:
        notice_ids = school.suited_notices() + [
            library_id for library_id, question in offers.items()
            if library_id not in also and ask is not None and ask(f"{question} (yes or no)", "no", yes_no)]
        if ask is not None:
            notice_ids = ask("The notices to start with, comma-separated", ",".join(sorted({*notice_ids, *also})),
                             lambda text: check_notices([part.strip() for part in text.split(",") if part.strip()],
                                                        school))
    notice_ids = sorted({*notice_ids, *also})
    started = start_repository(folder, school, notice_ids, schools)
    click.echo(f"Started {folder}/ ({len(started.files)} files) for privacy-notices {tool_version()}: "
               f"{school.described}.")
    facts = folder / "notices"
    click.echo(f"Notices: {', '.join(sorted(path.stem for path in facts.glob('*.yaml') if path.stem != 'organisation'))}.")
    for left_out in started.left_out:
        click.echo(f"Left out {left_out} (write one for them: {manual('layers.md')}).")
    not_adopted = [library_id for library_id in offers if library_id not in notice_ids]
    if not_adopted:
        click.echo("Not adopted, as not every school does these (adopt one later, in the folder, if yours does):")
        for library_id in not_adopted:
            click.echo(f"  {offers[library_id]}\n    notices new notice {choices[library_id].topic} --from {library_id}")
    listed = {school.school_id: school.name, **schools} if school.trust and school.school_id else schools
    if listed:
        click.echo("Each school's id is in its web addresses; to change one, rename its file in notices/schools/:")
        width = max(len(school_id) for school_id in listed)
        for school_id, name in listed.items():
            click.echo(f"  {school_id:<{width}}  {name or '(its name to fill in)'}: pages at schools/{school_id}/")
    click.echo(f"Next: cd {folder}, fill in every 'TO BE COMPLETED' that 'notices check' lists, then 'notices build'.")


def at_terminal() -> bool:
    """Whether someone is there to answer questions (not a script, not a pipe)."""
    return sys.stdin.isatty()


def _ask(question: str, default: str | None, parse):
    def checked(text: str):
        try:
            return parse(text)
        except NoticesError as refused:
            raise click.BadParameter(str(refused)) from None
    return click.prompt(question, default=default, value_proc=checked, show_default=bool(default))


@main.command(name="docs")
@click.argument("topic", required=False)
@FACTS_OPTION
@click.option("--out", type=click.Path(path_type=Path), default=Path("docs"), show_default=True,
              help="The manual's folder.")
@handles_errors
def docs_command(topic: str | None, facts: Path, out: Path) -> None:
    """Show TOPIC, a page of the manual installed with the tool (e.g. 'errors#unknown-key', or the address of
    a 'see' line), offline. Without TOPIC: regenerate the manual's field and rules references, its page of the
    law we cite and its table of which notices each kind of school needs (fields.md, rules.md, law.md,
    which-notices.md) from the code; examples come from the facts."""
    from generator.manual import write_references
    from generator.manual_pages import installed_page, section_text
    if topic:
        path, section = installed_page(topic)
        click.echo_via_pager(f"{path}\n\n{section_text(path.read_text('utf-8'), section).rstrip()}")
        return
    for path in write_references(out, facts):
        click.echo(f"wrote {path}")


@main.command(name="diff")
@FACTS_OPTION
@click.argument("base")
@click.argument("head", required=False)
# The names of generator/diff/review_report.py's REPORTS, written here so that loading the CLI does not load the
# diff (tests/test_cli.py checks that they agree).
@click.option("--format", "report_format", type=click.Choice(["comment", "json", "markdown", "text"]), default="text",
              show_default=True,
              help="text for a terminal, markdown for the full review, comment for a pull-request comment "
                   "that fits at any scale, or json.")
@click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD",
              help="The date for suggested change-list entries and review dates (default: today).")
@click.option("--fail-on-new-errors", is_flag=True, help="Exit 1 when the change introduces a checker error.")
@click.option("--comment", "comment_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Also write the pull-request comment (the short form, which fits GitHub's limit) to FILE.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="The website's settings, which say what else the build reads.")
@handles_errors
def diff_command(facts: Path, base: str, head: str | None, report_format: str, today: datetime.date | None,
                 fail_on_new_errors: bool, comment_file: Path | None, config_file: Path) -> None:
    """What changes from BASE to HEAD, per school and notice, and in every other file the website or the build
    reads: each a git revision (its copy of the facts folder) or a folder (facts only); HEAD defaults to the
    working tree."""
    from generator.diff import REPORTS, load_side, review, review_code
    result = review(load_side("base", base, facts), load_side("head", head, facts), today or datetime.date.today(),
                    review_code(base, head, facts, config_file))
    click.echo(REPORTS[report_format](result), nl=False)
    if comment_file is not None:
        comment_file.write_text(REPORTS["comment"](result), encoding="utf-8")
    if fail_on_new_errors and result.new_errors:
        sys.exit(1)
