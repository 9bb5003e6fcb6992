"""What the browser sees of `serve`: the live-reload script and the error overlay.

Both are added to HTML responses by the dev server only, never written to a build.
"""

from __future__ import annotations

import html
from typing import Any


def inject(page: bytes, status: dict[str, Any]) -> bytes:
    """Add the live-reload script, and the error overlay while the last build failed, before </body>."""
    extra = "" if status["ok"] else overlay_html(status["problems"])
    extra += RELOAD_SCRIPT.replace("GENERATION", str(status["generation"]))
    data = extra.encode()
    at = page.lower().rfind(b"</body>")
    return page + data if at < 0 else page[:at] + data + page[at:]


def overlay_html(problems: list[dict[str, Any]]) -> str:
    """Render the problems as a dialog over the page: file, line, key, message and fix."""
    items = "".join(_overlay_item(p) for p in problems)
    return (f'<div id="medpress-overlay" role="alertdialog" aria-labelledby="medpress-overlay-title" '
            f'style="{OVERLAY_STYLE}"><div style="max-width:60rem;margin:0 auto">'
            '<h2 id="medpress-overlay-title" style="margin:0 0 .5rem;color:#ffb4a9">'
            "The last change broke the build</h2>"
            "<p>You are looking at the last good build. Fix the file and save: "
            f'this page reloads by itself.</p><ol style="padding-left:1.5rem">{items}</ol>'
            '<button type="button" onclick="this.closest(\'#medpress-overlay\').remove()">Hide</button>'
            "</div></div>")


def _overlay_item(problem: dict[str, Any]) -> str:
    place = html.escape(problem["path"] or "site")
    if problem["line"]:
        place += f":{problem['line']}"
    key = f' <strong class="key">{html.escape(problem["key"])}</strong>:' if problem["key"] else ""
    hint = f'<br><em class="hint">Fix: {html.escape(problem["hint"])}</em>' if problem["hint"] else ""
    severity = "warning: " if problem["severity"] == "warning" else ""
    return (f'<li style="margin:0 0 .75rem"><code class="place">{place}</code>{key} '
            f'<span class="message">{severity}{html.escape(problem["message"])}</span>{hint}</li>')


def placeholder(generation: int) -> bytes:
    """A page for a missing path when the site has no 404 page (or no good build) yet."""
    title = "No page here yet" if generation else "The site has not built yet"
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>medpress serve is waiting for a good build.</p></body></html>").encode()


OVERLAY_STYLE = ("position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;"
                 "background:rgba(20,20,24,.97);color:#f4f4f4;font:16px/1.5 system-ui,sans-serif")

# Drawn with textContent, never innerHTML: problem messages quote the editor's own text.
RELOAD_SCRIPT = """<script>/* added by medpress serve for live reload; never part of a build */
(function () {
  var loaded = GENERATION;
  var events = new EventSource("/__medpress/events");
  events.addEventListener("build", function (e) {
    if (JSON.parse(e.data).generation !== loaded) { location.reload(); return; }
    var old = document.getElementById("medpress-overlay");
    if (old) old.remove();
  });
  events.addEventListener("problems", function (e) {
    var problems = JSON.parse(e.data).problems, old = document.getElementById("medpress-overlay");
    if (old) old.remove();
    var box = document.createElement("div"), inner = document.createElement("div");
    box.id = "medpress-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("style", "OVERLAY_STYLE");
    inner.style.cssText = "max-width:60rem;margin:0 auto";
    function add(parent, tag, text) {
      var el = document.createElement(tag);
      if (text) el.textContent = text;
      parent.appendChild(el);
      return el;
    }
    add(inner, "h2", "The last change broke the build").style.color = "#ffb4a9";
    add(inner, "p", "You are looking at the last good build. Fix the file and save: this page reloads by itself.");
    var list = add(inner, "ol");
    problems.forEach(function (p) {
      var item = add(list, "li");
      add(item, "code", (p.path || "site") + (p.line ? ":" + p.line : ""));
      if (p.key) add(item, "strong", " " + p.key + ":");
      add(item, "span", " " + (p.severity === "warning" ? "warning: " : "") + p.message);
      if (p.hint) { add(item, "br"); add(item, "em", "Fix: " + p.hint); }
    });
    add(inner, "button", "Hide").onclick = function () { box.remove(); };
    box.appendChild(inner);
    document.body.appendChild(box);
  });
})();
</script>
""".replace("OVERLAY_STYLE", OVERLAY_STYLE)
