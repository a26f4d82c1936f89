"""The terms each source's rows come under, as data: a release names, for each table, the licences
of the sources its rows were read from (``sources.kind``); tables with no ``source_id`` (reference
tables, vocabularies, the build record) are the project's own. The dossier's rolls (its
``positions.csv``, read into ``positions`` and shown by ``votes``) are derived from Voeten's data,
the OHCHR records and the Third Committee transcription, so those tables carry their terms too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DOSSIER_DERIVED", "LICENCES", "PROJECT", "Licence", "licences_for"]


@dataclass(frozen=True, slots=True)
class Licence:
    """A Frictionless licence object; ``notice`` is text the terms require to be passed on."""

    name: str
    title: str
    path: str
    notice: str = ""

    def descriptor(self) -> dict[str, str]:
        """The licence as it is written into ``datapackage.json`` (``notice`` only when required)."""
        out = {"name": self.name, "title": self.title, "path": self.path}
        if self.notice:
            out["notice"] = self.notice
        return out


CC0 = Licence(
    "CC0-1.0",
    "CC0 1.0 Universal (Voeten et al., Harvard Dataverse)",
    "https://creativecommons.org/publicdomain/zero/1.0/",
)
POLYFORM = Licence(
    "PolyForm-Noncommercial-1.0.0",
    "PolyForm Noncommercial 1.0.0 (Ł. Szoszkiewicz, hrc-voting): research, education and non-profit use; "
    "commercial use needs a licence",
    "https://polyformproject.org/licenses/noncommercial/1.0.0/",
    notice="Required Notice: Copyright © 2026 Łukasz Szoszkiewicz — https://github.com/lszoszk/hrc-voting",
)
UN_TERMS = Licence(
    "UN-terms-of-use",
    "United Nations terms of use: the United Nations must be acknowledged as the source; no warranty; "
    "privileges and immunities reserved",
    "https://www.un.org/en/about-us/terms-of-use",
    notice="Source: United Nations.",
)
PROJECT = Licence(
    "MIT",
    "MIT License of the unvotes project (its curated DPRK dossier and reference tables)",
    "https://opensource.org/license/mit",
)

#: Source kind (``sources.kind``) -> the terms of its rows.
LICENCES: dict[str, Licence] = {
    "voeten2021": CC0,
    "voeten2017": CC0,
    "ohchr": POLYFORM,
    "c3_dprk": POLYFORM,
    "unxml": UN_TERMS,
    "undl_ga": UN_TERMS,
    "undl_sc": UN_TERMS,
    "dossier": PROJECT,
}


#: Tables whose dossier rows are derived from other sources, and the terms they inherit.
DOSSIER_DERIVED: dict[str, tuple[Licence, ...]] = {"positions": (CC0, POLYFORM), "votes": (CC0, POLYFORM)}


def licences_for(kinds: Iterable[str] | None, table: str = "") -> list[Licence]:
    """The licences of rows from these source kinds, each once, in a stable order; None (a table
    without sources) and no kinds (an empty table) give the project's own.

    >>> [x.name for x in licences_for(["ohchr", "voeten2017", "voeten2021"])]
    ['CC0-1.0', 'PolyForm-Noncommercial-1.0.0']
    >>> [x.name for x in licences_for(["dossier"], "positions")]
    ['CC0-1.0', 'MIT', 'PolyForm-Noncommercial-1.0.0']
    """
    if kinds is None:
        return [PROJECT]
    found: set[Licence] = set()
    for kind in kinds:
        found.add(LICENCES.get(kind, PROJECT))
        if kind == "dossier":
            found.update(DOSSIER_DERIVED.get(table, ()))
    return sorted(found, key=lambda x: x.name) or [PROJECT]
