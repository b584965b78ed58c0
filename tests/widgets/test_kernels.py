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
    assert "close the other tabs" in TOO_MANY_PAGES.lower()


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
    with pytest.raises(web.HTTPError):                 # no orphan left: refused, nothing shut down
        asyncio.run(manager.start_kernel())
    assert manager.shut == [k0]
