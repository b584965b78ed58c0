"""Registries with stable names, so plug-ins need no edits to our code.

Built on ``catalogue`` (a spaCy dependency). Register with a decorator and look up by name:

>>> from leder_insights import registry
>>> @registry.exporters.register("example_noop")
... def _noop(*args, **kwargs):
...     return None
>>> "example_noop" in registry.exporters.get_all()
True
"""
from __future__ import annotations

import catalogue

recognizers = catalogue.create("leder_insights", "recognizers")
operators = catalogue.create("leder_insights", "operators")
embedders = catalogue.create("leder_insights", "embedders")
reducers = catalogue.create("leder_insights", "reducers")
clusterers = catalogue.create("leder_insights", "clusterers")
exporters = catalogue.create("leder_insights", "exporters")
#: theme model classes by name (``linear``, ``encoder``); ``meta.json`` of a saved model names its class
theme_models = catalogue.create("leder_insights", "theme_models")


def get(reg: catalogue.Registry, name: str):
    """Look up ``name`` in ``reg`` with an actionable error listing what is registered."""
    from .errors import ConfigError, Errors

    try:
        return reg.get(name)
    except catalogue.RegistryError:
        kind = reg.namespace[-1].rstrip("s")
        raise ConfigError(Errors.E004, kind=kind, name=name,
                          available=", ".join(sorted(reg.get_all()))) from None


__all__ = ["recognizers", "operators", "embedders", "reducers", "clusterers",
           "exporters", "theme_models", "get"]
