"""The workshop server's kernel manager: a cap on kernels, so page loads cannot pile them up.

Voilà starts one kernel (~350 MB) for every GET of the tokened page, even one that is aborted
before a page exists; such a kernel waits for the idle cull. :class:`WorkshopKernelManager` keeps
at most ``max_kernels`` alive. Before starting one more it makes room, in this order:

1. kernels that finished rendering, have no page connected and have been quiet for
   ``orphan_seconds`` (aborted loads, closed tabs), oldest first;
2. when every slot holds an open page (none starting, none busy), the page that has been quiet
   longest, if quiet for ``takeover_seconds`` (facil7 F1: four forgotten tabs, or anyone with the
   URL, locked the facilitator out). The room's working page is the one being used, so a tab left
   open and untouched gives way to a new page; a page in use within ``takeover_seconds`` is never
   taken, so two people can each keep their own page.

A page whose slot is taken gets its WebSocket closed with :data:`TAKEN_CLOSE_CODE`, and the
workshop template tells it what happened and what to do. Only when neither frees a slot does the
request get HTTP 503, whose page (``503.html`` of the
``leder`` template) says what to do (:data:`TOO_MANY_PAGES`).

Used by ``leder-insights explore`` (see :func:`leder_insights.cli.explore.voila_command`).

>>> WorkshopKernelManager.max_kernels.default_value, WorkshopKernelManager.takeover_seconds.default_value
(4, 30.0)
"""
from __future__ import annotations

from datetime import timedelta

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ensure_async
from tornado import web
from traitlets import Float, Integer

#: what a refused page load says (no server detail)
TOO_MANY_PAGES = ("Too many workshop pages are open at once, and all of them are in use. Close a "
                  "workshop tab you do not need (on this computer or another), wait a minute, then reload "
                  "this page.")


#: the WebSocket close code a page gets when a newer page takes its slot: the workshop template
#: (``index.html.j2``) then says so in the app's words (``labels.yaml``, ``text: page_lost``)
TAKEN_CLOSE_CODE = 4001


def close_pages(kernel_id: str, code: int = TAKEN_CLOSE_CODE) -> int:
    """Close the WebSockets of the pages connected to ``kernel_id`` with ``code`` (a kernel shut
    down leaves its page's socket open, so the page would never learn why it stopped answering);
    returns how many were closed.

    >>> close_pages("no-such-kernel")
    0
    """
    try:
        from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    except ImportError:  # another server: the page finds out when its socket closes
        return 0
    n = 0
    for conn in list(ZMQChannelsWebsocketConnection._open_sockets):
        handler = getattr(conn, "websocket_handler", None)
        if getattr(conn, "kernel_id", None) != kernel_id or handler is None:
            continue
        handler.close(code, "A newer page took this page's slot.")
        n += 1
    return n


class WorkshopKernelManager(AsyncMappingKernelManager):
    """At most ``max_kernels`` kernels; orphans (no page, quiet) make way for a new page."""

    max_kernels = Integer(4, config=True, help="Most kernels (open pages) at once.")
    orphan_seconds = Float(10.0, config=True,
                           help="A kernel with no page connected, idle this long, may be shut down "
                                "to make room for a new page.")

    takeover_seconds = Float(30.0, config=True,
                             help="When every slot holds an open page, a new page takes the slot of the "
                                  "page quiet longest, if it has been quiet this long.")

    _starting = Integer(0)  # kernels being started (page loads arrive together)

    def _quiet(self, connected: bool, seconds: float) -> list[str]:
        from jupyter_server._tz import utcnow

        now, found = utcnow(), []
        for kid in list(self.list_kernel_ids()):
            kernel = self.get_kernel(kid)
            last = getattr(kernel, "last_activity", None)
            if bool(self._kernel_connections.get(kid, 0)) != connected \
                    or getattr(kernel, "execution_state", "") == "busy" \
                    or last is None or now - last < timedelta(seconds=seconds):
                continue
            found.append((last, kid))
        return [kid for _last, kid in sorted(found)]

    def orphans(self) -> list[str]:
        """Kernels no page is connected to, not busy, quiet for ``orphan_seconds``; oldest first."""
        return self._quiet(False, self.orphan_seconds)

    def idle_pages(self) -> list[str]:
        """Kernels of open pages that may give way to a new page, least recently active first:
        only when every kernel has a page (none starting or unconnected), not busy, quiet for
        ``takeover_seconds``."""
        kids = list(self.list_kernel_ids())
        if self._starting or not all(self._kernel_connections.get(k, 0) for k in kids):
            return []
        return self._quiet(True, self.takeover_seconds)

    async def start_kernel(self, **kwargs):  # type: ignore[override]
        """Start a kernel for a new page, after making room; HTTP 503 when there is none."""
        in_use = len(self.list_kernel_ids()) + self._starting
        for kid in self.orphans()[:max(in_use - self.max_kernels + 1, 0)]:
            self.log.warning("Shutting down kernel %s: no page connected; making room for a new page.", kid)
            await ensure_async(self.shutdown_kernel(kid))
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            for kid in self.idle_pages()[:1]:
                self.log.warning("Shutting down kernel %s: its page has been quiet longest; a new page takes "
                                 "its slot.", kid)
                close_pages(kid)  # the page is told why (the template's notice), then the kernel goes
                await ensure_async(self.shutdown_kernel(kid))
        if len(self.list_kernel_ids()) + self._starting >= self.max_kernels:
            self.log.warning("Refused a page load: %d kernels are in use (max_kernels).", self.max_kernels)
            raise web.HTTPError(503, reason="Too many pages open", log_message=TOO_MANY_PAGES)
        self._starting += 1
        try:
            return await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1


__all__ = ["WorkshopKernelManager", "TOO_MANY_PAGES", "TAKEN_CLOSE_CODE", "close_pages"]
