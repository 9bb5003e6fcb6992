"""`serve`: driven as a subprocess on a temporary site, polled over HTTP with short sleeps."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article

from medpress.errors import Problem
from medpress.livereload import inject
from medpress.serve import HOST, PreviewState, SiteWatcher, make_server

ARTICLE = "content/articles/klonopin-addiction.md"
PAGE = "/klonopin-addiction/"
DEADLINE = 10.0  # seconds; a change normally shows in well under one


class Server:
    """A running `medpress serve` subprocess and the URL it printed."""

    def __init__(self, process: subprocess.Popen[str], site: Path, port: int, lines: queue.Queue[str]) -> None:
        self.process = process
        self.site = site
        self.port = port
        self.lines = lines

    def get(self, path: str) -> tuple[int, str]:
        return get(self.port, path)

    def status(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.get("/__medpress/status")[1])

    def status_of(self, page: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self.get(f"/__medpress/status?page={quote(page)}")[1])

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, "the server exited"
            time.sleep(0.05)
        pytest.fail(f"timed out waiting for {what}; server said:\n{self.output()}")

    def output(self) -> str:
        said = []
        while not self.lines.empty():
            said.append(self.lines.get())
        return "".join(said)


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[int]:
    """Serve folder as the preview does, in this process, on a free port."""
    server = make_server(folder, PreviewState(), 0)
    threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _read_lines(stream, lines: queue.Queue[str]) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        lines.put(line)


@pytest.fixture
def start_server(make_site) -> Iterator[Callable[..., Server]]:  # type: ignore[no-untyped-def]
    processes: list[subprocess.Popen[str]] = []

    def start(*args: str, files: dict[str, str | None] | None = None) -> Server:
        site = make_site(files)
        process = subprocess.Popen(
            [sys.executable, "-m", "medpress", "serve", "--site", str(site), "--port", "0", *TODAY_ARG, *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        processes.append(process)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
        seen = ""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline and process.poll() is None:
            try:
                seen += lines.get(timeout=0.1)
            except queue.Empty:
                continue
            match = re.search(r"http://([0-9.]+):(\d+)/", seen)
            if match:
                assert match.group(1) == "127.0.0.1", seen
                return Server(process, site, int(match.group(2)), lines)
        pytest.fail(f"serve printed no URL:\n{seen}")

    try:
        yield start
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_serve_answers_on_loopback_with_live_reload_only_in_responses(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    status, page = server.get(PAGE)
    assert status == 200
    assert "Text about clonazepam" in page
    assert "/__medpress/events" in page and page.index("/__medpress/events") < page.rindex("</body>")
    assert server.status() == {"generation": 1, "ok": True, "problems": [], "page_files": []}
    site = server.site
    on_disk = (site / ".medpress-serve/site/klonopin-addiction/index.html").read_text(encoding="utf-8")
    assert "__medpress" not in on_disk  # the script is added when served, never written
    assert server.get("/no-such-page/")[0] == 404


def test_a_second_server_on_a_site_previews_in_a_folder_of_its_own(start_server) -> None:  # type: ignore[no-untyped-def]
    files = {"content/articles/xanax-draft.md": article("Xanax draft", draft="true")}
    first = start_server("--drafts", files=files)
    second = start_server(files=files)  # its first build is done once it prints its address
    assert first.get("/xanax-draft/")[0] == 200  # the first one's drafts are still served
    assert second.get("/xanax-draft/")[0] == 404
    preview = first.site / ".medpress-serve"
    assert (preview / "site/xanax-draft/index.html").is_file()
    assert (preview / "site-2/index.html").is_file() and not (preview / "site-2/xanax-draft").exists()
    # --out of a folder a running server serves is refused, naming the way out.
    taken = subprocess.run([sys.executable, "-m", "medpress", "serve", "--site", str(first.site), "--port", "0",
                            "--out", str(preview / "site"), *TODAY_ARG],
                           capture_output=True, text=True, timeout=60, check=False)
    assert taken.returncode == 1
    assert "another medpress serve is serving this folder" in taken.stderr and "--out" in taken.stderr
    # A busy port is refused before a word about the folder a third server would have used.
    busy = subprocess.run([sys.executable, "-m", "medpress", "serve", "--site", str(first.site), "--port",
                           str(first.port), *TODAY_ARG], capture_output=True, text=True, timeout=60, check=False)
    assert busy.returncode == 1
    assert f"Cannot serve on 127.0.0.1:{first.port}" in busy.stderr and "builds into" not in busy.stdout + busy.stderr
    # A server killed outright holds nothing: the next one takes its folder.
    first.process.kill()
    first.process.wait()
    third = start_server(files=files)
    assert third.get("/klonopin-addiction/")[0] == 200
    assert not (preview / "site-3").exists()


def test_serve_refuses_an_out_folder_that_build_refuses_before_serving_it(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "passwd").write_text("not for the browser\n", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "medpress", "serve", "--site", str(site), "--port", "0",
                              "--out", str(foreign), *TODAY_ARG],
                             capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 1
    assert f"{foreign}: the output folder is not empty and was not made by medpress" in refused.stderr
    assert "Serving" not in refused.stdout + refused.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["foreign", "site"]  # no lock beside it either


def test_serve_refuses_its_own_preview_folder_filled_with_other_files(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    preview = site / ".medpress-serve/site"
    preview.mkdir(parents=True)
    (preview / "notes.txt").write_text("not for the browser\n", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "medpress", "serve", "--site", str(site), "--port", "0",
                              *TODAY_ARG], capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode == 1
    assert f"{preview}: the output folder is not empty and was not made by medpress" in refused.stderr
    assert "Serving" not in refused.stdout + refused.stderr


def test_a_folder_without_an_index_is_not_found_not_listed(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/site.css").write_text("body {}\n", encoding="utf-8")
    (tmp_path / "404.html").write_text("<html><body><p>No such page</p></body></html>", encoding="utf-8")
    with serving(tmp_path) as port:
        status, page = get(port, "/assets/")
    assert status == 404
    assert "No such page" in page and "site.css" not in page


def test_a_malformed_address_gets_an_answer_not_a_dropped_connection(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "404.html").write_text("<html><body><p>No such page</p></body></html>", encoding="utf-8")
    with serving(tmp_path) as port:
        assert get(port, "/%00")[0] == 400
        assert get(port, "/%ED%A0%80")[0] == 400  # a lone surrogate, which no file name can hold
        assert get(port, "/%ff")[0] == 404  # not UTF-8
        assert get(port, "/%zz")[0] == 404
        status, page = get(port, "/" + "a" * 300)  # longer than the file system allows a name to be
        assert status == 404 and "No such page" in page
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_page_in_a_language_s_folder_gets_that_language_s_404(start_server) -> None:  # type: ignore[no-untyped-def]
    # As _redirects tells hosts: /fr/* answers with /fr/404.html.
    server = start_server(files={"site.yaml": SITE_YAML + "languages: [en, fr]\nsite_text:\n  fr: {title: Clinique}\n"})
    status, page = server.get("/fr/no-such-page/")
    assert status == 404 and '<html lang="fr"' in page
    status, page = server.get("/no-such-page/")
    assert status == 404 and '<html lang="en"' in page


def test_an_edit_shows_up_without_a_restart(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    site = server.site
    (site / ARTICLE).write_text(article(body="## Overview\n\nA freshly edited paragraph.\n"), encoding="utf-8")
    server.wait_for(lambda: "A freshly edited paragraph." in server.get(PAGE)[1], "the edited page")
    server.wait_for(lambda: server.status()["generation"] >= 2, "the second build")


def test_a_broken_edit_shows_an_overlay_over_the_last_good_page_until_fixed(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    site = server.site
    broken = article().replace("title: Klonopin addiction", 'title: "Klonopin addiction')
    (site / ARTICLE).write_text(broken, encoding="utf-8")
    server.wait_for(lambda: not server.status()["ok"], "the failed build")

    problem = server.status()["problems"][0]
    assert problem["path"] == ARTICLE and problem["line"] and problem["message"].startswith("invalid YAML")
    status, page = server.get(PAGE)
    assert status == 200
    assert "Text about clonazepam" in page  # the last good page is still served
    assert 'id="medpress-overlay"' in page
    assert f"{ARTICLE}:{problem['line']}" in page
    assert "Fix: " in page
    assert "Build failed" in server.output()

    event, data = first_event(server.port)
    assert event == "problems" and data["problems"][0]["path"] == ARTICLE

    (site / ARTICLE).write_text(article(body="## Overview\n\nFixed again.\n"), encoding="utf-8")
    # The new page is on disk a moment before the build reports success, so wait for both.
    server.wait_for(lambda: server.status()["ok"], "the good build")
    page = server.get(PAGE)[1]
    assert "Fixed again." in page and 'id="medpress-overlay"' not in page
    assert first_event(server.port)[0] == "build"


def test_a_bad_reviewer_shows_file_line_key_and_hint(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    site = server.site
    (site / ARTICLE).write_text(article(reviewer="dr-adda"), encoding="utf-8")
    server.wait_for(lambda: not server.status()["ok"], "the failed build")
    page = server.get(PAGE)[1]
    assert f"<code class=\"place\">{ARTICLE}:5</code>" in page
    assert '<strong class="key">reviewer</strong>' in page
    assert "no reviewer &#x27;dr-adda&#x27;" in page
    assert "Fix: did you mean &#x27;dr-ada&#x27;?" in page


def test_a_site_that_fails_from_the_start_is_served_once_fixed(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server(files={ARTICLE: article(reviewer="dr-adda")})
    assert not server.status()["ok"] and server.status()["generation"] == 0
    status, page = server.get(PAGE)
    assert status == 404 and 'id="medpress-overlay"' in page and f"{ARTICLE}:5" in page
    (server.site / ARTICLE).write_text(article(), encoding="utf-8")
    server.wait_for(lambda: server.status()["ok"], "the first good build")
    assert server.status()["generation"] >= 1 and server.status()["problems"] == []
    assert server.get(PAGE)[0] == 200


def test_site_yaml_is_reloaded_on_every_rebuild(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    site = server.site
    config = site / "site.yaml"
    replaced = site / "site.yaml.new"
    replaced.write_text(config.read_text(encoding="utf-8").replace("Test Clinic", "Renamed Clinic"), encoding="utf-8")
    replaced.replace(config)  # as editors that save atomically do
    server.wait_for(lambda: "Renamed Clinic" in server.get(PAGE)[1], "the new site title")


def test_a_site_under_a_path_is_previewed_at_the_root_of_the_port(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server(files={"site.yaml": SITE_YAML.replace("https://clinic.example",
                                                                 "https://clinic.example/resources/")})
    status, page = server.get(PAGE)
    assert status == 200
    assert '<a href="/insights/benzodiazepines/">Benzodiazepines</a>' in page
    assert f'<link rel="canonical" href="http://{HOST}:{server.port}{PAGE}">' in page


def test_a_static_folder_made_while_serving_is_published(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    (server.site / "static/.well-known").mkdir(parents=True)
    (server.site / "static/.well-known/security.txt").write_text("Contact: mailto:a@clinic.example\n")
    server.wait_for(lambda: server.get("/.well-known/security.txt") == (200, "Contact: mailto:a@clinic.example\n"),
                    "the static file")


def test_the_server_never_listens_beyond_loopback(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server()
    address = _outward_address()
    if address is None or address.startswith("127."):
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((address, server.port), timeout=1).close()


def test_make_server_binds_127_0_0_1(tmp_path: Path) -> None:
    server = make_server(tmp_path, PreviewState(), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.server_address[1] > 0
    finally:
        server.server_close()


def test_inject_adds_the_overlay_only_while_failing() -> None:
    page = b"<html><body><p>hi</p></body></html>"
    good = inject(page, {"generation": 3, "ok": True, "problems": []})
    assert good.startswith(b"<html><body><p>hi</p><script>") and good.endswith(b"</body></html>")
    assert b"var loaded = 3;" in good and b'id="medpress-overlay"' not in good
    problem = {"severity": "error", "path": "content/a.md", "line": 4, "key": "title",
               "message": "<b>bad</b>", "hint": "fix it"}
    bad = inject(page, {"generation": 3, "ok": False, "problems": [problem]})
    assert b'id="medpress-overlay"' in bad and b"content/a.md:4" in bad
    assert b"&lt;b&gt;bad&lt;/b&gt;" in bad and b"<b>bad</b>" not in bad


def test_serve_shows_the_warnings_of_a_good_build_and_drops_them_once_fixed(start_server) -> None:  # type: ignore[no-untyped-def]
    server = start_server(files={ARTICLE: article(body="\nDetox here is risk-free.\n")})
    status = server.status()
    assert status["ok"] and [p["rule"] for p in status["problems"]] == ["claim"]
    _, page = server.get(PAGE)
    assert 'id="medpress-overlay"' in page and "Detox here is" in page  # the panel, and the page under it
    (server.site / ARTICLE).write_text(article(body="\nDetox here is supervised.\n"), encoding="utf-8")
    server.wait_for(lambda: server.status()["generation"] >= 2, "the rebuild")
    assert server.status() == {"generation": 2, "ok": True, "problems": [], "page_files": []}
    assert 'id="medpress-overlay"' not in server.get(PAGE)[1]


def test_the_panel_lists_the_open_page_s_own_file_first(start_server) -> None:  # type: ignore[no-untyped-def]
    other = "content/articles/aaa-first-in-path-order.md"
    server = start_server(files={other: article("Alprazolam", body="\nDetox here is risk-free.\n"),
                                 ARTICLE: article(body="\nDetox here is risk-free.\n")})
    assert [p["path"] for p in server.status()["problems"]] == [other, ARTICLE]  # by path, for no page
    for address in (PAGE, PAGE + "index.html", PAGE + "?utm=x"):
        _, page = server.get(address)
        panel = page[page.index('<div id="medpress-overlay"'):page.index("<script>")]
        assert panel.index(f"{ARTICLE} (this page)</h3>") < panel.index(f"{other}</h3>"), address
    status = server.status_of(PAGE)
    assert [p["path"] for p in status["problems"]] == [ARTICLE, other] and status["page_files"] == [ARTICLE]
    assert first_event(server.port, PAGE)[1]["page_files"] == [ARTICLE]  # what the open tab's script is sent
    home = server.get("/")[1]
    panel = home[home.index('<div id="medpress-overlay"'):home.index("<script>")]
    assert "(this page)" not in panel and panel.index(f"{other}</h3>") < panel.index(f"{ARTICLE}</h3>")


def test_a_good_build_with_warnings_shows_them_grouped_by_file_without_hiding_the_page() -> None:
    page = b"<html><body><p>hi</p></body></html>"
    warnings = [
        {"severity": "warning", "path": "content/a.md", "line": 4, "key": "body", "rule": "claim",
         "message": '"guaranteed" is an absolute claim about treatment', "hint": "promise less"},
        {"severity": "note", "path": "content/a.md", "line": 9, "key": "body", "rule": "claim",
         "message": '"cure" is acknowledged as intended: a quotation', "hint": ""},
        {"severity": "warning", "path": "content/b.md", "line": 2, "key": "body", "rule": "readability",
         "message": "reads at grade 12", "hint": ""},
    ]
    shown = inject(page, {"generation": 2, "ok": True, "problems": warnings}).decode()
    panel = shown[shown.index('<div id="medpress-overlay"'):shown.index("<script>")]
    assert "The build passed with 2 warnings and 1 note" in panel and 'role="status"' in panel
    assert panel.count("<h3") == 2 and panel.index("content/a.md</h3>") < panel.index("content/b.md</h3>")
    assert "bottom:0" in panel and "max-height:50vh" in panel and "inset:0" not in panel  # the page stays in view
    assert "[claim]" in panel and "warning: &quot;guaranteed&quot;" in panel and "note: " in panel
    assert "notes need nothing from you" in panel  # an acknowledged claim is not for fixing
    assert "<p>hi</p>" in shown


def first_event(port: int, page: str = "") -> tuple[str, dict]:  # type: ignore[type-arg]
    """Read the first named Server-Sent Event from the events endpoint (as the script on page asks for them)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", f"/__medpress/events?page={quote(page)}" if page else "/__medpress/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        event = ""
        while True:
            line = response.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[len("event: "):]
            elif line.startswith("data: ") and event:
                return event, json.loads(line[len("data: "):])
    finally:
        connection.close()


def _outward_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent for a UDP connect
            return str(probe.getsockname()[0])
    except OSError:
        return None


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")
def test_an_open_tab_reloads_itself_and_shows_then_clears_the_overlay(start_server) -> None:  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api")
    server = start_server()
    source = server.site / ARTICLE
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless=new", "--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.goto(f"http://{HOST}:{server.port}{PAGE}")
            tab.wait_for_function("document.readyState === 'complete'")
            source.write_text(article(body="## Overview\n\nSeen without pressing reload.\n"), encoding="utf-8")
            tab.wait_for_selector("text=Seen without pressing reload.", timeout=DEADLINE * 1000)

            source.write_text(article(reviewer="dr-adda"), encoding="utf-8")
            overlay = tab.wait_for_selector("#medpress-overlay", timeout=DEADLINE * 1000)
            text = overlay.inner_text()
            assert f"{ARTICLE}:5" in text and "reviewer" in text and "Fix: did you mean 'dr-ada'?" in text
            assert overlay.query_selector("h3").inner_text() == f"{ARTICLE} (this page)"  # the script asks for it
            assert "Seen without pressing reload." in tab.inner_text("main")  # the last good page, under it
            assert_the_panel_can_be_read_and_hidden(tab)
            tab.reload()  # the panel the server writes into the page: the same, and Hide works there too
            tab.wait_for_function("document.readyState === 'complete'")
            assert_the_panel_can_be_read_and_hidden(tab)

            source.write_text(article(body="## Overview\n\nFixed in the browser.\n"), encoding="utf-8")
            tab.wait_for_selector("text=Fixed in the browser.", timeout=DEADLINE * 1000)
            assert tab.query_selector("#medpress-overlay") is None
        finally:
            browser.close()


def assert_the_panel_can_be_read_and_hidden(tab) -> None:  # type: ignore[no-untyped-def]
    """The panel is English wherever it shows, named by its title, opaque, with Hide beside its title; the page
    has room below it to scroll its end clear of the panel; Hide takes both away."""
    panel = tab.wait_for_selector("#medpress-overlay", timeout=DEADLINE * 1000)
    assert panel.get_attribute("lang") == "en" and panel.get_attribute("aria-labelledby") == "medpress-overlay-title"
    assert panel.query_selector("h2#medpress-overlay-title") is not None
    assert tab.evaluate("getComputedStyle(document.getElementById('medpress-overlay')).backgroundColor") == \
        "rgb(20, 20, 24)"
    title, hide = panel.query_selector("h2").bounding_box(), panel.query_selector("button").bounding_box()
    assert hide["y"] < title["y"] + title["height"] and hide["height"] >= 24 and hide["width"] >= 24
    room = tab.evaluate("document.getElementById('medpress-room').offsetHeight")
    assert room == round(panel.bounding_box()["height"])
    panel.query_selector("button").click()
    assert tab.query_selector("#medpress-overlay") is None and tab.query_selector("#medpress-room") is None


def test_the_watcher_ignores_an_editors_leftovers_but_not_the_edit(tmp_path: Path) -> None:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    changes: queue.Queue[set[str]] = queue.Queue()
    stop = threading.Event()
    SiteWatcher(tmp_path, changes, stop).start()
    try:
        time.sleep(0.5)  # the watches are set up
        for name in ("klonopin.md~", "#klonopin.md#", "4913", ".klonopin.md.swp", "sedAMOQy3"):
            (tmp_path / "content" / "articles" / name).write_text("saved\n", encoding="utf-8")
        with pytest.raises(queue.Empty):
            changes.get(timeout=1.0)
        (tmp_path / "content" / "articles" / "klonopin.md").write_text("saved\n", encoding="utf-8")
        assert {Path(path).name for path in changes.get(timeout=5.0)} == {"klonopin.md"}
    finally:
        stop.set()


def test_a_serve_lock_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    from medpress.errors import OutputError
    from medpress.serve import claimed_preview

    out = tmp_path / "preview"
    (tmp_path / ".preview.serve.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError, match="is a symbolic link"), claimed_preview(tmp_path, out):
        pass
    assert not (tmp_path / "elsewhere").exists()


def test_the_files_a_page_is_made_from_include_a_person_s_translation_and_hold_for_later_pages(
        make_site) -> None:  # type: ignore[no-untyped-def]
    from test_languages import ADA_FR, FILES

    from medpress.pipeline import BuildOptions, build, held
    from medpress.serve import files_of_pages

    site = make_site({**FILES, ADA_FR: "bio: Relit les pages.\n"})
    report = held(build(site, BuildOptions(search=False, today=TODAY)), TODAY)
    files = files_of_pages(report.state.site if report.state else None)
    ada = "content/reviewers/dr-ada.yaml"
    assert files["/reviewers/dr-ada/"] == (ada,) and files["/fr/reviewers/dr-ada/"] == (ADA_FR, ada)
    state = PreviewState(files=files)
    state.succeeded([Problem("x", path) for path in ("content/articles/a.md", ada, ADA_FR)], files)
    for address in ("/fr/reviewers/dr-ada/", "/fr/reviewers/dr-ada/page/2/", "/fr/reviewers/dr-ada/page/2/index.html"):
        status = state.status(address)
        assert [p["path"] for p in status["problems"]] == [ada, ADA_FR, "content/articles/a.md"], address
        assert status["page_files"] == [ADA_FR, ada]
