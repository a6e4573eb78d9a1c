"""A site that works opened from a folder or a USB stick (``file://``), with no web server: its search files.

The pages link to ``index.html`` files (MkDocs' ``use_directory_urls: false``). Search needs two
things a browser refuses over ``file://``: reading ``search_index.json``, and starting the search
worker from a file. Material's own script already reads the index from ``search/search_index.js``
(as the ``__index`` variable) when a page is opened from disk, but neither search plugin writes that
file: it is written here. The worker is started from a copy of its code that a small script, loaded
before Material's, hands to Material as a ``blob:`` address, which Chromium and Firefox allow from disk.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_SCRIPT = "search/search_index.js"
WORKER_SCRIPT = "assets/notices-portable.js"  # loaded before Material's script by site_overrides/main.html

_WORKER_FROM_COPY = """\
// Written by the notices plugin for a portable site. Opened from disk, the browser refuses to start
// the search worker from its file: it starts from this copy of it instead.
(function () {
  if (location.protocol !== "file:") return;
  var element = document.getElementById("__config");
  var config = JSON.parse(element.textContent);
  config.search = URL.createObjectURL(new Blob([%s], {type: "text/javascript"}));
  element.textContent = JSON.stringify(config);
})();
"""


def write_offline_search(site_dir: Path, index: dict) -> None:
    """Write the search index as a script, and the worker's loader, into a built site."""
    (site_dir / INDEX_SCRIPT).write_text(
        "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n", encoding="utf-8")
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:  # a theme update that moved the worker must fail the tests, not ship a dead search
        raise RuntimeError(f"expected one search worker in the theme, found {[w.name for w in workers]}")
    source = workers[0].read_text(encoding="utf-8")
    (site_dir / WORKER_SCRIPT).write_text(_WORKER_FROM_COPY % json.dumps(source), encoding="utf-8")
