"""leder-insights: learning from LeDeR reviews without exposing who the person was.

>>> import leder_insights
>>> leder_insights.__version__
'0.1.0'
"""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("leder-insights")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

__all__ = ["__version__"]
