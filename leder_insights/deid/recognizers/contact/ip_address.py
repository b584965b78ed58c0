"""IPv4 address (``10.44.201.17``): identifies a household's connection or a device.

Four dot-separated numbers up to 255, at least two of them with two or more digits, so section
numbers such as "2.1.3.4" are not addresses.

>>> r = IpAddressRecognizer()
>>> t = "Telecare hub 10.44.201.17 logged a fall; see section 2.1.3.4."
>>> [t[x.start:x.end] for x in r.analyze(t, ["IP_ADDRESS"])]
['10.44.201.17']
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"


@registry.recognizers.register("ip_address")
class IpAddressRecognizer(LederPatternRecognizer):
    """Dotted-quad IPv4."""

    ENTITY = "IP_ADDRESS"
    PATTERNS = [Pattern("ipv4", rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)", 0.6)]
    REQUIRED = {"ipv4": (".",)}
    CONTEXT = ["ip", "address", "router", "hub", "device", "logged"]

    def validate_result(self, pattern_text: str) -> bool:
        return sum(len(part) >= 2 for part in pattern_text.split(".")) >= 2
