"""The pages in headless Chromium (Debian's, driven by Playwright): click through, check, screenshot.

Screenshots of every page land in ``tests/screenshots/`` (gitignored) on each run.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from _web_support import HOSTILE_ID  # type: ignore[import-not-found]

from newsledger.web import create_app, linked

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTICLE = "northern-wire-trump-putin-call"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (run `make browser` to install it)"),
]


class _Server:
    """uvicorn serving on a socket bound here (no free-port race); ``ready`` is set once it is up or has failed."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        self.ready = threading.Event()
        outer = self

        class Server(uvicorn.Server):
            async def startup(self, sockets: list[socket.socket] | None = None) -> None:
                try:
                    await super().startup(sockets=sockets)
                finally:
                    outer.ready.set()

        self.srv = Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.srv.run(sockets=[self.sock])
        finally:
            self.ready.set()


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    """uvicorn in a thread, serving the demo ledger read-only."""
    running = _Server(create_app(demo_db))
    running.thread.start()
    running.ready.wait()  # set by the server's startup, or when its thread ends
    if not running.srv.started:
        pytest.fail("uvicorn did not start")
    yield f"http://127.0.0.1:{running.port}"
    running.srv.should_exit = True
    running.thread.join()
    running.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda req: None if req.url.startswith(server) else errors.append(f"off-site: {req.url}"))
    yield pg
    context.close()
    assert errors == [], errors


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_overview_page(page: Any) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "The ledger"
    assert page.locator(".chart svg rect").count() > 3
    assert page.locator(".legend .key").count() >= 2
    shot(page, "overview")


def test_article_page_then_speaker_to_actor(page: Any) -> None:
    page.goto(f"/articles/{ARTICLE}")
    assert "Putin" in page.locator("h1").inner_text()
    speaker = page.locator("#article-text a.hl-speaker[title='Donald Trump']").first
    cue = page.locator("#article-text .hl-cue").first
    content = page.locator("#article-text .hl-content").first
    colours = {
        el.evaluate("e => getComputedStyle(e).backgroundColor") for el in (speaker, cue, content)
    }
    assert len(colours) == 3, colours  # speaker, cue and content in distinct colours
    assert page.locator("#article-text .stance").count() >= 3
    assert page.locator("section.profile dd").first.inner_text().strip().isdigit()
    assert page.locator("table.events tbody tr").count() >= 1
    shot(page, "article")
    speaker.click()
    page.wait_for_url("**/actors/**")
    assert unquote(page.url).endswith("/actors/Donald Trump")
    assert page.locator("h1").inner_text() == "Donald Trump"
    assert page.locator("#network circle").count() >= 2
    assert page.locator(".timeline li").count() >= 3
    shot(page, "actor")


def test_actor_timeline_links_to_the_sentence(page: Any) -> None:
    page.goto("/actors/Donald%20Trump")
    assert page.locator("#network a.node:not(.center)").count() >= 1
    link = page.locator(".timeline li.tl-statement a[href*='#st-']").first
    href = link.get_attribute("href")
    assert href
    sid = href.split("#st-")[1]
    link.click()
    page.wait_for_url(f"**#st-{sid}")
    focused = page.locator(f"#article-text [data-st~='{sid}'].focus")
    assert focused.count() >= 1
    assert page.locator(f"#row-{sid}.focus").count() == 1


def test_claim_page_and_its_sentences(page: Any) -> None:
    if not linked.claims_available():
        page.goto("/claims")
        assert page.locator("#claims-unavailable").is_visible()
        shot(page, "claim")
        return
    page.goto("/claims?contested=true")
    shot(page, "claims")
    page.locator("table.claims tbody tr a[href^='/claims/']").first.click()
    page.wait_for_url("**/claims/**")
    assert page.locator(".claim-timeline li").count() >= 2
    roles = {r.lower() for r in page.locator(".claim-timeline .role").all_inner_texts()}
    assert roles & {"asserted", "confirmed"} and roles & {"denied", "neither confirmed nor denied"}
    assert page.locator(".side-assert li, .side-confirm li").count() >= 1
    shot(page, "claim")
    sentence = page.locator(".claim-timeline a.sentence").first
    href = sentence.get_attribute("href")
    assert href and "#st-" in href
    sid = href.split("#st-")[1]
    sentence.click()
    page.wait_for_url(f"**#st-{sid}")
    assert page.locator(f"#st-{sid}").count() == 1
    assert page.locator(f"#article-text [data-st~='{sid}'].focus").count() >= 1


def test_search_from_the_header(page: Any) -> None:
    page.goto("/")
    page.fill("#q", "Peskov")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=Peskov")
    assert page.locator("#h-s").inner_text().startswith("Statements (")
    assert page.locator("ul.hits li a").count() >= 2
    shot(page, "search")


def test_hostile_article_runs_no_script(page: Any) -> None:
    page.goto(f"/articles/{HOSTILE_ID}")
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert "<script>alert('content')</script>" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img, #article-text script, #article-text b").count() == 0
    shot(page, "hostile-article")


def test_api_docs_render_offline(page: Any) -> None:
    """Swagger UI from the package: it draws the endpoints, asks nothing off-site, breaks no CSP rule."""
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/articles']", timeout=30_000)
    assert page.locator(".swagger-ui").count() == 1
