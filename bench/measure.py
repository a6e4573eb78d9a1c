"""The benchmark: every figure of docs/performance.md, each a ratio against a floor measured in the same run.

Machines here are shared and noisy, so each figure is a ratio of medians (of ``--repeats`` runs)
taken on the same generated tree, minutes apart, not an absolute time. Run it with ``bench/run``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from bench import weasyprint_floor
from bench.synthetic import write_trust
from generator.pipeline import render_all
from generator.project import load_project
from generator.render import text
from generator.render.cache import OutputCache
from generator.render.formats import RenderContext, select_formats
from generator.render.formats.booklet import render_booklet
from generator.render.formats.html import notice_body_html
from generator.render.formats.markdown import render_markdown
from generator.render.formats.pdf import print_document, render_pdf
from generator.render.templating import TEMPLATE_FILTERS, TEMPLATE_GLOBALS
from generator.render.typesetting import typeset

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
NOTICES = [sys.executable, "-c", "from generator.cli import main; main()"]
FIGURES = ("md", "pdf", "booklet", "full", "speedup", "incremental", "site", "check", "start", "serve", "stages")
_PR_SET_CHILD_SUBREAPER = 36  # prctl option, linux/prctl.h
# Builds run the generator as it was when the benchmark started (a copy put first on PYTHONPATH):
# in a shared working tree, someone else's edit between the full and the incremental build would
# otherwise change the cache key of every file and time a full build twice.
BUILD_ENVIRONMENT = {**os.environ, "CI": "1", "NO_MKDOCS_2_WARNING": "1"}
# The plugin hands the theme titles as Markup (escaped HTML); the plain build's YAML holds the same text.
for _dumper in (yaml.Dumper, yaml.SafeDumper):
    _dumper.add_representer(Markup, lambda dumper, title: dumper.represent_str(str(title)))


def freeze_generator(work: Path) -> None:
    snapshot = work / "generator-snapshot"
    shutil.copytree(PROJECT / "generator", snapshot / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    BUILD_ENVIRONMENT["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot), os.environ.get("PYTHONPATH")]))


def median_times(actions: list, repeats: int) -> list[float]:
    """The median time of each action, the actions taking turns: a change in the machine's load
    during the measurement then weighs on each of them alike, not on whichever ran last."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, taken in zip(actions, times):
            start = time.perf_counter()
            action()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def report(name: str, ours: float, floor: float, target: str, passed: bool, detail: str = "") -> dict:
    ratio = ours / floor if floor else float("inf")
    line = f"{name:<34} {ratio:7.2f}x   ours {ours:8.3f}s  floor {floor:8.3f}s  target {target:<8} " \
           f"{'met' if passed else 'MISSED'}"
    print(line + (f"  ({detail})" if detail else ""), flush=True)
    return {"name": name, "ratio": ratio, "ours": ours, "floor": floor, "target": target, "met": passed}


def bare_jinja(templates: Path) -> jinja2.Template:
    """The notice templates in a plain Jinja2 environment: their filters, but no escaping of fact text."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), trim_blocks=True,
                                     lstrip_blocks=True, keep_trailing_newline=True)
    # ``shared`` renders the macro every time: the floor reuses nothing across schools.
    environment.globals.update(TEMPLATE_GLOBALS, shared=lambda macro, *arguments: macro(*arguments))
    environment.filters.update(TEMPLATE_FILTERS)
    environment.tests["a_role"] = text.a_role
    return environment.get_template("notice.md.j2")


def measure_markdown(facts: Path, repeats: int) -> dict:
    notices = load_project(facts).notices
    template = bare_jinja(TEMPLATES)

    def ours():
        text._inline.cache_clear()  # as in a fresh ``notices build``: no fact text escaped yet
        context = RenderContext(templates=TEMPLATES)
        for notice in load_project(facts).notices:
            render_markdown(notice, context)

    floor, ours_time = median_times([lambda: [template.render(n=notice) for notice in notices], ours], repeats)
    return report("facts -> Markdown (all notices)", ours_time, floor, "<= 1.5x", ours_time <= 1.5 * floor,
                  f"{len(notices)} notices")


def against_weasyprint(name: str, subjects: list, floor_document, ours, repeats: int, detail: str,
                       engine_document=None) -> dict:
    """Our time per file against WeasyPrint alone making the same file from its finished HTML.

    Given ``engine_document`` (a subject's finished print document), Typst alone is timed in the
    same run too: the least our side can cost, with no Markdown, HTML or document nodes to make.
    """
    context = RenderContext(templates=TEMPLATES)
    documents = [floor_document(subject, context) for subject in subjects]
    actions = [lambda: [weasyprint_floor.weasyprint_pdf(document) for document in documents],
               lambda: [ours(subject, context) for subject in subjects]]
    if engine_document:
        print_documents = [engine_document(subject, context) for subject in subjects]
        actions.append(lambda: [typeset(document, context.templates) for document in print_documents])
    floor_time, ours_time, *engine_time = (seconds / len(subjects) for seconds in median_times(actions, repeats))
    if engine_time:
        detail += f"; Typst alone {engine_time[0] / floor_time:.3f}x ({engine_time[0]:.3f}s)"
    return report(name, ours_time, floor_time, "<= 0.1x", ours_time <= 0.1 * floor_time, detail)


def measure_pdf(facts: Path, repeats: int, sample: int) -> dict:
    notices = load_project(facts).notices[:sample]
    return against_weasyprint("PDF per document vs WeasyPrint", notices, weasyprint_floor.notice_document,
                              render_pdf, repeats, f"{len(notices)} documents",
                              engine_document=lambda notice, context: print_document(
                                  notice, notice_body_html(notice, context, ".pdf")))


def measure_booklet(facts: Path, repeats: int, sample: int) -> dict:
    notices = load_project(facts).notices
    schools = [[notice for notice in notices if notice.variant.id == school]
               for school in dict.fromkeys(notice.variant.id for notice in notices)][:max(1, sample // 12)]
    return against_weasyprint("booklet vs WeasyPrint", schools, weasyprint_floor.booklet_document, render_booklet,
                              repeats, f"{len(schools)} booklets of {sum(map(len, schools))} notices")


def measure_speedup(facts: Path, work: Path, repeats: int, sample: int) -> dict:
    notices = load_project(facts).notices[:sample]
    context = RenderContext(templates=TEMPLATES)
    formats = select_formats(["pdf", "docx"])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

    def stage(workers: int):
        into = Path(tempfile.mkdtemp(dir=work))
        render_all(notices, formats, context, into, workers=workers)
        shutil.rmtree(into)

    one, many = median_times([lambda: stage(1), lambda: stage(cores)], repeats)
    speedup = one / many
    print(f"{'PDF+Word stage speed-up':<34} {speedup:7.2f}x   1 worker {one:8.3f}s  {cores} workers {many:8.3f}s  "
          f"target >= 1.7x   {'met' if speedup >= 1.7 else 'MISSED'}  ({len(notices) * 2} files)", flush=True)
    return {"name": "speed-up", "ratio": speedup, "met": speedup >= 1.7}


class PeakMemory:
    """The peak of the summed RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(parent, []).append(int(entry.name))
        tree, stack = [], [self.pid]
        while stack:
            pid = stack.pop()
            tree.append(pid)
            stack += children.get(pid, [])
        return tree

    def _sample(self) -> None:
        while not self._done.wait(0.1):
            total = 0
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                total += next((int(line.split()[1]) * 1024 for line in status.splitlines()
                               if line.startswith("VmRSS:")), 0)
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def _adopt_orphans() -> None:
    """Become the parent of this process's descendants whose parent ends (Linux): a build's workers are
    children of its fork server, which ends with the build, so only then are they waited for here, and
    only what is waited for counts in RUSAGE_CHILDREN."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _children() -> set[int]:
    """This process's child processes, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    return found


def _reap_orphans(ours: set[int]) -> None:
    """Wait for the build's descendants that came to us when their parent ended (its fork server, then
    its workers), leaving ``ours`` (this process's own children, such as its own fork server) alone."""
    while orphans := _children() - ours:
        for pid in orphans:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def timed_build(facts: Path, out: Path, cache: Path | None, formats: str | None = None,
                generator: dict[str, str] | None = None, templates: Path = TEMPLATES) -> tuple[float, int, float]:
    """One ``notices build`` as a user runs it: (seconds, peak summed RSS of it and its workers,
    CPU seconds of it and its workers). CPU time is what a build costs whatever else the machine is doing.
    ``generator`` is the environment that chooses the generator (by default the snapshot of this one);
    without ``cache`` the build starts from none."""
    command = NOTICES + ["build", "--facts", str(facts), "--templates", str(templates), "--out", str(out)] \
        + (["--cache", str(cache)] if cache else ["--no-cache"]) + (["--format", formats] if formats else [])
    _adopt_orphans()
    ours = _children()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=out.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env=generator or BUILD_ENVIRONMENT)
    memory = PeakMemory(process.pid)
    output, _ = process.communicate()
    _reap_orphans(ours)
    seconds = time.perf_counter() - start
    peak = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and all its workers, waited for: they count
    if process.returncode != 0:
        raise SystemExit(f"notices build failed:\n{output.decode()[-3000:]}")
    return seconds, peak, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def previous_generator(work: Path, revision: str) -> tuple[dict[str, str], Path]:
    """The generator and templates of another git revision (today's build), as an environment that runs
    them and the folder of its templates."""
    folder = work / "previous"
    if folder.is_dir():  # another figure of this run made it
        return {**BUILD_ENVIRONMENT, "PYTHONPATH": str(folder)}, folder / "templates"
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", revision, "generator", "templates"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return {**BUILD_ENVIRONMENT, "PYTHONPATH": str(folder)}, folder / "templates"


def _format_names(generator: dict[str, str]) -> list[str]:
    """The output formats of the generator that ``generator`` (an environment) runs."""
    listed = subprocess.run([sys.executable, "-c", "from generator.render.formats import all_formats; "
                             "print(','.join(all_formats()))"], env=generator, capture_output=True, text=True,
                            check=True, cwd=tempfile.gettempdir())
    return listed.stdout.strip().split(",")


def measure_full(facts: Path, work: Path, repeats: int, revision: str) -> dict:
    """The full build in every format, empty cache, against the same build by ``revision``'s generator,
    the two taking turns; CPU seconds of the build and its workers (the clock time is printed beside)."""
    previous, previous_templates = previous_generator(work, revision)
    notices = len(load_project(facts).notices)
    # The formats both generators make: a format added since (the one-page first layer) is not
    # a cost of the same build.
    theirs, our_formats = set(_format_names(previous)), _format_names(BUILD_ENVIRONMENT)
    formats = [name for name in our_formats if name in theirs]
    added = sorted(set(our_formats) - theirs)
    runs: dict[str, list[tuple[float, int, float]]] = {"floor": [], "ours": []}
    for side in runs:
        (work / f"full-{side}").mkdir()
    for _ in range(repeats):
        runs["floor"].append(timed_build(facts, work / "full-floor" / "dist", None, ",".join(formats),
                                         generator=previous, templates=previous_templates))
        runs["ours"].append(timed_build(facts, work / "full-ours" / "dist", None, ",".join(formats)))
    floor, ours = (statistics.median(cpu for _, _, cpu in runs[side]) for side in ("floor", "ours"))
    clock = {side: statistics.median(seconds for seconds, _, _ in runs[side]) for side in runs}
    peak = max(memory for _, memory, _ in runs["ours"])
    return report(f"full build vs {revision}", ours, floor, "<= 0.25x", ours <= 0.25 * floor,
                  f"CPU seconds, {notices} notices in every format of both ({', '.join(formats)}; not "
                  f"{', '.join(added) or 'none'}), empty cache; clock {clock['ours']:.1f}s vs "
                  f"{clock['floor']:.1f}s; peak RSS {peak / 2**20:.0f} MiB")


def measure_incremental(facts: Path, work: Path) -> list[dict]:
    out, cache = work / "dist", work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    full, peak, _ = timed_build(facts, out, cache)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    school = min((facts / "schools").glob("*.yaml"))
    original = school.read_text("utf-8")
    school.write_text(original.replace("School Business Manager", "Office Manager"), "utf-8")
    try:
        incremental, _, _ = timed_build(facts, out, cache)
    finally:
        school.write_text(original, "utf-8")
    results = [report("one-school edit vs full build", incremental, full, "<= 0.10x", incremental <= 0.1 * full,
                      f"edited {school.name}")]
    print(f"{'peak RSS of the whole build':<34} {peak / 2**20:7.0f} MiB summed over processes; "
          f"largest single process {largest / 2**20:.0f} MiB   target < 1024 MiB   "
          f"{'met' if peak < 2**30 else 'MISSED'}", flush=True)
    results.append({"name": "peak RSS", "bytes": peak, "met": peak < 2**30})
    return results


def site_config(facts: Path, work: Path) -> tuple[Path, dict, list, dict, Path]:
    """The project's mkdocs.yml with the plugin pointed at ``facts``, written as ``work``/mkdocs-ours.yml: its
    path, the settings, the other plugins, the notices plugin's options and the docs folder."""
    config_file = PROJECT / "mkdocs.yml"
    config = yaml.load(config_file.read_text("utf-8"), Loader=yaml.Loader)  # mkdocs.yml uses !!python tags
    for key in ("theme", "extra_css", "extra_javascript"):
        if isinstance(config.get(key), dict) and "custom_dir" in config[key]:
            config[key]["custom_dir"] = str(PROJECT / config[key]["custom_dir"])
    plugins = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "notices" in p) and p != "notices"]
    notices_options = next((p["notices"] for p in config.get("plugins", []) if isinstance(p, dict) and "notices" in p),
                           {}) or {}
    docs = work / "site-docs"
    shutil.rmtree(docs, ignore_errors=True)
    if (PROJECT / config.get("docs_dir", "docs")).is_dir():
        shutil.copytree(PROJECT / config.get("docs_dir", "docs"), docs)
    else:
        docs.mkdir()
    ours_config = {**config, "docs_dir": str(docs), "site_dir": str(work / "site-ours"), "plugins": plugins + [
        {"notices": {**notices_options, "facts": str(facts), "templates": str(TEMPLATES),
                     "cache": str(work / "cache")}}]}
    (work / "mkdocs-ours.yml").write_text(yaml.dump(ours_config), "utf-8")
    return work / "mkdocs-ours.yml", config, plugins, notices_options, docs


MKDOCS_BUILD = [str(PROJECT / ".venv" / "bin" / "mkdocs"), "build", "--quiet", "--config-file"]


def measure_site(facts: Path, work: Path, repeats: int) -> dict | None:
    """The plugin's site build against ``mkdocs build`` of the same pages written as plain files."""
    from generator.site.downloads import render_downloads
    from generator.site.pages import site_nav, site_pages
    from generator.site.plugin import NoticesConfig, theme_meta

    _, config, plugins, notices_options, docs = site_config(facts, work)
    build = MKDOCS_BUILD

    def mkdocs(config_path: Path) -> None:
        subprocess.run(build + [str(config_path)], check=True, capture_output=True, env=BUILD_ENVIRONMENT)

    mkdocs(work / "mkdocs-ours.yml")  # fills the download cache, if the full build has not

    # The same pages as files, each with the front matter the plugin hands the theme (title, version,
    # downloads), so that both builds make the same HTML and differ only in where the pages come from.
    notices = load_project(facts).notices
    context = RenderContext(templates=TEMPLATES)
    pages = site_pages(notices, context)
    offered = notices_options.get("formats", NoticesConfig.formats.default)
    plain_docs = work / "site-plain-docs"
    shutil.rmtree(plain_docs, ignore_errors=True)
    shutil.copytree(docs, plain_docs)
    with OutputCache(work / "cache", TEMPLATES) as cache:  # the downloads' sizes are read from it
        downloads = render_downloads(notices, offered, context, cache)
        for page in pages:
            page.downloads = downloads.get((page.school.variant.id if page.school else None,
                                            page.notice.id if page.notice else None), [])
            front_matter = yaml.safe_dump(theme_meta(page, url_of=lambda src_uri: src_uri), allow_unicode=True)
            (plain_docs / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
            (plain_docs / page.src_uri).write_text(f"---\n{front_matter}---\n\n{page.markdown}", "utf-8")
    for download in (work / "site-ours" / "downloads").rglob("*") if (work / "site-ours" / "downloads").is_dir() else []:
        if download.is_file():
            target = plain_docs / download.relative_to(work / "site-ours")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(download, target)
    plain_config = {**config, "docs_dir": str(plain_docs), "site_dir": str(work / "site-plain"), "plugins": plugins,
                    "nav": site_nav(pages)}
    (work / "mkdocs-plain.yml").write_text(yaml.dump(plain_config), "utf-8")
    floor, ours = median_times([lambda: mkdocs(work / "mkdocs-plain.yml"), lambda: mkdocs(work / "mkdocs-ours.yml")],
                               repeats)
    return report("site build vs plain mkdocs", ours, floor, "<= 1.15x", ours <= 1.15 * floor,
                  f"{len(pages)} pages, downloads from a warm cache")


def measure_scales(scales: list[int], notices: int, work: Path, seed: int, formats: str | None) -> list[dict]:
    costs = {}
    for schools in scales:
        facts = write_trust(work / f"scale-{schools}" / "facts", schools, notices, seed)
        count = len(load_project(facts).notices)
        cache = work / f"scale-{schools}" / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        seconds, peak, cpu = timed_build(facts, work / f"scale-{schools}" / "dist", cache, formats)
        costs[schools] = cpu / count
        print(f"{'per-notice cost at ' + str(schools) + ' schools':<34} {costs[schools] * 1000:7.1f} ms CPU/notice  "
              f"({count} notices: {cpu:.1f} CPU seconds, {seconds:.1f}s on the clock, peak RSS {peak / 2**20:.0f} MiB, "
              f"formats: {formats or 'all'})", flush=True)
    smallest, largest = min(costs), max(costs)
    growth = costs[largest] / costs[smallest]
    print(f"{'per-notice cost growth':<34} {growth:7.2f}x   CPU per notice, {largest} schools vs {smallest}   "
          f"target <= 1.1x   {'met' if growth <= 1.1 else 'MISSED'}", flush=True)
    return [{"name": "scaling", "ratio": growth, "met": growth <= 1.1}]


def _measure_loop(figures: set[str], facts: Path, work: Path, arguments: argparse.Namespace) -> None:
    """The edit loop's figures (bench/loop.py)."""
    from bench import loop

    if "check" in figures:
        loop.measure_check(facts, work, arguments.repeats, BUILD_ENVIRONMENT,
                           previous_generator(work, arguments.against))
    if "start" in figures:
        loop.measure_start(work, arguments.repeats, BUILD_ENVIRONMENT)
    if "serve" in figures:
        loop.measure_serve(facts, work, site_config(facts, work)[0], arguments.repeats, BUILD_ENVIRONMENT)
    if "stages" in figures:
        def site_cpu() -> float:
            config = site_config(facts, work)[0]
            loop.process_cpu(MKDOCS_BUILD + [str(config)], BUILD_ENVIRONMENT, work)  # fills the cache
            return loop.process_cpu(MKDOCS_BUILD + [str(config)], BUILD_ENVIRONMENT, work)
        loop.measure_stages(facts, work, arguments.stage_schools, site_cpu)


def machine() -> str:
    memory = next((line.split(":")[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    cpu = next((line.split(":")[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores ({cpu}), {memory} memory, Python {platform.python_version()}, "
            f"load average at start {load[0]:.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--notices", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="runs per median")
    parser.add_argument("--scales", default="10,100,500", help="school counts for the per-notice cost, e.g. 10,100")
    parser.add_argument("--scale-formats", default=None, help="formats built at each scale (default: all)")
    # At least 11: Typst drops the layouts that ten compiles did not use, so with 11 or more documents
    # none of a document's own layouts is left from the turn before.
    parser.add_argument("--pdf-sample", type=int, default=12, help="documents in the PDF and speed-up figures (and one booklet per 12 of them)")
    parser.add_argument("--stage-schools", type=int, default=2, help="schools whose notices the stages figure renders")
    parser.add_argument("--quick", action="store_true", help="one run per figure and small samples: a smoke test")
    parser.add_argument("--figures", default=",".join(FIGURES), help=f"which to measure, of {','.join(FIGURES)}")
    parser.add_argument("--against", default="main", help="the git revision whose generator is the full build's floor")
    parser.add_argument("--work", type=Path, default=PROJECT / "bench" / "out", help="scratch folder (replaced)")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.repeats, arguments.pdf_sample = 1, min(arguments.pdf_sample, 2)
    work = arguments.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    facts = write_trust(work / "facts", arguments.schools, arguments.notices, arguments.seed)
    freeze_generator(work)
    figures = set(arguments.figures.split(","))
    print(f"machine: {machine()}")
    print(f"tree: {arguments.schools} schools x {arguments.notices} notices (seed {arguments.seed}); "
          f"medians of {arguments.repeats} runs\n", flush=True)
    if "md" in figures:
        measure_markdown(facts, arguments.repeats)
    if "pdf" in figures:
        measure_pdf(facts, arguments.repeats, arguments.pdf_sample)
    if "booklet" in figures:
        measure_booklet(facts, arguments.repeats, arguments.pdf_sample)
    if "full" in figures:
        measure_full(facts, work, arguments.repeats, arguments.against)
    if "speedup" in figures:
        measure_speedup(facts, work, arguments.repeats, arguments.pdf_sample)
    if "incremental" in figures:
        measure_incremental(facts, work)
    if "site" in figures:
        measure_site(facts, work, arguments.repeats)
    _measure_loop(figures, facts, work, arguments)
    scales = [int(part) for part in arguments.scales.split(",") if part.strip()]
    if len(scales) > 1:
        measure_scales(scales, arguments.notices, work, arguments.seed, arguments.scale_formats)


if __name__ == "__main__":
    main()
