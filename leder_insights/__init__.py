"""leder-insights: learning from LeDeR reviews without exposing who the person was.

>>> import leder_insights
>>> leder_insights.__version__
'0.2.0'
"""
from ._version import __version__

__all__ = ["__version__"]
