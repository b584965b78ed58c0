"""IP address (``10.44.201.17``, ``2001:db8:85a3::8a2e:370:7334``): identifies a household's
connection or a device.

IPv4: four dot-separated numbers up to 255, at least two of them with two or more digits, so
section numbers such as "2.1.3.4" are not addresses. IPv6: hexadecimal groups joined by colons,
at least four groups or a "::" (attacker 5's F1: its first group "2001" was read as a year); a time
("06:12:30") has too few groups.

>>> r = IpAddressRecognizer()
>>> t = "Telecare hub 10.44.201.17 logged a fall; see section 2.1.3.4."
>>> [t[x.start:x.end] for x in r.analyze(t, ["IP_ADDRESS"])]
['10.44.201.17']
>>> t = "Camera at 2001:db8:85a3::8a2e:370:7334 and fe80::1; seen 06:12:30."
>>> [t[x.start:x.end] for x in r.analyze(t, ["IP_ADDRESS"])]
['2001:db8:85a3::8a2e:370:7334', 'fe80::1']
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"


@registry.recognizers.register("ip_address")
class IpAddressRecognizer(LederPatternRecognizer):
    """Dotted-quad IPv4."""

    ENTITY = "IP_ADDRESS"
    PATTERNS = [Pattern("ipv4", rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)", 0.6),
                Pattern("ipv6", r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|(?=::))(?::{1,2}[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
                                r"|(?<![\w:.])[0-9A-Fa-f]{1,4}::[0-9A-Fa-f]{1,4}(?![\w:])", 0.6)]
    REQUIRED = {"ipv4": (".",), "ipv6": (":",)}
    CONTEXT = ["ip", "address", "router", "hub", "device", "logged"]

    def validate_result(self, pattern_text: str) -> bool:
        if ":" in pattern_text:
            groups = [g for g in pattern_text.split(":") if g]
            compressed = pattern_text.count("::")
            return (compressed == 1 and len(groups) >= 2 or compressed == 0 and len(groups) == 8) and \
                ":::" not in pattern_text
        return sum(len(part) >= 2 for part in pattern_text.split(".")) >= 2
