"""What the browser sees of `serve`: the live-reload script and the problems panel.

Both are added to HTML responses by the dev server only, never written to a build. The
panel lists what the last build found, grouped by file: the errors of a failed build
(the last good pages stay served under it), or the warnings and notes of a good one. It
sits at the bottom of the window and never covers the whole page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any


def inject(page: bytes, status: dict[str, Any]) -> bytes:
    """Add the live-reload script, and the problems panel while there are problems, before </body>."""
    extra = overlay_html(status["problems"], status["ok"], status.get("page_files", ())) if status["problems"] else ""
    extra += RELOAD_SCRIPT.replace("GENERATION", str(status["generation"]))
    data = extra.encode()
    at = page.lower().rfind(b"</body>")
    return page + data if at < 0 else page[:at] + data + page[at:]


def heading(problems: list[dict[str, Any]], ok: bool) -> str:
    """The panel's title: a broken build, or what a good build found worth a look."""
    if not ok:
        return "The last change broke the build"
    warnings = sum(1 for p in problems if p["severity"] == "warning")
    notes = len(problems) - warnings
    parts = [f"{count} {name}{'s' if count != 1 else ''}" for count, name in ((warnings, "warning"), (notes, "note"))
             if count]
    return "The build passed with " + " and ".join(parts)


def grouped(problems: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The problems by file (in the order they come, which is by file and line)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for problem in problems:
        groups.setdefault(problem["path"] or "site", []).append(problem)
    return groups


def overlay_html(problems: list[dict[str, Any]], ok: bool = False, page_files: Sequence[str] = ()) -> str:
    """Render the problems as a panel at the bottom of the page, grouped by file: line, key, message and fix.

    The files the page is made from, when the server knows them, come first and are named as this page's.
    """
    intro = FAILED_INTRO if not ok else PASSED_INTRO
    sections = "".join(
        f'<section><h3 style="{GROUP_STYLE}">{html.escape(path)}{THIS_PAGE if path in page_files else ""}</h3>'
        '<ol style="padding-left:1.5rem;margin:0">'
        + "".join(_overlay_item(p) for p in items) + "</ol></section>"
        for path, items in grouped(problems).items())
    colour = ERROR_COLOUR if not ok else WARNING_COLOUR
    # The script after it (RELOAD_TEMPLATE) makes Hide work and keeps room below the page for the panel.
    return (f'<div id="medpress-overlay" lang="en" dir="ltr" role="{"alert" if not ok else "status"}" '
            f'aria-labelledby="medpress-overlay-title" style="{OVERLAY_STYLE}">'
            f'<div style="{INNER_STYLE}"><div style="{HEADER_STYLE}">'
            f'<h2 id="medpress-overlay-title" style="{TITLE_STYLE};color:{colour}">'
            f'{html.escape(heading(problems, ok))}</h2><button type="button" style="{HIDE_STYLE}">Hide</button></div>'
            f'<p style="margin:0 0 .5rem">{intro}</p>{sections}</div></div>')


def _overlay_item(problem: dict[str, Any]) -> str:
    place = html.escape(problem["path"] or "site") + (f":{problem['line']}" if problem["line"] else "")
    key = f' <strong class="key">{html.escape(problem["key"])}</strong>:' if problem["key"] else ""
    hint = f'<br><em class="hint">Fix: {html.escape(problem["hint"])}</em>' if problem["hint"] else ""
    severity = f"{problem['severity']}: " if problem["severity"] in ("warning", "note") else ""
    rule = f' <code class="rule">[{html.escape(problem["rule"])}]</code>' if problem.get("rule") else ""
    return (f'<li style="margin:0 0 .5rem"><code class="place">{place}</code>{key} '
            f'<span class="message">{severity}{html.escape(problem["message"])}</span>{rule}{hint}</li>')


def placeholder(generation: int) -> bytes:
    """A page for a missing path when the site has no 404 page (or no good build) yet."""
    title = "No page here yet" if generation else "The site has not built yet"
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>medpress serve is waiting for a good build.</p></body></html>").encode()


FAILED_INTRO = ("The page above is from the last good build, if there has been one. Fix the file and save: "
                "this page reloads by itself.")
PASSED_INTRO = ("The page is up to date. Warnings do not stop the build, but fix them before publishing; "
                "notes need nothing from you.")
ERROR_COLOUR = "#ffb4a9"
WARNING_COLOUR = "#ffe08a"
GROUP_STYLE = "margin:.5rem 0 .25rem;font:600 .95rem/1.4 ui-monospace,monospace"
# Docked at the bottom and at most half the window high: the page stays in view above it, and a spacer as
# high as the panel lets its end scroll clear of it. Opaque: the page's text does not show through.
OVERLAY_STYLE = ("position:fixed;left:0;right:0;bottom:0;max-height:50vh;z-index:2147483647;overflow:auto;"
                 "padding:.75rem 1rem;box-shadow:0 -2px 12px rgba(0,0,0,.4);"
                 "background:#141418;color:#f4f4f4;font:16px/1.5 system-ui,sans-serif")
INNER_STYLE = "max-width:60rem;margin:0 auto"
HEADER_STYLE = "display:flex;align-items:center;justify-content:space-between;gap:1rem"  # Hide beside the title
TITLE_STYLE = "margin:0 0 .25rem;font-size:1.1rem"
THIS_PAGE = " (this page)"
HIDE_STYLE = "min-width:44px;min-height:32px;padding:.25rem .75rem;font:inherit;flex:none"  # over WCAG's 24 px

# Drawn with textContent, never innerHTML: problem messages quote the editor's own text.
RELOAD_TEMPLATE = """<script>/* added by medpress serve for live reload; never part of a build */
(function () {
  var loaded = GENERATION;
  var events = new EventSource("/__medpress/events?page=" + encodeURIComponent(location.pathname));
  function add(parent, tag, text) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function title(problems, ok) {
    if (!ok) return "The last change broke the build";
    var warnings = problems.filter(function (p) { return p.severity === "warning"; }).length;
    var notes = problems.length - warnings, parts = [];
    if (warnings) parts.push(warnings + " warning" + (warnings === 1 ? "" : "s"));
    if (notes) parts.push(notes + " note" + (notes === 1 ? "" : "s"));
    return "The build passed with " + parts.join(" and ");
  }
  // Room below the page as high as the panel, so that the page's end scrolls clear of it.
  function room() {
    var box = document.getElementById("medpress-overlay"), spacer = document.getElementById("medpress-room");
    if (!box) { if (spacer) spacer.remove(); return; }
    if (!spacer) {
      spacer = document.createElement("div");
      spacer.id = "medpress-room";
      spacer.setAttribute("aria-hidden", "true");
      document.body.appendChild(spacer);
    }
    spacer.style.height = box.offsetHeight + "px";
  }
  function hiding(box) {
    var button = box.querySelector("button");
    if (button) button.onclick = function () { box.remove(); room(); };
  }
  function show(status) {
    var old = document.getElementById("medpress-overlay");
    if (old) old.remove();
    if (!status.problems.length) { room(); return; }
    var box = document.createElement("div"), inner = document.createElement("div"), list = null, path = null;
    var header = document.createElement("div");
    box.id = "medpress-overlay";
    box.lang = "en";
    box.dir = "ltr";
    box.setAttribute("role", status.ok ? "status" : "alert");
    box.setAttribute("aria-labelledby", "medpress-overlay-title");
    box.setAttribute("style", "OVERLAY_STYLE");
    inner.style.cssText = "INNER_STYLE";
    header.style.cssText = "HEADER_STYLE";
    var heading = add(header, "h2", title(status.problems, status.ok));
    heading.id = "medpress-overlay-title";
    heading.style.cssText = "TITLE_STYLE";
    heading.style.color = status.ok ? "WARNING_COLOUR" : "ERROR_COLOUR";
    add(header, "button", "Hide").style.cssText = "HIDE_STYLE";
    inner.appendChild(header);
    add(inner, "p", status.ok ? "PASSED_INTRO" : "FAILED_INTRO");
    status.problems.forEach(function (p) {
      if ((p.path || "site") !== path) {
        path = p.path || "site";
        var mine = status.page_files.indexOf(path) >= 0;
        add(inner, "h3", path + (mine ? "THIS_PAGE" : "")).style.cssText = "GROUP_STYLE";
        list = add(inner, "ol");
      }
      var item = add(list, "li");
      add(item, "code", path + (p.line ? ":" + p.line : ""));
      if (p.key) add(item, "strong", " " + p.key + ":");
      var severity = p.severity === "warning" || p.severity === "note" ? p.severity + ": " : "";
      add(item, "span", " " + severity + p.message);
      if (p.rule) add(item, "code", " [" + p.rule + "]");
      if (p.hint) { add(item, "br"); add(item, "em", "Fix: " + p.hint); }
    });
    box.appendChild(inner);
    document.body.appendChild(box);
    hiding(box);
    room();
  }
  var served = document.getElementById("medpress-overlay");  // the panel the server wrote into the page
  if (served) { hiding(served); room(); }
  window.addEventListener("resize", room);
  events.addEventListener("build", function (e) {
    var status = JSON.parse(e.data);
    if (status.generation !== loaded) { location.reload(); return; }
    show(status);
  });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();
</script>
"""


def _filled(template: str) -> str:
    """The script with the panel's styles and texts written in, the same as the server's panel has them."""
    for name in ("OVERLAY_STYLE", "INNER_STYLE", "HEADER_STYLE", "TITLE_STYLE", "HIDE_STYLE", "GROUP_STYLE",
                 "WARNING_COLOUR", "ERROR_COLOUR", "PASSED_INTRO", "FAILED_INTRO", "THIS_PAGE"):
        template = template.replace(name, globals()[name])
    return template


RELOAD_SCRIPT = _filled(RELOAD_TEMPLATE)
