"""The edit loop's figures (docs/performance.md, issue 34): `notices check`, a command's start, one edit seen in
`notices serve`, and where the full build's CPU goes, stage by stage.

`check` and `start` count CPU seconds of whole processes, ours and the floor taking turns; `serve` counts the
clock, from saving a fact to the page served with it; `stages` counts this process's CPU per notice.
"""

from __future__ import annotations

import datetime
import http.client
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.measure import NOTICES, TEMPLATES, report

FLOOR_SCRIPT = Path(__file__).resolve().parent / "check_floor.py"
BARE_PYTHON = [sys.executable, "-c", "pass"]


def process_cpu(command: list[str], environment: dict[str, str], cwd: Path, exit_codes: tuple[int, ...] = (0,)) -> float:
    """The CPU seconds (user and system) of one run of ``command`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, env=environment, cwd=cwd, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in exit_codes:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{(result.stdout + result.stderr)[-3000:]}")
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def median_cpu(actions: list[Callable[[], float]], repeats: int) -> list[float]:
    """The median of what each action reports, the actions taking turns (as ``median_times``)."""
    taken: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, seconds in zip(actions, taken):
            seconds.append(action())
    return [statistics.median(seconds) for seconds in taken]


def measure_check(facts: Path, work: Path, repeats: int, environment: dict[str, str],
                  previous: tuple[dict[str, str], Path]) -> list[dict]:
    """`notices check` against the floor (libyaml and the models alone) and against ``previous``'s check."""
    notices = NOTICES + ["check", "--facts", str(facts)]
    previous_environment, previous_templates = previous
    ours, floor, before = median_cpu([
        lambda: process_cpu(notices + ["--templates", str(TEMPLATES)], environment, work, (0, 1)),
        lambda: process_cpu([sys.executable, str(FLOOR_SCRIPT), str(facts)], environment, work),
        lambda: process_cpu(notices + ["--templates", str(previous_templates)], previous_environment, work, (0, 1)),
    ], repeats)
    return [report("check vs loading alone", ours, floor, "<= 3x", ours <= 3 * floor,
                   "CPU seconds; the floor reads each file with yaml.CSafeLoader and validates it with the models"),
            report("check vs the floor revision", ours, before, "<= 0.1x", ours <= 0.1 * before,
                   "CPU seconds of the same command")]


def measure_start(work: Path, repeats: int, environment: dict[str, str]) -> list[dict]:
    """`notices --version` and `notices check --help` against a Python that starts and does nothing."""
    version, check_help, bare = median_cpu([
        lambda: process_cpu(NOTICES + ["--version"], environment, work),
        lambda: process_cpu(NOTICES + ["check", "--help"], environment, work),
        lambda: process_cpu(BARE_PYTHON, environment, work),
    ], repeats)
    return [report("start: notices --version", version, bare, "<= 5x", version <= 5 * bare, "vs python -c pass"),
            report("start: notices check --help", check_help, bare, "<= 5x", check_help <= 5 * bare,
                   "vs python -c pass")]


def measure_stages(facts: Path, work: Path, sample_schools: int, site: Callable[[], float] | None) -> list[dict]:
    """The full build's CPU per notice, stage by stage: loading and checking every notice, then each format
    rendered and read back for the audit on the notices of ``sample_schools`` schools, then the website."""
    from generator.check import check_project
    from generator.project import load_project
    from generator.render.formats import RenderContext, all_formats

    clock = time.process_time
    start = clock()
    project = load_project(facts)
    loaded = clock()
    check_project(project, datetime.date.today(), TEMPLATES)
    checked = clock()
    count = len(project.notices)
    costs = {"load": (loaded - start) / count, "check": (checked - loaded) / count}
    schools = sorted({notice.variant.id for notice in project.notices})[:sample_schools]
    sample = [notice for notice in project.notices if notice.variant.id in schools]
    context = RenderContext(templates=TEMPLATES)
    audit = 0.0
    for name, output_format in all_formats().items():
        began = clock()
        files = [(output_format.render(subject, context), output_format) for _, subject in output_format.files(sample)]
        rendered = clock()
        for content, made_by in files:
            if made_by.read_text:
                made_by.read_text(content)
            if made_by.read_links:
                made_by.read_links(content)
        audit += clock() - rendered
        costs[name] = (rendered - began) / len(sample)
    costs["audit (reading back)"] = audit / len(sample)
    if site is not None:
        costs["site (mkdocs build, warm cache)"] = site() / count
    total = sum(costs.values())
    for stage, cost in sorted(costs.items(), key=lambda item: -item[1]):
        print(f"{'stage: ' + stage:<34} {cost * 1000:7.1f} ms CPU/notice  {cost / total:6.1%} of the build", flush=True)
    print(f"{'stages: the whole build':<34} {total * 1000:7.1f} ms CPU/notice  (formats and audit on {len(sample)} "
          f"notices of {len(schools)} schools; load and check on all {count})", flush=True)
    return [{"name": "stages", "costs": costs, "total": total}]


def _page(port: int, path: str) -> str | None:
    """The page at ``path`` on 127.0.0.1:``port``, or None while the server is not answering with it."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return body if response.status == 200 else None
    except OSError:
        return None


def _wait_for(port: int, path: str, text: str, limit: float, server: subprocess.Popen) -> float:
    """Seconds until the page at ``path`` holds ``text``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if server.poll() is not None:
            raise SystemExit(f"notices serve stopped:\n{server.stdout.read() if server.stdout else ''}")
        page = _page(port, path)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"notices serve did not show '{text}' at {path} within {limit:.0f} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_serve(facts: Path, work: Path, config: Path, repeats: int, environment: dict[str, str]) -> dict:
    """From saving a new contact role in one school's file to its notice page served by `notices serve` with it,
    against a `notices check` of the same facts (what any rebuild does before a page can change)."""
    from generator.project import load_project

    school_file = min((facts / "schools").glob("*.yaml"))
    notice = next(notice for notice in load_project(facts).notices if notice.variant.id == school_file.stem)
    path = f"/schools/{notice.variant.id}/{notice.id}/"
    original = school_file.read_text("utf-8")
    port = _free_port()
    role = next(line.split(":", 1)[1].strip() for line in original.splitlines() if line.startswith("  role:"))
    server = subprocess.Popen(NOTICES + ["serve", "--config", str(config), "--port", str(port)], cwd=work,
                              env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen: list[float] = []
    try:
        _wait_for(port, path, role, 1800, server)
        for turn in range(repeats):
            edited = f"Office Manager {turn + 1}"
            school_file.write_text(original.replace(f"role: {role}", f"role: {edited}"), "utf-8")
            seen.append(_wait_for(port, path, edited, 1800, server))
    finally:
        school_file.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)
    checks = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(NOTICES + ["check", "--facts", str(facts), "--templates", str(TEMPLATES)], env=environment,
                       cwd=work, capture_output=True, check=False)
        checks.append(time.perf_counter() - start)
    ours, floor = statistics.median(seen), statistics.median(checks)
    return report("serve: one edit to its page", ours, floor, "<= 1 s", ours <= 1.0,
                  f"clock seconds from saving {school_file.name} to {path} served with the new text; "
                  f"floor: notices check of the same facts")

