"""Erik Voeten's *United Nations General Assembly Voting Data*, in its 2021 and 2017 releases.

Both releases number roll calls with the same ``rcid`` (the 2017 roll calls, sessions 1-70, are
all in the 2021 release, with the same positions). ``unres`` becomes ``symbol`` as described in
:mod:`unvotes.sources.voeten_symbols`. Voeten's ``amend``/``para`` flags give the kind; blank
means "not coded" and is read as a resolution; both flags set (an amendment to a paragraph) is an
amendment.

The 2021 release drops absences (``lists_only_voters``); the 2017 one keeps them (code 8) and
marks states that were not members (code 9), which are counted as skipped, not stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import (
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    FileRole,
    NonVotingReason,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.reference.countries import CountryRegistry, load_registry
from unvotes.sources.checks import check_date, checked, iso_date
from unvotes.sources.numbers import shown, whole_number
from unvotes.sources.positions import (
    NotAPosition,
    VoteTable,
    assemble,
    drop_absent_non_members,
    follow_seats,
    map_votes,
    recorded_names,
    resolve_distinct,
    roll_keys,
)
from unvotes.sources.tabular import Table, TableSpec, assign_files, first_row_of, read_csv
from unvotes.sources.voeten_symbols import later_minimums, un_symbol

__all__ = [
    "CITATION",
    "DESCRIPTIONS_2017",
    "ISSUES_2021",
    "ROLL_CALLS_2021",
    "TOPICS",
    "VOTES_2017",
    "VOTES_2021",
    "read_voeten2017",
    "read_voeten2021",
]

CITATION = (
    "Erik Voeten, Anton Strezhnev and Michael Bailey, 'United Nations General Assembly Voting Data', "
    "Harvard Dataverse, hdl:1902.1/12379 (CC0 1.0)"
)
TOPICS = ("me", "nu", "di", "hr", "co", "ec")

VOTES_2021 = TableSpec("Voeten 2021 votes", ("rcid", "country", "country_code", "vote"))
ROLL_CALLS_2021 = TableSpec(
    "Voeten 2021 roll calls",
    ("rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"),
)
ISSUES_2021 = TableSpec("Voeten 2021 roll-call issues", ("rcid", "short_name", "issue"))
VOTES_2017 = TableSpec(
    "Voeten 2017 votes",
    ("rcid", "session", "vote", "ccode", "member", "importantvote", "date", "unres", *TOPICS, "year"),
)
DESCRIPTIONS_2017 = TableSpec(
    "Voeten 2017 descriptions",
    (
        "session",
        "rcid",
        "abstain",
        "yes",
        "no",
        "importantvote",
        "date",
        "unres",
        "amend",
        "para",
        "short",
        "descr",
        *TOPICS,
    ),
)

_VOTES_2021: VoteTable = {
    "yes": (Vote.YES, None),
    "no": (Vote.NO, None),
    "abstain": (Vote.ABSTAIN, None),
}
_VOTES_2017: VoteTable = {
    "1": (Vote.YES, None),
    "2": (Vote.ABSTAIN, None),
    "3": (Vote.NO, None),
    "8": (Vote.NON_VOTING, NonVotingReason.ABSENT),
    "9": NotAPosition("not a UN member (Voeten code 9)"),
}
#: 0/1 flags as the releases write them; "" is "not coded". A few 2017 rows end in stray quotes
#: and backslashes left by broken quoting upstream (``0\\"``); those are stripped first.
_FLAGS: dict[str, bool | None] = {"1": True, "1.0": True, "0": False, "0.0": False, "": None}


def _int_or_none(text: str, *, table: Table, row: int, column: str) -> int | None:
    return whole_number(text, column=column, path=table.path, line=table.line(row))


def _flag(text: str, *, table: Table, row: int, column: str) -> bool | None:
    try:
        return _FLAGS[text.strip().rstrip('\\"')]
    except KeyError:
        raise UnknownCodeError(
            f"{column} value {text!r}", path=table.path, line=table.line(row), expected="0, 1 or blank"
        ) from None


def _date(text: str, fmt: str, *, table: Table, row: int) -> dt.date | None:
    if fmt == "%Y-%m-%d":
        return iso_date(text, column="date", path=table.path, line=table.line(row))
    value = text.strip()
    if not value:
        return None
    try:
        day = dt.datetime.strptime(value, fmt).date()
    except ValueError:
        raise InputError(
            f"date {text!r} cannot be read",
            path=table.path,
            line=table.line(row),
            expected=f"a date as {fmt}",
        ) from None
    return check_date(day, column="date", path=table.path, line=table.line(row))


def _kind(amend: bool | None, para: bool | None) -> DecisionKind:
    """Voeten's flags; an amendment to a paragraph (both set) is an amendment. Blank = not coded."""
    if amend:
        return DecisionKind.AMENDMENT
    if para:
        return DecisionKind.PARAGRAPH
    return DecisionKind.RESOLUTION


def _decision_index(table: Table, index: dict[int, int], decisions_file: Path) -> npt.NDArray[np.int32]:
    """Each row's decision, from its rcid; an rcid missing from the decisions file is an error."""
    indices, values = table.encoded("rcid")
    per_value = np.zeros(len(values), np.int32)
    for i, value in enumerate(values):
        match = re.fullmatch(r"0*([0-9]{1,18})(?:\.0+)?", value)
        rcid = int(match[1]) if match else None
        if rcid is None or rcid not in index:
            row = first_row_of(indices, i)
            raise InputError(
                f"rcid {shown(value)} is not in {decisions_file.name}",
                path=table.path,
                line=table.line(row),
                expected="a roll call listed in the decisions file",
            )
        per_value[i] = index[rcid]
    return per_value[indices]


def _unique_rcids(table: Table, texts: Sequence[str]) -> list[int]:
    """The rcid of every row of a decisions file; a blank or repeated one is an error."""
    first: dict[int, int] = {}
    for row, text in enumerate(texts):
        rcid = _int_or_none(text, table=table, row=row, column="rcid")
        if rcid is None:
            raise InputError("rcid is blank", path=table.path, line=table.line(row), expected="a roll-call number")
        if rcid in first:
            raise InputError(
                f"rcid {rcid} repeated (first on line {table.line(first[rcid])})",
                path=table.path,
                line=table.line(row),
                expected="one row per roll call",
            )
        first[rcid] = row
    return list(first)


def _issues(table: Table, known: set[int]) -> dict[int, tuple[str, ...]]:
    topics: dict[int, list[str]] = {}
    for row, (rcid_text, code) in enumerate(zip(table.strings("rcid"), table.strings("short_name"), strict=True)):
        rcid = _int_or_none(rcid_text, table=table, row=row, column="rcid")
        if rcid is None or rcid not in known:
            raise InputError(f"rcid {rcid_text!r} is not in the roll-calls file", path=table.path, line=table.line(row))
        if code not in TOPICS:
            raise UnknownCodeError(
                f"short_name {code!r}", path=table.path, line=table.line(row), expected=", ".join(TOPICS)
            )
        topics.setdefault(rcid, []).append(code)
    return {rcid: tuple(t for t in TOPICS if t in codes) for rcid, codes in topics.items()}


def _roll_calls_2021(calls: Table, issues: Table | None) -> list[Decision]:
    col = {name: calls.strings(name) for name in ROLL_CALLS_2021.required}
    sessions = [_int_or_none(s, table=calls, row=r, column="session") for r, s in enumerate(col["session"])]
    later = later_minimums(sessions, col["unres"])
    rcids = _unique_rcids(calls, col["rcid"])
    topics = _issues(issues, set(rcids)) if issues is not None else {}
    out = []
    for row, rcid in enumerate(rcids):
        session = sessions[row]
        out.append(
            Decision(
                ref=str(rcid),
                body=Body.GA,
                kind=_kind(
                    _flag(col["amend"][row], table=calls, row=row, column="amend"),
                    _flag(col["para"][row], table=calls, row=row, column="para"),
                ),
                adoption_method=AdoptionMethod.RECORDED_VOTE,
                symbol=un_symbol(col["unres"][row], session, later.get(session or 0)),
                date=_date(col["date"][row], "%Y-%m-%d", table=calls, row=row),
                session=session,
                title=col["short"][row].strip() or None,
                description=col["descr"][row].strip() or None,
                is_important=_flag(col["importantvote"][row], table=calls, row=row, column="importantvote"),
                topics=topics.get(rcid, ()),
                line=calls.line(row),
            )
        )
    return out


def _countries_2021(
    votes: Table, registry: CountryRegistry
) -> tuple[npt.NDArray[np.int64], list[str], npt.NDArray[np.int32], list[str]]:
    """Alpha-3 per row from (ISO-2, name): the code where it names one state, else the name."""
    by_iso2: dict[str, list[str]] = {}
    for country in registry:
        if country.iso2:
            by_iso2.setdefault(country.iso2, []).append(country.country_code)
    iso_id, isos = votes.encoded("country_code")
    name_id, names = votes.encoded("country")
    pair = iso_id.astype(np.int64) * max(len(names), 1) + name_id
    pairs, inverse = np.unique(pair, return_inverse=True)
    labels = [f"{isos[p // max(len(names), 1)]}|{names[p % max(len(names), 1)]}" for p in pairs.tolist()]

    def resolve(label: str) -> str | None:
        iso2, name = label.split("|", 1)
        candidates = by_iso2.get(iso2.strip(), [])
        if len(candidates) == 1:
            return candidates[0]
        code = registry.resolve_name(name)
        if candidates and code not in candidates:
            return None
        return code

    code_id, codes = resolve_distinct(
        inverse.astype(np.int32),
        labels,
        resolve,
        path=votes.path,
        lines=votes.lines,
        what="country (country_code|country)",
        expected="an ISO-2 code or a name in countries.csv or aliases.csv",
    )
    return code_id, codes, name_id, names


def read_voeten2021(paths: Sequence[Path]) -> SourceBatch:
    """The 2021 release: roll calls, votes and (optionally) issues, recognised by their headers."""
    registry = load_registry()
    files = assign_files(
        paths,
        {"roll_calls": ROLL_CALLS_2021, "votes": VOTES_2021, "issues": ISSUES_2021},
        required=("roll_calls", "votes"),
    )
    calls = read_csv(files["roll_calls"], ROLL_CALLS_2021)
    votes = read_csv(files["votes"], VOTES_2021)
    issues = read_csv(files["issues"], ISSUES_2021) if "issues" in files else None
    decisions = _roll_calls_2021(calls, issues)
    index = {int(d.ref): i for i, d in enumerate(decisions)}
    dates = [d.date for d in decisions]
    decision = _decision_index(votes, index, calls.path)
    codes_ = map_votes(*votes.encoded("vote"), _VOTES_2021, path=votes.path, lines=votes.lines)
    code_id, codes, name_id, names = _countries_2021(votes, registry)
    code_id, codes = follow_seats(code_id, codes, decision, dates, registry)
    decisions, decision, twice = _listed_twice(decisions, decision, code_id, codes_.vote)
    rows = np.flatnonzero(decision >= 0)
    decision, code_id, name_id = decision[rows], code_id[rows], name_id[rows]
    dates = [d.date for d in decisions]
    positions = assemble(
        path=votes.path,
        decision=decision,
        code_id=code_id,
        codes=codes,
        vote=codes_.vote[rows],
        reason=codes_.reason[rows],
        lines=votes.lines[rows],
        refs=[d.ref for d in decisions],
    )
    files_ = [
        calls.raw.source_file(SourceKind.VOETEN_2021, len(calls), CITATION, {FileRole.DECISIONS}),
        votes.raw.source_file(SourceKind.VOETEN_2021, len(votes), CITATION, {FileRole.POSITIONS}),
    ]
    if issues is not None:  # adds the decisions' topics
        files_.append(issues.raw.source_file(SourceKind.VOETEN_2021, len(issues), CITATION))
    batch = SourceBatch(
        kind=SourceKind.VOETEN_2021,
        files=tuple(files_),
        decisions=tuple(decisions),
        positions=positions,
        recorded_names=recorded_names(
            name_id=name_id, names=names, code_id=code_id, codes=codes, decision=decision, dates=dates
        ),
        skipped=tuple(
            SkipCount(reason, n)
            for reason, n in ((_SKIP_TWICE, twice), (_SKIP_TWICE_ROWS, len(votes) - len(rows)))
            if n
        ),
        lists_only_voters=True,
    )
    return checked(batch, path=calls.path, registry=registry)


_SKIP_TWICE = (
    "resolution's roll call listed twice in the release (same symbol, date and roll as an earlier rcid; kept once)"
)
_SKIP_TWICE_ROWS = "vote row of a roll call listed twice (kept once, with the earlier rcid)"


def _listed_twice(
    decisions: list[Decision],
    decision: npt.NDArray[np.int32],
    code_id: npt.NDArray[np.int64],
    vote: npt.NDArray[np.int8],
) -> tuple[list[Decision], npt.NDArray[np.int32], int]:
    """The decisions without the later copies of a resolution's roll call the release lists twice
    (same symbol and date, and the same states holding the same positions), each row's decision index
    among them (-1 for a row of a dropped copy), and how many copies were dropped."""
    keys = roll_keys(decision, code_id, vote, len(decisions))
    first: set[tuple[object, ...]] = set()
    drop = np.zeros(len(decisions), np.bool_)
    for i, d in enumerate(decisions):
        key = (d.symbol, d.date, d.kind, keys[i])
        if d.symbol is None or d.kind is not DecisionKind.RESOLUTION or not keys[i]:
            continue  # separate votes on paragraphs or amendments of one text share its symbol
        drop[i] = key in first
        first.add(key)
    if not drop.any():
        return decisions, decision, 0
    index = (np.cumsum(~drop) - 1).astype(np.int32)
    index[drop] = -1
    kept = [d for d, dropped in zip(decisions, drop.tolist(), strict=True) if not dropped]
    return kept, index[decision], int(drop.sum())


def _realigned(row: dict[str, str]) -> dict[str, str]:
    """A 2017 description row whose ``short`` swallowed ``descr`` through a TAB (an upstream
    conversion fault): split it back and shift the topic flags one column to the left."""
    if "\t" not in row["short"]:
        return row
    short, descr = row["short"].split("\t", 1)
    shifted = [row["descr"], *(row[t] for t in TOPICS[:-1])]
    return {
        **row,
        "short": short,
        "descr": descr.strip().strip('"'),
        **dict(zip(TOPICS, shifted, strict=True)),
    }


def _decisions_2017(table: Table, date_format: str, *, rows: Sequence[int] | None = None) -> list[Decision]:
    """Decisions from a descriptions file (every row) or a votes file (the first row of each rcid)."""
    names = [n for n in DESCRIPTIONS_2017.required if table.has(n)]
    picked = list(rows) if rows is not None else list(range(len(table)))
    taken = table.data.take(picked) if rows is not None else table.data
    col = {n: taken.column(n).to_pylist() for n in names}
    sessions = [_int_or_none(s, table=table, row=picked[i], column="session") for i, s in enumerate(col["session"])]
    if rows is None:
        _unique_rcids(table, col["rcid"])
    later = later_minimums(sessions, col["unres"])
    out = []
    for i, row in enumerate(picked):
        fields = _realigned({n: col[n][i] for n in names}) if "short" in col else {n: col[n][i] for n in names}
        session = sessions[i]

        def number(name: str, row: int = row, fields: dict[str, str] = fields) -> int | None:
            return _int_or_none(fields[name], table=table, row=row, column=name) if name in fields else None

        def flag(name: str, row: int = row, fields: dict[str, str] = fields) -> bool | None:
            return _flag(fields[name], table=table, row=row, column=name) if name in fields else None

        out.append(
            Decision(
                ref=str(number("rcid")),
                body=Body.GA,
                kind=_kind(flag("amend"), flag("para")),
                adoption_method=AdoptionMethod.RECORDED_VOTE,
                symbol=un_symbol(fields["unres"], session, later.get(session or 0)),
                date=_date(fields["date"], date_format, table=table, row=row),
                session=session,
                title=(fields.get("short") or "").strip() or None,
                description=(fields.get("descr") or "").strip() or None,
                yes_count=number("yes"),
                no_count=number("no"),
                abstain_count=number("abstain"),
                is_important=flag("importantvote"),
                topics=tuple(t for t in TOPICS if flag(t)),
                line=table.line(row),
            )
        )
    return out


def read_voeten2017(paths: Sequence[Path]) -> SourceBatch:
    """The 2017 release: UNVotesPublished and (optionally) the descriptions file, recognised by header."""
    registry = load_registry()
    files = assign_files(paths, {"votes": VOTES_2017, "descriptions": DESCRIPTIONS_2017}, required=("votes",))
    has_descriptions = "descriptions" in files
    needed = ("rcid", "vote", "ccode") if has_descriptions else None
    votes = read_csv(files["votes"], VOTES_2017, columns=needed)
    if has_descriptions:
        described = read_csv(files["descriptions"], DESCRIPTIONS_2017)
        decisions = _decisions_2017(described, "%Y-%m-%d")
        decision_table = described
    else:
        rcid_id, _ = votes.encoded("rcid")
        _, first_rows = np.unique(rcid_id, return_index=True)
        decisions = _decisions_2017(votes, "%m/%d/%Y", rows=sorted(first_rows.tolist()))
        decision_table = votes
    index = {int(d.ref): i for i, d in enumerate(decisions)}
    dates = [d.date for d in decisions]
    decision = _decision_index(votes, index, decision_table.path)
    codes_ = map_votes(*votes.encoded("vote"), _VOTES_2017, path=votes.path, lines=votes.lines)
    keep = np.flatnonzero(codes_.keep)
    cow_id, cows = votes.encoded("ccode")

    def resolve(text: str) -> str | None:
        return registry.from_cow(int(text)) if re.fullmatch(r"\s*[0-9]{1,18}\s*", text) else None

    code_id, codes = resolve_distinct(
        cow_id[keep],
        cows,
        resolve,
        path=votes.path,
        lines=votes.lines[keep],
        what="COW country code",
        expected="a cow_code in countries.csv",
    )
    decision = decision[keep]
    code_id, codes = follow_seats(code_id, codes, decision, dates, registry)
    positions = assemble(
        path=votes.path,
        decision=decision,
        code_id=code_id,
        codes=codes,
        vote=codes_.vote[keep],
        reason=codes_.reason[keep],
        lines=votes.lines[keep],
        refs=[d.ref for d in decisions],
    )
    positions, dropped = drop_absent_non_members(positions, dates, registry)
    votes_roles = {FileRole.POSITIONS}
    files_ = []
    if decision_table is votes:
        votes_roles.add(FileRole.DECISIONS)  # without descriptions the votes file gives the decisions too
    else:
        files_.append(
            decision_table.raw.source_file(SourceKind.VOETEN_2017, len(decision_table), CITATION, {FileRole.DECISIONS})
        )
    files_.append(votes.raw.source_file(SourceKind.VOETEN_2017, len(votes), CITATION, votes_roles))
    batch = SourceBatch(
        kind=SourceKind.VOETEN_2017,
        files=tuple(files_),
        decisions=tuple(decisions),
        positions=positions,
        skipped=(*codes_.skipped, *((dropped,) if dropped else ())),
        lists_only_voters=False,
    )
    return checked(batch, path=decision_table.path, registry=registry)
