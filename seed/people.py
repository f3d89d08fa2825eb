"""Demo accounts: LDC managers and users, SME staff, OSP engineers.

Every demo account has the same password, DEMO_PASSWORD, hashed once. The hash uses
a salt derived from the seed, so that the same seed gives the same store byte for
byte; that is acceptable only because these are demo accounts in demo data.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from argon2 import PasswordHasher

from dashboard.kernel.i18n import FRENCH
from dashboard.kernel.rules.authorization import Role
from dashboard.kernel.rules.reference import (
    CRITICAL_GROUP,
    OSP_GROUP,
    SERVICE_DESK_GROUP,
)
from seed.names import FIRST_NAMES, LAST_NAMES
from seed.organizations import USERS_PER_SIZE, Ldc

DEMO_PASSWORD = "MdmrDemo!2026"
STAFF = (
    # (username prefix, how many, role, group, organization kind)
    ("sme.agent", 6, Role.SME_AGENT, SERVICE_DESK_GROUP, "sme"),
    ("sme.cim", 3, Role.CRITICAL_INCIDENT_MANAGER, CRITICAL_GROUP, "sme"),
    ("sme.manager", 2, Role.SME_MANAGER, None, "sme"),
    ("osp.eng", 5, Role.OSP_ENGINEER, OSP_GROUP, "osp"),
)


@dataclass(frozen=True)
class Person:
    """One demo account, before it has an id."""

    username: str
    first_name: str
    display_name: str
    email: str
    role: str
    org_key: str  # the LDC's slug, or "sme" / "osp"
    is_ldc_manager: bool
    group: str | None
    language: str | None = None  # None: the sign-in page's, kept at first sign-in


# Ontario's francophone utilities, and one agent of the SME's desk, work in French.
FRENCH_SPEAKING = frozenset({"hydrohawkesbury", "hearstpower"})
FRENCH_STAFF = frozenset({"sme.agent6"})


def _language(username: str, org_key: str) -> str | None:
    return FRENCH if org_key in FRENCH_SPEAKING or username in FRENCH_STAFF else None


def demo_password_hash(seed: int) -> str:
    """The demo password's Argon2 hash, with a salt fixed by the seed."""
    salt = hashlib.sha256(f"mdmr-demo-{seed}".encode()).digest()[:16]
    return PasswordHasher().hash(DEMO_PASSWORD, salt=salt)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _accounts(ldcs: list[Ldc]) -> list[tuple[str, str, bool, str | None, str]]:
    """(username, role, is manager, group, org key) of every demo account."""
    rows: list[tuple[str, str, bool, str | None, str]] = []
    for ldc in ldcs:
        rows.append((f"{ldc.slug}.manager", Role.LDC_USER, True, None, ldc.slug))
        rows += [
            (f"{ldc.slug}.user{i}", Role.LDC_USER, False, None, ldc.slug)
            for i in range(1, USERS_PER_SIZE[ldc.size_class] + 1)
        ]
    for prefix, count, role, group, org_key in STAFF:
        rows += [
            (f"{prefix}{i}", role, False, group, org_key) for i in range(1, count + 1)
        ]
    return rows


def plan_people(rng: np.random.Generator, ldcs: list[Ldc]) -> list[Person]:
    """Every demo account, with a unique, deterministic name."""
    accounts = _accounts(ldcs)
    pairs = rng.choice(
        len(FIRST_NAMES) * len(LAST_NAMES), size=len(accounts), replace=False
    )
    people = []
    for (username, role, manager, group, org_key), pair in zip(
        accounts, pairs.tolist(), strict=True
    ):
        first = FIRST_NAMES[pair // len(LAST_NAMES)]
        last = LAST_NAMES[pair % len(LAST_NAMES)]
        people.append(
            Person(
                username=username,
                first_name=first,
                display_name=f"{first} {last}",
                email=f"{_ascii(first)}.{_ascii(last)}@{org_key}.example",
                role=str(role),
                org_key=org_key,
                is_ldc_manager=manager,
                group=group,
                language=_language(username, org_key),
            )
        )
    return people
