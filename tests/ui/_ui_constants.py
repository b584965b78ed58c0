"""Constants shared by the browser tests (a uniquely named module: ``conftest`` names collide)."""

#: projector size: every layout test runs at this viewport
VIEWPORT = {"width": 1280, "height": 720}
#: URL prefixes that stay on this machine
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
#: an invented ICB name as long as the longest real one (64 characters; the longest of the 42 is 59)
LONG_ICB = "NHS Northmoor and East Wealdshire, Saltby and Greyhaven Vale ICB"
