"""Every module says what it exports, and everything it names exists."""

from __future__ import annotations

import importlib
import pkgutil

import unvotes


def test_every_module_declares_an_existing_public_api() -> None:
    missing = []
    for info in pkgutil.walk_packages(unvotes.__path__, "unvotes."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        if exported is None:
            if info.name.split(".")[-1].startswith("_") or (info.ispkg is False and not module.__doc__):
                missing.append(f"{info.name}: no __all__ and no docstring")
            continue
        missing.extend(f"{info.name}.{name}" for name in exported if not hasattr(module, name))
    assert missing == []


def test_version() -> None:
    assert unvotes.__version__.count(".") == 2
