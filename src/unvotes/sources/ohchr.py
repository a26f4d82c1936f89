"""Commission on Human Rights (1946-2006) and Human Rights Council (2006-) decisions and roll calls.

Two files from the OHCHR Search Library "Voting" collection as harvested by Ł. Szoszkiewicz
(``lszoszk/hrc-voting``): one row per record (``resolutions``) and one row per member per
recorded vote (``votes_long``). Records share symbols ("E/HR/RES", "E/CN.4/RES(II)"), so a
decision's ``ref`` is the library's ``record_id``. Decisions made here:

* ``vote_type`` gives the adoption method; ``WITHDRAWN`` and ``NOT CONSIDERED`` drafts had no
  decision and are counted as skipped (:data:`VOTE_TYPES`).
* A record whose title ends ": amendment /" is an amendment; it is linked to the draft it amends
  when the ``draft`` column names a draft that exactly one other record carries.
* Outcome from ``meeting`` ("Adopted at/by ...", "Rejected at/by ..."), else from ``draft``
  ("Amendment ... Rejected by a recorded vote"), else from the method (an adoption without a
  vote, or a resolution/decision number, means adopted); otherwise unknown (``None``).
* Votes ``Y``/``N``/``A``; ``.`` (did not participate) and an empty vote are both ``non_voting``:
  the official ``nonvoting`` total counts both. The empty one carries no reason (the source gives
  none). A row repeated verbatim in the source (:data:`KNOWN_REPEATS`) is counted as skipped.
* A roll that the file gives, state for state, to two or more records and that contradicts the
  official totals of a record it is given to is not that record's roll (it is another vote's,
  attached to the wrong record): it is withheld from that record, its rows counted as skipped,
  and the decision keeps its official totals without a roll.

Licence: PolyForm Noncommercial 1.0.0 (see :data:`CITATION`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from unvotes.errors import InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import (
    VOTE_CODES,
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    DecisionLink,
    FileRole,
    LinkRelation,
    NonVotingReason,
    Outcome,
    SkipCount,
    SourceBatch,
    SourceKind,
    Vote,
)
from unvotes.reference.countries import CountryRegistry, load_registry
from unvotes.sources.checks import checked, iso_date
from unvotes.sources.numbers import whole_number
from unvotes.sources.positions import (
    VoteTable,
    assemble,
    map_votes,
    recorded_names,
    repeated_rows,
    resolve_distinct,
    roll_keys,
)
from unvotes.sources.tabular import Table, TableSpec, assign_files, first_row_of, read_csv

__all__ = ["CITATION", "KNOWN_REPEATS", "RESOLUTIONS", "VOTES", "VOTE_TYPES", "WITHOUT_VOTE_TALLIES", "read_ohchr"]

CITATION = (
    "OHCHR Search Library voting records, harvested by Łukasz Szoszkiewicz, "
    "https://github.com/lszoszk/hrc-voting "
    "(Copyright © 2026 Łukasz Szoszkiewicz; PolyForm Noncommercial 1.0.0)"
)

RESOLUTIONS = TableSpec(
    "OHCHR resolutions",
    (
        "record_id", "symbol", "title", "statement", "date", "year", "body", "collection", "vote_type",
        "meeting", "meeting_type", "agenda_item_no", "agenda_item_title", "agenda_symbol", "agenda_subject",
        "main_sponsors", "draft", "yes", "no", "abstain", "nonvoting", "total", "n_rollcall",
        "url_resolution", "url_draft", "record_url",
    ),
)  # fmt: skip
VOTES = TableSpec("OHCHR votes (long)", ("record_id", "symbol", "date", "body", "iso3", "country", "un_group", "vote"))

#: vote_type -> adoption method, or the reason the record holds no decision.
VOTE_TYPES: dict[str, AdoptionMethod | str] = {
    "RECORDED": AdoptionMethod.RECORDED_VOTE,
    "RECORDED, adopted at a closed meeting": AdoptionMethod.RECORDED_VOTE,
    "ADOPTED WITHOUT VOTE": AdoptionMethod.WITHOUT_VOTE,
    "NON-RECORDED": AdoptionMethod.NON_RECORDED_VOTE,
    "NON-RECORDED, adopted unanimously": AdoptionMethod.NON_RECORDED_VOTE,
    "NON-RECORDED, no voting information available": AdoptionMethod.NON_RECORDED_VOTE,
    "WITHDRAWN": "draft withdrawn before action (vote_type WITHDRAWN)",
    "NOT CONSIDERED": "draft not considered (vote_type NOT CONSIDERED)",
}
_BODIES = {"Commission on Human Rights": Body.CHR, "Human Rights Council": Body.HRC}
_VOTES: VoteTable = {
    "Y": (Vote.YES, None),
    "N": (Vote.NO, None),
    "A": (Vote.ABSTAIN, None),
    ".": (Vote.NON_VOTING, NonVotingReason.DID_NOT_PARTICIPATE),
    "": (Vote.NON_VOTING, None),
}
#: (record_id, iso3) rows the source repeats verbatim (same vote twice); any other repeat is an error.
KNOWN_REPEATS = frozenset({("21028", "PER"), ("30508", "BEN")})
#: Record ids the source marks ``ADOPTED WITHOUT VOTE`` and yet gives a tally for (E/CN.4/DEC/2(XXVIII)
#: 12-4-12, E/CN.4/RES/1984/7 32-1-10): kept as given, counted in the source report.
WITHOUT_VOTE_TALLIES = frozenset({"24572", "24000"})
_SKIP_REPEAT = "vote row repeated verbatim in the source"
_SKIP_OF_SKIPPED = "vote row of a record skipped above"
_SKIP_MISATTRIBUTED = (
    "vote row of a roll the file also gives to another record and that contradicts this record's"
    " official totals (another vote's roll; withheld)"
)
_AMENDMENT_TITLE = re.compile(r":\s*amendments?\s*/?\s*$", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s*:\s*[a-z][a-z ]*\s*/\s*$")
_DRAFT = re.compile(r"^Draft (?:resolution|decision) (\S+)")
_AMENDS = re.compile(r"^Amendments? \S+ to draft (?:resolution|decision) (\S+)")
_MEETING_SYMBOL = re.compile(r"^([A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.()-]+)+)")
_NUMBERED = re.compile(r"/(RES|DEC|PRST)\b")


def _int(text: str, *, table: Table, row: int, column: str) -> int | None:
    return whole_number(text, column=column, path=table.path, line=table.line(row))


def _outcome(meeting: str, draft: str, method: AdoptionMethod, symbol: str) -> Outcome | None:
    """From ``meeting`` ("Adopted at ..."), else ``draft`` ("... Rejected by ..."), else the method."""
    stated = re.match(r"^(Adopted|Rejected)\b", meeting) or re.search(r"\b(adopted|rejected)\b", draft, re.I)
    if stated:
        return Outcome.ADOPTED if stated[1].casefold() == "adopted" else Outcome.REJECTED
    if method is AdoptionMethod.WITHOUT_VOTE or _NUMBERED.search(symbol):
        return Outcome.ADOPTED
    return None


def _decision(table: Table, row: int, col: dict[str, list[str]], method: AdoptionMethod) -> Decision:
    def get(name: str) -> str:
        return col[name][row].strip()

    body = _BODIES.get(get("body"))
    if body is None:
        raise UnknownCodeError(
            f"body {get('body')!r}", path=table.path, line=table.line(row), expected=", ".join(_BODIES)
        )
    date = iso_date(get("date"), column="date", path=table.path, line=table.line(row))
    symbol, title = get("symbol"), get("title")
    is_amendment = bool(_AMENDMENT_TITLE.search(title))
    is_draft = "/L." in symbol
    draft = _DRAFT.match(get("draft"))
    meeting = _MEETING_SYMBOL.match(get("meeting"))

    def count(name: str) -> int | None:
        return _int(col[name][row], table=table, row=row, column=name)

    return Decision(
        ref=get("record_id"),
        body=body,
        kind=DecisionKind.AMENDMENT if is_amendment else DecisionKind.RESOLUTION,
        adoption_method=method,
        symbol=symbol or None,
        date=date,
        outcome=_outcome(get("meeting"), get("draft"), method, symbol),
        draft_symbol=symbol if is_draft else (draft[1].rstrip(".,;") if draft else None),
        title=_TITLE_TAIL.sub("", title) or None,
        description=get("statement") or None,
        meeting_symbol=meeting[1] if meeting else None,
        yes_count=count("yes"),
        no_count=count("no"),
        abstain_count=count("abstain"),
        non_voting_count=count("nonvoting"),
        url=get("url_resolution") or get("record_url") or None,
        line=table.line(row),
    )


def _decisions(table: Table) -> tuple[list[Decision], dict[str, str], Counter[str]]:
    """Decisions, the reason each skipped record_id was skipped, and the skip counts."""
    col = {name: table.strings(name) for name in RESOLUTIONS.required}
    decisions: list[Decision] = []
    skipped_ids: dict[str, str] = {}
    seen: dict[str, int] = {}
    for row, vote_type in enumerate(col["vote_type"]):
        record_id = col["record_id"][row].strip()
        if not record_id or record_id in seen:
            raise InputError(f"record_id {record_id!r} blank or repeated", path=table.path, line=table.line(row))
        seen[record_id] = row
        meaning = VOTE_TYPES.get(vote_type.strip())
        if meaning is None:
            raise UnknownCodeError(
                f"vote_type {vote_type!r}",
                path=table.path,
                line=table.line(row),
                expected=", ".join(VOTE_TYPES),
            )
        if not isinstance(meaning, AdoptionMethod):
            skipped_ids[record_id] = meaning
            continue
        decisions.append(_decision(table, row, col, meaning))
    return decisions, skipped_ids, Counter(skipped_ids.values())


def _links(decisions: Sequence[Decision], drafts: dict[str, str]) -> tuple[DecisionLink, ...]:
    """Amendment -> the one decision of the same body that carries the amended draft's symbol."""
    carriers: dict[tuple[Body, str], list[str]] = {}
    for d in decisions:
        if d.kind is DecisionKind.RESOLUTION and d.draft_symbol:
            carriers.setdefault((d.body, d.draft_symbol), []).append(d.ref)
    links = []
    for d in decisions:
        target = _AMENDS.match(drafts.get(d.ref, ""))
        if d.kind is DecisionKind.AMENDMENT and target:
            refs = carriers.get((d.body, target[1].rstrip(".,;")), [])
            if len(refs) == 1:
                links.append(DecisionLink(from_ref=d.ref, to_ref=refs[0], relation=LinkRelation.AMENDS))
    return tuple(links)


def _countries(
    votes: Table, registry: CountryRegistry
) -> tuple[npt.NDArray[np.int64], list[str], npt.NDArray[np.int32], list[str]]:
    """Alpha-3 per row: ``iso3`` when the table knows it, else the spelling of ``iso3`` or ``country``."""
    iso_id, isos = votes.encoded("iso3")
    name_id, names = votes.encoded("country")
    width = max(len(names), 1)
    pairs, inverse = np.unique(iso_id.astype(np.int64) * width + name_id, return_inverse=True)
    labels = [f"{isos[p // width]}|{names[p % width]}" for p in pairs.tolist()]

    def resolve(label: str) -> str | None:
        iso3, name = (part.strip() for part in label.split("|", 1))
        if iso3 in registry:
            return iso3
        for spelling in (iso3, name):
            if spelling:
                try:
                    return registry.resolve_name(spelling)
                except UnknownCountryError:
                    continue
        return None

    code_id, codes = resolve_distinct(
        inverse.astype(np.int32),
        labels,
        resolve,
        path=votes.path,
        lines=votes.lines,
        what="country (iso3|country)",
        expected="an alpha-3 code or a name in countries.csv or aliases.csv",
    )
    return code_id, codes, name_id, names


def _decision_rows(
    votes: Table, index: dict[str, int], skipped_ids: dict[str, str]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
    """Each vote row's decision index, and which rows belong to a kept decision."""
    rec_id, recs = votes.encoded("record_id")
    per_value = np.full(len(recs), -1, np.int32)
    for i, record_id in enumerate(recs):
        if record_id in index:
            per_value[i] = index[record_id]
        elif record_id not in skipped_ids:
            raise InputError(
                f"record_id {record_id!r} is not in the resolutions file",
                path=votes.path,
                line=votes.line(first_row_of(rec_id, i)),
                expected="a record listed in the resolutions file",
            )
    decision = per_value[rec_id]
    return decision, decision >= 0


def _misattributed(
    decisions: Sequence[Decision],
    decision: npt.NDArray[np.int32],
    code_id: npt.NDArray[np.int64],
    vote: npt.NDArray[np.int8],
    keep: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """The kept rows of rolls given to more than one record that contradict the official totals
    of the record they are withheld from."""
    rows = np.flatnonzero(keep)
    keys = roll_keys(decision[rows], code_id[rows], vote[rows], len(decisions))
    shared = Counter(k for k in keys if k)
    counted = np.zeros((len(decisions), 3), np.int64)
    for column, code in enumerate((Vote.YES, Vote.NO, Vote.ABSTAIN)):
        counted[:, column] = np.bincount(decision[rows][vote[rows] == VOTE_CODES[code]], minlength=len(decisions))
    wrong = np.zeros(len(decisions), np.bool_)
    for i, d in enumerate(decisions):
        official = (d.yes_count, d.no_count, d.abstain_count)
        if shared[keys[i]] > 1 and None not in official and tuple(counted[i].tolist()) != official:
            wrong[i] = True
    return keep & (decision >= 0) & wrong[np.maximum(decision, 0)]


def read_ohchr(paths: Sequence[Path]) -> SourceBatch:
    """The resolutions file and the votes_long file, recognised by their headers."""
    registry = load_registry()
    files = assign_files(paths, {"resolutions": RESOLUTIONS, "votes": VOTES}, required=("resolutions", "votes"))
    table = read_csv(files["resolutions"], RESOLUTIONS)
    votes = read_csv(files["votes"], VOTES, columns=("record_id", "iso3", "country", "vote"))
    decisions, skipped_ids, skipped = _decisions(table)
    index = {d.ref: i for i, d in enumerate(decisions)}
    drafts = dict(zip(table.strings("record_id"), table.strings("draft"), strict=True))
    decision, kept = _decision_rows(votes, index, skipped_ids)
    skipped[_SKIP_OF_SKIPPED] += int((~kept).sum())
    codes_ = map_votes(*votes.encoded("vote"), _VOTES, path=votes.path, lines=votes.lines)
    code_id, codes, name_id, names = _countries(votes, registry)
    keep = kept.copy()
    kept_rows = np.flatnonzero(kept)
    for first, second in repeated_rows(decision[kept], code_id[kept]):
        a, b = kept_rows[first], kept_rows[second]
        record_id = decisions[int(decision[b])].ref
        if (record_id, codes[int(code_id[b])]) in KNOWN_REPEATS and codes_.vote[a] == codes_.vote[b]:
            keep[b] = False
            skipped[_SKIP_REPEAT] += 1
    withheld = _misattributed(decisions, decision, code_id, codes_.vote, keep)
    skipped[_SKIP_MISATTRIBUTED] += int(withheld.sum())
    rows = np.flatnonzero(keep & ~withheld)
    positions = assemble(
        path=votes.path,
        decision=decision[rows],
        code_id=code_id[rows],
        codes=codes,
        vote=codes_.vote[rows],
        reason=codes_.reason[rows],
        lines=votes.lines[rows],
        refs=[d.ref for d in decisions],
    )
    batch = SourceBatch(
        kind=SourceKind.OHCHR,
        files=(
            table.raw.source_file(SourceKind.OHCHR, len(table), CITATION, {FileRole.DECISIONS}),
            votes.raw.source_file(SourceKind.OHCHR, len(votes), CITATION, {FileRole.POSITIONS}),
        ),
        decisions=tuple(decisions),
        positions=positions,
        links=_links(decisions, drafts),
        recorded_names=recorded_names(
            name_id=name_id[rows],
            names=names,
            code_id=code_id[rows],
            codes=codes,
            decision=decision[rows],
            dates=[d.date for d in decisions],
        ),
        skipped=tuple(SkipCount(reason, n) for reason, n in skipped.items() if n),
        lists_only_voters=False,
    )
    return checked(batch, path=table.path, registry=registry, documented_tallies=WITHOUT_VOTE_TALLIES)
