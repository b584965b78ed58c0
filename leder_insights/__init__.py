"""leder-insights: learning from LeDeR reviews without exposing who the person was.

>>> import leder_insights
>>> leder_insights.__version__
'0.2.0'
"""
import os as _os

from ._version import __version__

# No network at run time: onnxruntime (the theme encoder) otherwise keeps a device id and a queue of
# telemetry events under ~/.cache/Microsoft and tries to upload them. Set before it can be imported;
# the encoder also switches its telemetry events off (themes/_encoder.py).
_os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__all__ = ["__version__"]
