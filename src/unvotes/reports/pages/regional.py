"""Regional groups for the pages: the hook to the package's group reference.

The UN regional groups (African, Asia-Pacific, Eastern European, Latin American and Caribbean,
Western European and Others) are the package's reference data once ``unvotes.groups`` exists.
Until then :func:`regional_groups` returns ``None`` and the pages say that grouping is unavailable.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Mapping
from typing import cast

__all__ = ["regional_groups"]

#: Functions of ``unvotes.groups`` tried in order; each maps country_code -> group name.
_PROVIDERS = ("regional_groups", "regional_group_map", "load_regional_groups")


def regional_groups(con: sqlite3.Connection) -> Mapping[str, str] | None:
    """country_code -> UN regional group, or ``None`` when the package has no group reference."""
    try:
        module = importlib.import_module("unvotes.groups")
    except ImportError:
        return None
    for name in _PROVIDERS:
        provider = getattr(module, name, None)
        if callable(provider):
            result = _call(cast(Callable[..., object], provider), con)
            if isinstance(result, Mapping):
                return {str(k): str(v) for k, v in result.items()}
    return None


def _call(provider: Callable[..., object], con: sqlite3.Connection) -> object:
    try:
        return provider(con)
    except TypeError:
        return provider()
