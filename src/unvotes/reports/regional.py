"""The UN regional groups for the pages, from the package's group reference (:mod:`unvotes.reference.groups`)."""

from __future__ import annotations

import datetime as dt

from unvotes.reference.groups import GroupKind, load_groups

__all__ = ["GROUP_NOTE", "group_names", "regional_groups"]

GROUP_NOTE = (
    "Regional groups as on the day (data/groups): members and observers are counted with a group, "
    "participants are not; ag African, apg Asia-Pacific, eeg Eastern European, grulac Latin American and "
    "Caribbean, weog Western European and other States."
)


def regional_groups(day: dt.date | str | None) -> dict[str, str]:
    """country_code -> the code of the regional group the state was counted with on ``day``
    (an ISO date; today when ``None``)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10]) if len(day) >= 10 else dt.date(int(day[:4]), 12, 31)
    return load_groups().regional_groups_on(day or dt.date.today())


def group_names() -> dict[str, str]:
    """Regional group code -> its name."""
    return {g.group: g.name for g in load_groups().groups if g.kind is GroupKind.REGIONAL}
