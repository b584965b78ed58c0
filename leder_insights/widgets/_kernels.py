"""The workshop server's kernel manager: a cap on kernels, so page loads cannot pile them up.

Voilà starts one kernel (~350 MB) for every GET of the tokened page, even one that is aborted
before a page exists; such a kernel waits for the idle cull. :class:`WorkshopKernelManager` keeps
at most ``max_kernels`` alive: before starting one more it shuts down kernels that finished
rendering, have no page connected and have been quiet for ``orphan_seconds``; if every slot is
still in use, the request gets HTTP 503 with a message saying what to do.

Used by ``leder-insights explore`` (see :func:`leder_insights.cli.explore.voila_command`).

>>> WorkshopKernelManager.max_kernels.default_value
4
"""
from __future__ import annotations

from datetime import timedelta

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ensure_async
from tornado import web
from traitlets import Float, Integer

#: what a refused page load says (no server detail)
TOO_MANY_PAGES = ("Too many workshop pages are open at once. Close the other tabs of this workshop, "
                  "wait a minute, then reload this page.")


class WorkshopKernelManager(AsyncMappingKernelManager):
    """At most ``max_kernels`` kernels; orphans (no page, quiet) make way for a new page."""

    max_kernels = Integer(4, config=True, help="Most kernels (open pages) at once.")
    orphan_seconds = Float(10.0, config=True,
                           help="A kernel with no page connected, idle this long, may be shut down "
                                "to make room for a new page.")

    _starting = Integer(0)  # kernels being started (page loads arrive together)

    def orphans(self) -> list[str]:
        """Kernels no page is connected to, not busy, quiet for ``orphan_seconds``; oldest first."""
        from jupyter_server._tz import utcnow

        now, found = utcnow(), []
        for kid in list(self.list_kernel_ids()):
            kernel = self.get_kernel(kid)
            last = getattr(kernel, "last_activity", None)
            if self._kernel_connections.get(kid, 0) or getattr(kernel, "execution_state", "") == "busy" \
                    or last is None or now - last < timedelta(seconds=self.orphan_seconds):
                continue
            found.append((last, kid))
        return [kid for _last, kid in sorted(found)]

    async def start_kernel(self, **kwargs):  # type: ignore[override]
        """Start a kernel for a new page, after making room; HTTP 503 when there is none."""
        in_use = len(self.list_kernel_ids()) + self._starting
        for kid in self.orphans()[:max(in_use - self.max_kernels + 1, 0)]:
            self.log.warning("Shutting down kernel %s: no page connected; making room for a new page.", kid)
            await ensure_async(self.shutdown_kernel(kid))
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            self.log.warning("Refused a page load: %d kernels are in use (max_kernels).", self.max_kernels)
            raise web.HTTPError(503, reason="Too many pages open", log_message=TOO_MANY_PAGES)
        self._starting += 1
        try:
            return await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1


__all__ = ["WorkshopKernelManager", "TOO_MANY_PAGES"]
