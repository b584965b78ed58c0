"""The workshop server's kernel cap, without starting kernels (the real server: tests/ui)."""
from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import pytest
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web

from leder_insights.widgets._kernels import TOO_MANY_PAGES, WorkshopKernelManager


@pytest.fixture
def manager(monkeypatch):
    kernels: dict = {}

    async def fake_start(self, **kwargs):
        await asyncio.sleep(0.01)                        # other page loads arrive meanwhile
        kid = f"k{len(kernels) + len(self.shut)}"
        kernels[kid] = SimpleNamespace(last_activity=utcnow(), execution_state="idle")
        self._kernel_connections[kid] = 0
        return kid

    async def fake_shutdown(self, kid, now=False, restart=False):
        kernels.pop(kid)
        self._kernel_connections.pop(kid, None)
        self.shut.append(kid)

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(WorkshopKernelManager, "shutdown_kernel", fake_shutdown)
    monkeypatch.setattr(WorkshopKernelManager, "list_kernel_ids", lambda self: list(kernels))
    monkeypatch.setattr(WorkshopKernelManager, "get_kernel", lambda self, kid: kernels[kid])
    m = WorkshopKernelManager(max_kernels=3, orphan_seconds=10)
    m.shut = []
    m.kernels = kernels
    return m


def test_a_burst_of_page_loads_never_starts_more_kernels_than_the_cap(manager):
    async def burst():
        return await asyncio.gather(*(manager.start_kernel() for _ in range(6)), return_exceptions=True)

    results = asyncio.run(burst())
    started = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, web.HTTPError)]
    assert len(started) == 3 and len(refused) == 3 and len(manager.kernels) == 3
    assert all(r.status_code == 503 and r.log_message == TOO_MANY_PAGES for r in refused)
    assert "close a workshop tab" in TOO_MANY_PAGES.lower() and "reload" in TOO_MANY_PAGES


def test_a_quiet_kernel_without_a_page_makes_room_and_a_connected_one_does_not(manager):
    for _ in range(3):
        asyncio.run(manager.start_kernel())
    k0, k1, k2 = sorted(manager.kernels)
    old = utcnow() - timedelta(seconds=60)
    manager.kernels[k0].last_activity = old            # an aborted load: rendered, never connected
    manager.kernels[k1].last_activity = old
    manager._kernel_connections[k1] = 1                # a page is open on it
    manager.kernels[k2].last_activity = old
    manager.kernels[k2].execution_state = "busy"       # still rendering
    assert manager.orphans() == [k0]
    new = asyncio.run(manager.start_kernel())
    assert manager.shut == [k0] and set(manager.kernels) == {k1, k2, new}
    with pytest.raises(web.HTTPError):                 # no orphan left, k2 still rendering: refused
        asyncio.run(manager.start_kernel())
    assert manager.shut == [k0]


def _full_of_open_pages(manager, quiet_seconds):
    for _ in range(3):
        asyncio.run(manager.start_kernel())
    kids = sorted(manager.kernels)
    for k, quiet in zip(kids, quiet_seconds):
        manager.kernels[k].last_activity = utcnow() - timedelta(seconds=quiet)
        manager._kernel_connections[k] = 1            # every slot holds an open page
    return kids


def test_when_every_slot_holds_an_open_page_the_page_quiet_longest_gives_way(manager):
    """facil7 F1: four forgotten tabs (or anyone with the URL) no longer lock the facilitator out."""
    manager.takeover_seconds = 30
    k0, k1, k2 = _full_of_open_pages(manager, (40, 300, 5))
    assert manager.idle_pages() == [k1, k0]            # least recently active first; k2 is in use
    new = asyncio.run(manager.start_kernel())
    assert manager.shut == [k1] and set(manager.kernels) == {k0, k2, new}


def test_pages_in_use_are_never_taken_and_the_refusal_says_what_to_do(manager):
    manager.takeover_seconds = 30
    _full_of_open_pages(manager, (5, 10, 20))          # all used within the last half minute
    with pytest.raises(web.HTTPError) as err:
        asyncio.run(manager.start_kernel())
    assert err.value.status_code == 503 and err.value.log_message == TOO_MANY_PAGES
    assert manager.shut == []


def test_an_open_page_is_not_taken_while_another_slot_is_still_rendering(manager):
    manager.takeover_seconds = 30
    k0, k1, k2 = _full_of_open_pages(manager, (300, 300, 300))
    manager._kernel_connections[k2] = 0                # a load in progress: no page yet
    manager.kernels[k2].last_activity = utcnow()
    assert manager.idle_pages() == []
    with pytest.raises(web.HTTPError):
        asyncio.run(manager.start_kernel())
    assert manager.shut == []


def test_the_refused_page_shows_the_plain_words():
    """facil7 F8: the 503 page of the workshop template carries TOO_MANY_PAGES, escaped."""
    import jinja2

    from leder_insights.cli.explore import voila_share_dir

    root = voila_share_dir() / "voila" / "templates" / "leder" / "503.html"
    text = root.read_text(encoding="utf-8")
    assert 'extends "voila/templates/lab/error.html"' in text
    block = text.split("{% block error_detail %}")[1].split("{% endblock %}")[0]
    html = jinja2.Environment(autoescape=False).from_string(block).render(message=TOO_MANY_PAGES + " <b>")
    assert TOO_MANY_PAGES in html and "<b>" not in html
