"""The demo world: `python -m seed`, or `seed.build(...)` from Python."""

from seed.report import SeedReport
from seed.runner import StoreExists, build

__all__ = ["SeedReport", "StoreExists", "build"]
