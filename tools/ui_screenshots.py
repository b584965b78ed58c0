"""Screenshots of the workshop app and the HTML report at projector size (1280×720).

Usage (after ``leder-insights demo -o demo_output``)::

    python tools/ui_screenshots.py demo_output docs/screenshots

Starts ``leder-insights explore PROJECT`` on 127.0.0.1, opens it in Debian Chromium through
Playwright (never ``playwright install``), saves one PNG per workshop screen and the first screen
of ``PROJECT/report.html``, then stops the server.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 720}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(project: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    port = _port()
    log = out / ".explore.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", "from leder_insights.cli import run; run()", "explore",
                                 str(project), "--port", str(port), "--no-browser"], stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    saved = []
    try:
        deadline = time.time() + 90
        url = None
        while time.time() < deadline and url is None:
            m = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]+", log.read_text(errors="replace"))
            if m and "is running at" in log.read_text(errors="replace"):
                url = m.group(0)
            time.sleep(0.3)
        if url is None:
            raise SystemExit(f"explore did not start:\n{log.read_text()}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)
            page.wait_for_selector("#li-denominator", timeout=180_000)
            page.wait_for_timeout(1000)

            def shot(name):
                path = out / f"{name}.png"
                page.screenshot(path=str(path))
                saved.append(path)

            def tab(name):
                page.get_by_role("tab", name=name, exact=True).click()
                page.wait_for_timeout(700)

            shot("workshop_findings")
            for name, file in (("Themes", "workshop_themes"), ("Trends", "workshop_trends"), ("Themes together", "workshop_together"),
                               ("Areas", "workshop_areas"), ("Filters", "workshop_filters")):
                tab(name)
                shot(file)
            tab("Themes")
            page.locator(".li-theme-btn").first.click()
            page.wait_for_selector("#li-listing")
            page.wait_for_timeout(700)
            shot("workshop_learning_points")
            tab("Actions")
            shot("workshop_actions")
            report = project / "report.html"
            if report.is_file():
                page.goto(report.resolve().as_uri())
                page.wait_for_timeout(800)
                shot("report")
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.unlink(missing_ok=True)
    return saved


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    for path in main(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
