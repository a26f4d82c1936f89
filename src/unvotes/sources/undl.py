"""The UN Digital Library's bulk voting files for the General Assembly and the Security Council.

The Dag Hammarskjöld Library publishes one CSV per body (GA: digitallibrary.un.org/record/4060887,
e.g. ``2026_02_06_ga_voting.csv``; SC: record 4055387, ``2026_02_06_sc_voting.csv``), one row
per member state per vote. Rows are grouped by ``undl_id`` into one :class:`~unvotes.model.Decision`
each; the columns that describe the vote rather than the state must agree within a ``undl_id``.
Every member is listed (``lists_only_voters`` is false). Decisions made here:

* **Vote codes.** ``Y``/``N``/``A`` are yes/no/abstain; ``X`` (and ``NV``, the code the GA data
  dictionary of 2024 gives) is non-voting, reason ``did_not_participate``. A *blank* ``ms_vote``
  is kept as non-voting with no reason: the Library's guide reads blank as "non-participating"
  but does not say whether the state was present. A ``vote_note`` that speaks of exactly one of
  absence, Article 19 / arrears, or not participating sets the reason of a non-voting row when
  the note concerns that row: it is on no yes/no/abstain row of the same vote, or it names the
  state. A blank row for a state that was not a UN member on the day is no position (counted).
* **States.** ``ms_code`` is resolved as a code (an unknown one through the alias table); where it
  is blank (old rows), ``ms_name`` is resolved through the registry. Either way a seat that
  changed hands goes to the state holding it on the day (``RUS`` in 1970 is ``SUN``).
* **GA kind.** A row with a ``resolution`` symbol is a vote on the resolution as a whole, whatever
  its title says ("Amendments to the rules of procedure" is a resolution). Without one, a title
  or note speaking of an amendment makes it an amendment vote, of a paragraph (or a separate
  vote) a paragraph vote, else a vote on a draft. A resolution is adopted (its symbol says so);
  other outcomes only where a note states them. Subjects, agenda and committee report go to
  ``description``; ``topics`` stays empty (it is a closed list the Library's subjects are not).
  A session such as ``ES-10`` or ``S-28`` is kept in ``description``, ``session`` left empty.
* **SC kind and outcome.** An ``S/RES`` symbol makes a resolution (adopted). Otherwise the vote is
  procedural when ``description`` or ``modality`` says so, else a draft. Charter Article 27 gives
  the only rules used: a draft is rejected when it has fewer yes votes than required (9; 7 before
  the Council grew to 15 on 1 January 1966) or a permanent member votes no; a procedural vote is
  adopted or rejected on the yes votes alone. Yes votes are the official total, else the roll.
* **Modality.** Known wordings (:data:`MODALITIES`) map to an adoption method; a blank one is a
  recorded vote, except in the SC file where a note saying "without a vote", "by acclamation" or
  "by consensus" marks an adoption without a vote. Anything else is an error to look at. The SC
  file lists every member as ``Y`` for adoptions without a vote: those rows are not positions and
  are counted as skipped (a ``N`` or ``A`` there is an error), and the totals are left empty. The
  same holds in the GA file should it carry a ``modality`` column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import InputError, UnknownCodeError
from unvotes.model import (
    REASON_CODES,
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    FileRole,
    NonVotingReason,
    Outcome,
    PositionColumns,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.reference.countries import CountryRegistry, load_registry, normalise_spelling
from unvotes.sources.checks import check_date, checked
from unvotes.sources.numbers import whole_number
from unvotes.sources.positions import (
    VoteTable,
    assemble,
    follow_seats,
    map_votes,
    recorded_names,
    resolve_distinct,
)
from unvotes.sources.tabular import Table, TableSpec, assign_files, first_row_of, read_csv

__all__ = [
    "CITATION_GA",
    "CITATION_SC",
    "GA_SPEC",
    "MODALITIES",
    "SC_SPEC",
    "VOTES",
    "read_undl_ga",
    "read_undl_sc",
]

_LIBRARY = "United Nations Dag Hammarskjöld Library"
CITATION_GA = f"{_LIBRARY}, General Assembly Voting Data (digitallibrary.un.org/record/4060887)"
CITATION_SC = f"{_LIBRARY}, Security Council Voting Data (digitallibrary.un.org/record/4055387)"
_TOTALS = ("total_yes", "total_no", "total_abstentions", "total_non_voting")
GA_SPEC = TableSpec(
    "UN Digital Library GA voting",
    ("undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft", "committee_report",
     "meeting", "title", "agenda_title", "subjects", "vote_note", *_TOTALS, "total_ms", "undl_link"),
    ("modality",),
)  # fmt: skip
SC_SPEC = TableSpec(
    "UN Digital Library SC voting",
    ("undl_id", "ms_code", "ms_name", "permanent_member", "ms_vote", "date", "resolution", "draft", "meeting",
     "description", "agenda", "subjects", "vote_note", *_TOTALS, "total_ms", "modality", "undl_link"),
)  # fmt: skip
#: Columns that describe the state, not the vote; every other column must agree within a undl_id.
_ROW_COLUMNS = frozenset({"ms_code", "ms_name", "permanent_member", "ms_vote", "vote_note"})

VOTES: VoteTable = {
    "Y": (Vote.YES, None),
    "N": (Vote.NO, None),
    "A": (Vote.ABSTAIN, None),
    "X": (Vote.NON_VOTING, NonVotingReason.DID_NOT_PARTICIPATE),
    "NV": (Vote.NON_VOTING, NonVotingReason.DID_NOT_PARTICIPATE),
    "": (Vote.NON_VOTING, None),
}
_R, _W = AdoptionMethod.RECORDED_VOTE, AdoptionMethod.WITHOUT_VOTE
#: ``modality`` wordings (case and spacing folded, final full stop dropped) -> adoption method.
MODALITIES: dict[str, AdoptionMethod] = {
    **dict.fromkeys(
        ("recorded vote", "recorded", "voted", "vote", "voting", "with vote", "with a vote",
         "adopted by vote", "adopted by a vote", "adopted by recorded vote", "procedural vote", "procedural"),
        _R,
    ),
    **dict.fromkeys(
        ("without vote", "without a vote", "adopted without vote", "adopted without a vote", "no vote",
         "consensus", "by consensus", "adopted by consensus", "acclamation", "by acclamation",
         "adopted by acclamation"),
        _W,
    ),
}  # fmt: skip
#: ``permanent_member`` as the SC file writes it (True/False; P/R in the Library's record display).
_PERMANENT = {
    **dict.fromkeys(("true", "1", "p", "yes"), True),
    **dict.fromkeys(("false", "0", "r", "no", ""), False),
}
_NOTE_REASONS = (
    (re.compile(r"\babsent\b|\bnot present\b", re.I), NonVotingReason.ABSENT),
    (
        re.compile(r"\barticle 19\b|\barrears\b|\bineligible\b|\bnot entitled\b", re.I),
        NonVotingReason.INELIGIBLE,
    ),
    (
        re.compile(
            r"\bdid not (?:participate|vote)\b|\bnon-participating\b|\bnot participating\b|\bnot voting\b",
            re.I,
        ),
        NonVotingReason.DID_NOT_PARTICIPATE,
    ),
)
_WITHOUT_VOTE_NOTE = re.compile(r"\bwithout (?:a )?vote\b|\bby acclamation\b|\bby consensus\b", re.I)
_AMENDMENT = re.compile(r"\bamendments?\b", re.I)
_PARAGRAPH = re.compile(r"\bparagraphs?\b|\bseparate vote\b", re.I)
_PROCEDURAL = re.compile(r"\bprocedural\b", re.I)
_REJECTED = re.compile(r"\b(?:rejected|not adopted|not approved|not retained|failed)\b", re.I)
_ADOPTED = re.compile(r"\b(?:adopted|approved|retained)\b", re.I)
_SC_RESOLUTION = re.compile(r"^S/RES/\d+", re.ASCII)
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII)
_SESSION = re.compile(r"^(?:([0-9]{1,4})(?:\.0+)?|((?:ES|S)-[0-9]+))$", re.I)
_COUNCIL_OF_15 = dt.date(1966, 1, 1)


@dataclass(frozen=True, slots=True)
class _Layout:
    kind: SourceKind
    body: Body
    spec: TableSpec
    citation: str
    method_from_note: bool


_GA = _Layout(SourceKind.UNDL_GA, Body.GA, GA_SPEC, CITATION_GA, method_from_note=False)
_SC = _Layout(SourceKind.UNDL_SC, Body.SC, SC_SPEC, CITATION_SC, method_from_note=True)


def read_undl_ga(paths: Sequence[Path]) -> SourceBatch:
    """The Library's General Assembly voting file (one file, plain or compressed)."""
    return _read(paths, _GA)


def read_undl_sc(paths: Sequence[Path]) -> SourceBatch:
    """The Library's Security Council voting file (one file, plain or compressed)."""
    return _read(paths, _SC)


@dataclass(frozen=True, slots=True)
class _Heads:
    """The vote-level columns of each decision, read from its first row, and what the roll says."""

    table: Table
    rows: npt.NDArray[np.int64]
    values: dict[str, list[str]]
    notes: list[str]
    yes_rows: npt.NDArray[np.int64]
    vetoed: npt.NDArray[np.bool_]

    def get(self, name: str, i: int) -> str:
        return self.values[name][i].strip() if name in self.values else ""

    def line(self, i: int) -> int:
        return self.table.line(int(self.rows[i]))

    def fail(self, message: str, i: int, expected: str) -> InputError:
        return InputError(message, path=self.table.path, line=self.line(i), expected=expected)


def _read(paths: Sequence[Path], layout: _Layout) -> SourceBatch:
    registry = load_registry()
    table = read_csv(assign_files(paths, {"votes": layout.spec}, required=("votes",))["votes"], layout.spec)
    decision, first, ids = _group(table)
    vote_index, vote_values = table.encoded("ms_vote")
    votes = map_votes(vote_index, vote_values, VOTES, path=table.path, lines=table.lines, column="ms_vote")
    blank = vote_index == (vote_values.index("") if "" in vote_values else -1)
    vote, reason = votes.vote, _note_reasons(table, decision, votes.vote, votes.reason)
    permanent = _permanent(table) if table.has("permanent_member") else np.zeros(len(table), np.bool_)
    k = len(ids)
    heads = _Heads(
        table=table,
        rows=first,
        values={n: table.data.column(n).take(first).to_pylist() for n in table.data.column_names},
        notes=_notes(table, decision, k),
        yes_rows=np.bincount(decision[vote == VOTE_CODES[Vote.YES]], minlength=k),
        vetoed=np.bincount(decision[permanent & (vote == VOTE_CODES[Vote.NO])], minlength=k) > 0,
    )
    dates = [_day(heads, i) for i in range(k)]
    methods = [_method(heads, i, layout) for i in range(k)]
    build = _ga_decision if layout.body is Body.GA else _sc_decision
    decisions = [build(heads, i, ids[i], dates[i], methods[i]) for i in range(k)]
    code_id, codes = _countries(table, decision, dates, registry)
    positions = assemble(
        path=table.path, decision=decision, code_id=code_id, codes=codes, vote=vote, reason=reason,
        lines=table.lines, refs=ids,
    )  # fmt: skip
    keep, skipped = _kept(
        table, decision=decision, vote=vote, blank=blank, methods=methods, code_id=code_id, codes=codes,
        dates=dates, registry=registry,
    )  # fmt: skip
    name_id, names = table.encoded("ms_name")
    batch = SourceBatch(
        kind=layout.kind,
        files=(
            table.raw.source_file(layout.kind, len(table), layout.citation, {FileRole.DECISIONS, FileRole.POSITIONS}),
        ),
        decisions=tuple(decisions),
        positions=_subset(positions, keep),
        recorded_names=recorded_names(
            name_id=name_id[keep],
            names=names,
            code_id=code_id[keep],
            codes=codes,
            decision=decision[keep],
            dates=dates,
        ),
        skipped=skipped,
        lists_only_voters=False,
    )
    return checked(batch, path=table.path, registry=registry)


def _group(table: Table) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], list[str]]:
    """Each row's decision (by undl_id, in order of appearance), each decision's first row, the ids."""
    decision, ids = table.encoded("undl_id")
    if any(not i.strip() for i in ids):
        row = first_row_of(decision, next(n for n, i in enumerate(ids) if not i.strip()))
        raise InputError("undl_id is blank", path=table.path, line=table.line(row), expected="a record number")
    first = np.unique(decision, return_index=True)[1].astype(np.int64)
    for name in table.data.column_names:
        if name not in _ROW_COLUMNS:
            _check_same(table, name, decision, first, ids)
    return decision, first, ids


def _check_same(
    table: Table, name: str, decision: npt.NDArray[np.int32], first: npt.NDArray[np.int64], ids: list[str]
) -> None:
    index, values = table.encoded(name)
    differs = np.flatnonzero(index != index[first][decision])
    if not len(differs):
        return
    row = int(differs[np.argmin(table.lines[differs])])
    head = int(first[decision[row]])
    raise InputError(
        f"{name} {_short(values[index[row]])!r} differs from {_short(values[index[head]])!r} on line "
        f"{table.line(head)}, for the same undl_id {ids[decision[row]]}",
        path=table.path,
        line=table.line(row),
        expected=f"one {name} per undl_id",
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _note_reasons(
    table: Table, decision: npt.NDArray[np.int32], vote: npt.NDArray[np.int8], reason: npt.NDArray[np.int8]
) -> npt.NDArray[np.int8]:
    """A non-voting row's reason from its vote_note, where the note names exactly one reason and
    concerns that row: it is not also on a yes/no/abstain row of the vote, or it names the state."""
    index, notes = table.encoded("vote_note")
    per_note = np.zeros(len(notes), np.int8)
    for i, note in enumerate(notes):
        said = [why for pattern, why in _NOTE_REASONS if pattern.search(note)]
        per_note[i] = REASON_CODES[said[0]] if len(said) == 1 else 0
    from_note = per_note[index]
    non_voting = vote == VOTE_CODES[Vote.NON_VOTING]
    candidate = non_voting & (from_note > 0)
    if not candidate.any():
        return reason
    key = decision.astype(np.int64) * len(notes) + index
    shared = np.isin(key, key[~non_voting])
    check = np.flatnonzero(candidate & shared)
    name_index, names = table.encoded("ms_name")
    pairs, inverse = np.unique(index[check].astype(np.int64) * len(names) + name_index[check], return_inverse=True)
    named = np.array([_names(notes[p // len(names)], names[p % len(names)]) for p in pairs.tolist()], np.bool_)
    use = candidate & ~shared
    use[check] = named[inverse]
    return np.where(use, from_note, reason).astype(np.int8)


def _names(note: str, name: str) -> bool:
    """Whether ``note`` mentions the state called ``name`` (as a whole word)."""
    spelling = normalise_spelling(name)
    return bool(spelling) and re.search(rf"\b{re.escape(spelling)}\b", normalise_spelling(note)) is not None


def _permanent(table: Table) -> npt.NDArray[np.bool_]:
    index, values = table.encoded("permanent_member")
    flags = np.zeros(len(values), np.bool_)
    for i, value in enumerate(values):
        flag = _PERMANENT.get(value.strip().casefold())
        if flag is None:
            raise UnknownCodeError(
                f"unknown permanent_member value {value!r}",
                path=table.path,
                line=table.line(first_row_of(index, i)),
                expected="True or False",
            )
        flags[i] = flag
    return flags[index]


def _notes(table: Table, decision: npt.NDArray[np.int32], k: int) -> list[str]:
    """The distinct non-blank vote notes of each decision, joined."""
    index, notes = table.encoded("vote_note")
    pairs = np.unique(decision.astype(np.int64) * max(len(notes), 1) + index)
    found: list[list[str]] = [[] for _ in range(k)]
    for pair in pairs.tolist():
        note = notes[pair % max(len(notes), 1)].strip()
        if note:
            found[pair // max(len(notes), 1)].append(note)
    return ["; ".join(n) for n in found]


def _day(h: _Heads, i: int) -> dt.date:
    text = h.get("date", i)
    match = _DATE.match(text)
    try:
        if match:
            day = dt.date.fromisoformat(match[1])
            return check_date(day, column="date", path=h.table.path, line=h.line(i))
    except ValueError:
        pass
    raise h.fail(f"date {text!r} is not a date", i, "YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")


def _method(h: _Heads, i: int, layout: _Layout) -> AdoptionMethod:
    text = h.get("modality", i)
    if not text:
        said_without = layout.method_from_note and _WITHOUT_VOTE_NOTE.search(h.notes[i])
        return AdoptionMethod.WITHOUT_VOTE if said_without else AdoptionMethod.RECORDED_VOTE
    method = MODALITIES.get(" ".join(text.casefold().split()).rstrip("."))
    if method is None:
        raise UnknownCodeError(
            f"unknown modality value {text!r}",
            path=h.table.path,
            line=h.line(i),
            expected="'Recorded Vote', 'Voted', 'Adopted without vote', 'Consensus' or another in MODALITIES",
        )
    return method


def _whole(h: _Heads, i: int, name: str) -> int | None:
    return whole_number(h.get(name, i), column=name, path=h.table.path, line=h.line(i))


def _totals(h: _Heads, i: int, method: AdoptionMethod) -> tuple[int | None, ...]:
    counts = tuple(_whole(h, i, name) for name in (*_TOTALS, "total_ms"))
    return counts[:4] if method is AdoptionMethod.RECORDED_VOTE else (None,) * 4


def _describe(*parts: tuple[str, str]) -> str | None:
    lines = [f"{label}: {value}" for label, value in parts if value]
    return "\n".join(lines) or None


def _decision(
    h: _Heads, i: int, *, ref: str, day: dt.date, method: AdoptionMethod, body: Body, kind: DecisionKind
) -> Decision:
    """The fields both files fill alike."""
    yes, no, abstain, non_voting = _totals(h, i, method)
    return Decision(
        ref=ref,
        body=body,
        kind=kind,
        adoption_method=method,
        symbol=h.get("resolution", i) or None,
        date=day,
        draft_symbol=h.get("draft", i) or None,
        meeting_symbol=h.get("meeting", i) or None,
        yes_count=yes,
        no_count=no,
        abstain_count=abstain,
        non_voting_count=non_voting,
        url=h.get("undl_link", i) or None,
        line=h.line(i),
    )


def _ga_decision(h: _Heads, i: int, ref: str, day: dt.date, method: AdoptionMethod) -> Decision:
    resolution, title, note = h.get("resolution", i), h.get("title", i), h.notes[i]
    session_text = h.get("session", i)
    session = _SESSION.match(session_text)
    if session_text and not session:
        raise h.fail(f"session {session_text!r} is not a session", i, "a number such as 76, or ES-10, S-28")
    if resolution:
        kind = DecisionKind.RESOLUTION
    elif _AMENDMENT.search(title) or _AMENDMENT.search(note):
        kind = DecisionKind.AMENDMENT
    elif _PARAGRAPH.search(title) or _PARAGRAPH.search(note):
        kind = DecisionKind.PARAGRAPH
    else:
        kind = DecisionKind.DRAFT
    return replace(
        _decision(h, i, ref=ref, day=day, method=method, body=Body.GA, kind=kind),
        outcome=Outcome.ADOPTED if resolution else _stated_outcome(note),
        session=int(session[1]) if session and session[1] else None,
        title=title or None,
        description=_describe(
            ("Session", session[2] if session and session[2] else ""),
            ("Agenda", h.get("agenda_title", i)),
            ("Committee report", h.get("committee_report", i)),
            ("Subjects", h.get("subjects", i)),
            ("Vote note", note),
        ),
    )


def _stated_outcome(note: str) -> Outcome | None:
    if _REJECTED.search(note):
        return Outcome.REJECTED
    return Outcome.ADOPTED if _ADOPTED.search(note) else None


def _sc_decision(h: _Heads, i: int, ref: str, day: dt.date, method: AdoptionMethod) -> Decision:
    resolution, agenda, label = h.get("resolution", i), h.get("agenda", i), h.get("description", i)
    if resolution and not _SC_RESOLUTION.match(resolution):
        raise h.fail(f"resolution {resolution!r} is not an S/RES symbol", i, "S/RES/<n> (<year>) or blank")
    if resolution:
        kind = DecisionKind.RESOLUTION
    elif _PROCEDURAL.search(label) or _PROCEDURAL.search(h.get("modality", i)):
        kind = DecisionKind.PROCEDURAL
    else:
        kind = DecisionKind.DRAFT
    official_yes = _whole(h, i, "total_yes")
    yes = official_yes if official_yes is not None else int(h.yes_rows[i])
    return replace(
        _decision(h, i, ref=ref, day=day, method=method, body=Body.SC, kind=kind),
        outcome=_sc_outcome(kind, yes, bool(h.vetoed[i]), day),
        title=agenda or label or None,
        description=_describe(
            ("Library description", label if agenda else ""),
            ("Subjects", h.get("subjects", i)),
            ("Vote note", h.notes[i]),
        ),
    )


def _sc_outcome(kind: DecisionKind, yes: int, vetoed: bool, day: dt.date) -> Outcome | None:
    """Charter Art. 27: nine affirmative votes (seven before 1966); on substance, no permanent member's no."""
    if kind is DecisionKind.RESOLUTION:
        return Outcome.ADOPTED
    enough = yes >= (9 if day >= _COUNCIL_OF_15 else 7)
    if kind is DecisionKind.PROCEDURAL:
        return Outcome.ADOPTED if enough else Outcome.REJECTED
    return Outcome.REJECTED if not enough or vetoed else None


def _countries(
    table: Table, decision: npt.NDArray[np.int32], dates: Sequence[dt.date | None], registry: CountryRegistry
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Alpha-3 per row: from ms_code, or from ms_name where the code is blank; seats followed by date."""

    def by_code(text: str) -> str | None:
        code = text.strip().upper()
        return code if code in registry else registry.resolve_name(code)

    code_index, code_values = table.encoded("ms_code")
    blank = np.isin(code_index, [i for i, v in enumerate(code_values) if not v.strip()])
    code_id = np.zeros(len(table), np.int64)
    codes: list[str] = []
    for mask, column, resolve, expected in (
        (~blank, "ms_code", by_code, "an alpha-3 code in countries.csv or aliases.csv"),
        (blank, "ms_name", registry.resolve_name, "a name in countries.csv or aliases.csv"),
    ):
        rows = np.flatnonzero(mask)
        if not len(rows):
            continue
        index, values = table.encoded(column)
        part_id, part = resolve_distinct(
            index[rows],
            values,
            resolve,
            path=table.path,
            lines=table.lines[rows],
            what=column,
            expected=expected,
        )
        part_id, part = follow_seats(part_id, part, decision[rows], dates, registry)
        for code in part:
            if code not in codes:
                codes.append(code)
        code_id[rows] = np.array([codes.index(c) for c in part], np.int64)[part_id]
    return code_id, codes


def _kept(
    table: Table,
    *,
    decision: npt.NDArray[np.int32],
    vote: npt.NDArray[np.int8],
    blank: npt.NDArray[np.bool_],
    methods: Sequence[AdoptionMethod],
    code_id: npt.NDArray[np.int64],
    codes: Sequence[str],
    dates: Sequence[dt.date],
    registry: CountryRegistry,
) -> tuple[npt.NDArray[np.bool_], tuple[SkipCount, ...]]:
    """Rows that are positions; the others counted by reason."""
    without = np.array([m is AdoptionMethod.WITHOUT_VOTE for m in methods], np.bool_)[decision]
    cast = np.flatnonzero(without & np.isin(vote, [VOTE_CODES[Vote.NO], VOTE_CODES[Vote.ABSTAIN]]))
    if len(cast):
        raise InputError(
            "a no or abstention on a decision its modality or note says was adopted without a vote",
            path=table.path,
            line=table.line(int(cast[0])),
            expected="every member as Y (the Library's convention) or a recorded-vote modality",
        )
    rows = np.flatnonzero(blank)
    k = max(len(dates), 1)
    pairs, inverse = np.unique(code_id[rows] * k + decision[rows], return_inverse=True)
    member = np.array([registry.get(codes[p // k]).is_member_on(dates[p % k]) for p in pairs.tolist()], np.bool_)
    outside = np.zeros(len(table), np.bool_)
    outside[rows] = ~member[inverse] if len(rows) else False
    outside &= ~without
    skipped = (
        SkipCount("adopted without a vote: the rows for it are not a roll call", int(without.sum())),
        SkipCount("blank ms_vote of a state not a UN member on the day of the vote", int(outside.sum())),
    )
    return ~without & ~outside, tuple(s for s in skipped if s.rows)


def _subset(positions: PositionColumns, keep: npt.NDArray[np.bool_]) -> PositionColumns:
    return PositionColumns(
        decision=positions.decision[keep],
        country=positions.country[keep],
        vote=positions.vote[keep],
        reason=positions.reason[keep],
        is_inferred=positions.is_inferred[keep],
        line=positions.line[keep],
    )
