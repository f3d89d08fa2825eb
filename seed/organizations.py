"""The demo world's LDCs: every distributor of reference/MDMR-CONTEXT.md.

Legal names are the public ones. Short names are the names people use. The size
classes (large, medium, small) are plausible guesses made for the demo, not public
facts: only a few customer counts are public (Alectra over 1 million, Hydro One about
1.5 million, Toronto Hydro about 793,000, Hydro Ottawa about 372,000, Elexicon about
172,000, Cornwall about 25,000, E.L.K. about 12,600, Hydro 2000 about 1,200). Roughly:
large is over 150,000 customers or one of the well-known big city utilities, medium is
about 20,000 to 150,000, small is the rest. Ticket volume follows the size class.
"""

import re
from dataclasses import dataclass

ORG_CODE_BASE = 1001
# Relative ticket volume of one LDC of each size class.
SIZE_WEIGHT = {"large": 12.0, "medium": 3.5, "small": 1.0}
# LDC users besides the manager.
USERS_PER_SIZE = {"large": 6, "medium": 3, "small": 2}


@dataclass(frozen=True)
class Ldc:
    """One local distribution company of the demo world."""

    name: str
    short_name: str
    size_class: str

    @property
    def slug(self) -> str:
        """The short name in lower case letters and digits, for usernames."""
        return re.sub(r"[^a-z0-9]", "", self.short_name.lower())


LDCS = (
    Ldc("Alectra Utilities Corporation", "Alectra", "large"),
    Ldc("Algoma Power Inc.", "Algoma Power", "small"),
    Ldc("Atikokan Hydro Inc.", "Atikokan Hydro", "small"),
    Ldc("Attawapiskat Power Corporation", "Attawapiskat Power", "small"),
    Ldc("Bluewater Power Distribution Corporation", "Bluewater Power", "medium"),
    Ldc("Burlington Hydro Inc.", "Burlington Hydro", "medium"),
    Ldc("Canadian Niagara Power Inc.", "Canadian Niagara Power", "medium"),
    Ldc("Centre Wellington Hydro Ltd.", "Centre Wellington Hydro", "small"),
    Ldc("Chapleau Public Utilities Corporation", "Chapleau PUC", "small"),
    Ldc("Cooperative Hydro Embrun Inc.", "Hydro Embrun", "small"),
    Ldc(
        "Cornwall Street Railway Light and Power Company Limited",
        "Cornwall Electric",
        "medium",
    ),
    Ldc("E.L.K. Energy Inc.", "E.L.K. Energy", "small"),
    Ldc("Elexicon Energy Inc.", "Elexicon", "large"),
    Ldc("Enova Power Corp.", "Enova", "large"),
    Ldc("Entegrus Powerlines Inc.", "Entegrus", "medium"),
    Ldc("ENWIN Utilities Ltd.", "ENWIN", "large"),
    Ldc("EPCOR Electricity Distribution Ontario Inc.", "EPCOR Ontario", "medium"),
    Ldc("ERTH Power Corporation", "ERTH Power", "medium"),
    Ldc("Essex Powerlines Corporation", "Essex Powerlines", "medium"),
    Ldc("Festival Hydro Inc.", "Festival Hydro", "medium"),
    Ldc("Fort Frances Power Corporation", "Fort Frances Power", "small"),
    Ldc("GrandBridge Energy Inc.", "GrandBridge Energy", "medium"),
    Ldc("Greater Sudbury Hydro Inc.", "Greater Sudbury Hydro", "medium"),
    Ldc("Grimsby Power Incorporated", "Grimsby Power", "small"),
    Ldc("Halton Hills Hydro Inc.", "Halton Hills Hydro", "medium"),
    Ldc("Hearst Power Distribution Co. Ltd.", "Hearst Power", "small"),
    Ldc("Hydro 2000 Inc.", "Hydro 2000", "small"),
    Ldc("Hydro Hawkesbury Inc.", "Hydro Hawkesbury", "small"),
    Ldc("Hydro One Networks Inc.", "Hydro One", "large"),
    Ldc("Hydro One Remote Communities Inc.", "Hydro One Remotes", "small"),
    Ldc("Hydro Ottawa Limited", "Hydro Ottawa", "large"),
    Ldc("InnPower Corporation", "InnPower", "medium"),
    Ldc("Kingston Hydro Corporation", "Kingston Hydro", "medium"),
    Ldc("Lakefront Utilities Inc.", "Lakefront Utilities", "small"),
    Ldc("Lakeland Power Distribution Ltd.", "Lakeland Power", "small"),
    Ldc("London Hydro Inc.", "London Hydro", "large"),
    Ldc("Milton Hydro Distribution Inc.", "Milton Hydro", "medium"),
    Ldc("Newmarket-Tay Power Distribution Ltd.", "Newmarket-Tay Power", "medium"),
    Ldc("Niagara Peninsula Energy Inc.", "Niagara Peninsula Energy", "medium"),
    Ldc("Niagara-on-the-Lake Hydro Inc.", "NOTL Hydro", "small"),
    Ldc("North Bay Hydro Distribution Limited", "North Bay Hydro", "medium"),
    Ldc("Northern Ontario Wires Inc.", "Northern Ontario Wires", "small"),
    Ldc("Oakville Hydro Electricity Distribution Inc.", "Oakville Hydro", "medium"),
    Ldc("Orangeville Hydro Limited", "Orangeville Hydro", "small"),
    Ldc("Oshawa PUC Networks Inc.", "Oshawa PUC", "medium"),
    Ldc("Ottawa River Power Corporation", "Ottawa River Power", "small"),
    Ldc("PUC Distribution Inc.", "PUC Distribution", "medium"),
    Ldc("Renfrew Hydro Inc.", "Renfrew Hydro", "small"),
    Ldc("Rideau St. Lawrence Distribution Inc.", "Rideau St. Lawrence", "small"),
    Ldc("Sioux Lookout Hydro Inc.", "Sioux Lookout Hydro", "small"),
    Ldc("Synergy North Corporation", "Synergy North", "medium"),
    Ldc("Tillsonburg Hydro Inc.", "Tillsonburg Hydro", "small"),
    Ldc("Toronto Hydro-Electric System Limited", "Toronto Hydro", "large"),
    Ldc("Wasaga Distribution Inc.", "Wasaga Distribution", "small"),
    Ldc("Welland Hydro-Electric System Corp.", "Welland Hydro", "medium"),
    Ldc("Wellington North Power Inc.", "Wellington North Power", "small"),
    Ldc("Westario Power Inc.", "Westario Power", "medium"),
)


def ldcs_in_code_order() -> list[Ldc]:
    """The LDCs sorted by legal name: the order in which ORG IDs are given."""
    return sorted(LDCS, key=lambda ldc: ldc.name.casefold())


def org_code(position: int) -> str:
    """The ORG ID of the LDC at this position of the alphabetical order."""
    return f"ORG{ORG_CODE_BASE + position}"
