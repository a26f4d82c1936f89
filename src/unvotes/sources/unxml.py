"""UN DGACM machine-readable GA resolutions (the ``UNxml/GAresolutions`` data extract), as JSON lines.

One record per adopted resolution, with how it was adopted, the Member States in favour, against
and abstaining (names only; absent states are not listed), and the sponsors. Decisions made here:

* **Re-uploads.** Some symbols occur more than once. The *last* copy in the file is kept: upstream
  appends a re-upload after the first extraction, and the later copies carry the additional
  sponsors and corrected spellings the first lack. Earlier copies are counted as skipped.
* **Blank modality.** A record whose ``adoption_type`` and ``voting_type`` are both blank (four
  multi-part budget resolutions, "A/RES/79/259 A-C") cannot be given an adoption method without
  guessing, so it is skipped and counted; nothing else in it is stored.
* **Totals.** ``MS_*_count`` are the official figures for a recorded vote; ``N.A.`` is ``None``.
  Adoptions without a vote carry ``0`` placeholders there, stored as ``None``.
* **Sponsors.** Entries are cleaned ("on behalf of ..." clauses dropped, lists split) and resolved
  through the country registry; entries naming a chair, bureau or committee rather than a state,
  observer States outside the member table and the few garbled entries listed in
  :data:`SPONSOR_FIXES` are counted as skipped. A state listed twice for one resolution is kept once.

The summary and long CSV files beside the JSONL are derived from it (:data:`DERIVED_COPIES`); they
are recognised and ignored, never read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from unvotes.errors import HeaderError, InputError, UnknownCodeError, UnknownCountryError
from unvotes.model import (
    AdoptionMethod,
    Body,
    Decision,
    DecisionKind,
    FileRole,
    Outcome,
    SkipCount,
    SourceBatch,
    SourceKind,
    SponsorRole,
    Sponsorship,
    Vote,
)
from unvotes.reference.countries import CountryRegistry, load_registry
from unvotes.sources.checks import check_date, checked
from unvotes.sources.numbers import shown, whole_number
from unvotes.sources.positions import VoteTable, assemble, map_votes, recorded_names, resolve_distinct
from unvotes.sources.tabular import RawFile, TableSpec, read_raw

__all__ = ["CITATION", "DERIVED_COPIES", "FIELDS", "SPONSOR_FIXES", "read_unxml"]

CITATION = (
    "United Nations, Department for General Assembly and Conference Management, machine-readable "
    "GA resolutions (UNxml/GAresolutions data extract); source: United Nations"
)

#: Keys of one JSON record: required, then those only later extracts carry.
FIELDS = TableSpec(
    "UN DGACM GA resolutions (JSON lines)",
    (
        "symbol", "resolution_number", "title", "session", "adoption_meeting", "adoption_date",
        "originating_document", "report_paragraph", "committee", "agenda_item", "agenda_item_name",
        "adoption_type", "MS_in_favour_count", "MS_against_count", "MS_abstaining_count", "pv",
        "MS_in_favour", "MS_against", "MS_abstaining", "sponsors", "additional_sponsors", "SDGs",
        "subjects",
    ),
    ("voting_type", "_source_file"),
)  # fmt: skip

#: CSV layouts derived from the JSONL (by the data collector), recognised so a build can ignore them.
DERIVED_COPIES = (
    TableSpec(
        "UN DGACM resolutions summary (derived from the JSONL)",
        (
            "symbol", "resolution_number", "title", "session", "adoption_meeting", "adoption_date",
            "adoption_date_iso", "pv", "originating_document", "committee", "agenda_item",
            "agenda_item_name", "voting_type", "adoption_type", "modality", "MS_in_favour_count",
            "MS_against_count", "MS_abstaining_count",
        ),
        ("_source_file",),
    ),
    TableSpec(
        "UN DGACM votes, long (derived from the JSONL)",
        ("symbol", "adoption_date", "adoption_date_iso", "ms_name", "vote"),
    ),
)  # fmt: skip

#: (adoption_type, voting_type) -> method; the two fields say the same thing in two vocabularies.
_ADOPTION_TYPES: dict[str, AdoptionMethod | None] = {
    "Without a vote": AdoptionMethod.WITHOUT_VOTE,
    "By a recorded vote": AdoptionMethod.RECORDED_VOTE,
    "": None,
}
_VOTING_TYPES: dict[str, AdoptionMethod | None] = {
    "adoptedWithoutVote": AdoptionMethod.WITHOUT_VOTE,
    "adoptedRecordedVote": AdoptionMethod.RECORDED_VOTE,
    "": None,
}
_LISTS = (("MS_in_favour", "Y"), ("MS_against", "N"), ("MS_abstaining", "A"))
_VOTES: VoteTable = {"Y": (Vote.YES, None), "N": (Vote.NO, None), "A": (Vote.ABSTAIN, None)}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
}  # fmt: skip

#: Name lists printed twice over in one record: symbol -> number of repeated names expected.
REPEATED_LISTS = {"A/RES/75/290 A": 137}

#: Sponsor entries that are not a Member State: a chair, rapporteur, bureau or committee.
_NOT_A_STATE = re.compile(
    r"^(was )?(submitted by|introduced in the committee by|the representative of|on the basis of)"
    r"|on the basis of informal consultations|on behalf of the bureau",
    re.IGNORECASE,
)
#: Observer States, which sponsor on behalf of groups but are not in the member table.
_OBSERVERS = ("state of palestine", "holy see")

#: Sponsor entries garbled in the extract (split or run-together words), as printed after
#: whitespace is normalised: the states meant, and the reason when none can be recovered.
SPONSOR_FIXES: dict[str, tuple[tuple[str, ...], str]] = {
    "CZECHI A": (("CZE",), ""),
    "GE RMANY": (("DEU",), ""),
    "IR ELAND": (("IRL",), ""),
    "ANGOLA BAHAMAS": (("AGO", "BHS"), ""),
    "BARBADOS. DOMINICAN REPUBLIC": (("BRB", "DOM"), ""),
    "UNITED KINGDOMAND URUGUAY": (("GBR", "URY"), ""),
    "THEREPUBLIC OF KOREA": (("KOR",), ""),
    "THEUNITED REPUBLIC OF TANZANIA": (("TZA",), ""),
    "COMOROS CONGO": (("COM", "COG"), ""),
    "THAILAND ( )": (("THA",), ""),
    "SOLOMON": (("SLB",), ""),
    "NORTHERN IRELAND": (("GBR",), ""),
    "LIBERIA. SUBSEQUENTLY": (("LBR",), ""),
    "ISLANDS": ((), "sponsor name broken across entries (second half of 'SOLOMON ISLANDS')"),
    "PRINCIPE": ((), "sponsor name fragment ('SAO TOME AND PRINCIPE' is listed whole beside it)"),
    "THE OF KOREA": ((), "garbled sponsor entry: which Korea is meant cannot be told"),
    "ANNEX: STAFFING TABLE FOR 2025: P. 11-12": ((), "sponsor entry is stray document text"),
    "THE AMENDMENT WAS REJECTED BY THE ASSEMBLY": ((), "sponsor entry is stray document text"),
}
_SKIP_NOT_A_STATE = "sponsor entry names a chair, rapporteur, bureau or committee, not a state"
_SKIP_OBSERVER = "sponsor is an observer State, not in the member table"
_SKIP_BLANK = "blank sponsor entry"
_SKIP_REPEATED_SPONSOR = "state listed again as sponsor of the same resolution"


class _Records:
    """The JSON records of one file, with their line numbers."""

    def __init__(self, raw: RawFile) -> None:
        self.raw = raw
        self.items: list[tuple[int, dict[str, Any]]] = []
        for number, text in enumerate(raw.data.decode("utf-8").split("\n"), start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"not a JSON object ({exc.msg})",
                    path=raw.path,
                    line=number,
                    expected="one JSON object per line",
                ) from None
            except RecursionError:
                raise InputError(
                    "JSON nested too deeply to read",
                    path=raw.path,
                    line=number,
                    expected="one flat JSON object per line",
                ) from None
            if not isinstance(record, dict):
                raise InputError("not a JSON object", path=raw.path, line=number, expected="one JSON object per line")
            self._check_keys(record, number)
            self.items.append((number, record))

    def _check_keys(self, record: dict[str, Any], line: int) -> None:
        if FIELDS.matches(list(record)):
            return
        missing = [k for k in FIELDS.required if k not in record]
        extra = [k for k in record if k not in FIELDS.required and k not in FIELDS.optional]
        raise HeaderError(
            f"record fields: missing {', '.join(missing) or 'none'}; unexpected {', '.join(extra) or 'none'}",
            path=self.raw.path,
            line=line,
            expected="the fields of the DGACM data extract",
        )


def _text(record: dict[str, Any], key: str, path: Path, line: int) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{key} is not text", path=path, line=line, expected="a string")
    return value


def _names(record: dict[str, Any], key: str, path: Path, line: int) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not set(map(type, value)) <= {str}:
        raise InputError(f"{key} is not a list of names", path=path, line=line, expected="a list of strings")
    return value


def adoption_date(text: str, *, path: Path, line: int) -> dt.date:
    """'2019-12-18 00:00:00', '16 December 2020' or '17\\xa0December 2024' as a date.

    >>> adoption_date("17\\xa0December 2024", path=Path("x"), line=1)
    datetime.date(2024, 12, 17)
    """
    clean = " ".join(text.replace("\xa0", " ").split())
    try:
        if not clean.isascii():  # int() would read Arabic-Indic and other digits
            raise ValueError(clean)
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2})?", clean):
            day = dt.date.fromisoformat(clean[:10])
        else:
            number, month, year = clean.split(" ")
            day = dt.date(int(year), _MONTHS[month.casefold()], int(number))
    except (ValueError, KeyError, OverflowError):
        raise InputError(
            f"adoption_date {shown(text)} cannot be read",
            path=path,
            line=line,
            expected="'2019-12-18' or '16 December 2020'",
        ) from None
    return check_date(day, column="adoption_date", path=path, line=line)


def _method(record: dict[str, Any], path: Path, line: int) -> AdoptionMethod | None:
    adoption, voting = _text(record, "adoption_type", path, line), _text(record, "voting_type", path, line)
    for value, table, key in (
        (adoption, _ADOPTION_TYPES, "adoption_type"),
        (voting, _VOTING_TYPES, "voting_type"),
    ):
        if value.strip() not in table:
            raise UnknownCodeError(
                f"{key} {value!r}", path=path, line=line, expected=", ".join(repr(k) for k in table if k)
            )
    first, second = _ADOPTION_TYPES[adoption.strip()], _VOTING_TYPES[voting.strip()]
    if first and second and first is not second:
        raise InputError(f"adoption_type {adoption!r} contradicts voting_type {voting!r}", path=path, line=line)
    return first or second


def _count(record: dict[str, Any], key: str, path: Path, line: int) -> int | None:
    value = _text(record, key, path, line).strip()
    if value == "N.A.":
        return None
    return whole_number(value, column=key, path=path, line=line)


def _decision(record: dict[str, Any], method: AdoptionMethod, path: Path, line: int) -> Decision:
    symbol = _text(record, "symbol", path, line).strip()
    session = re.match(r"^A/RES/([0-9]{1,4})/", symbol)
    origin = _text(record, "originating_document", path, line).strip()
    recorded = method is AdoptionMethod.RECORDED_VOTE
    return Decision(
        ref=symbol,
        body=Body.GA,
        kind=DecisionKind.RESOLUTION,
        adoption_method=method,
        symbol=symbol,
        date=adoption_date(_text(record, "adoption_date", path, line), path=path, line=line),
        outcome=Outcome.ADOPTED,
        draft_symbol=origin if re.search(r"/L\.\d", origin) else None,
        session=int(session[1]) if session else None,
        title=_text(record, "title", path, line).strip() or None,
        meeting_symbol=_text(record, "pv", path, line).strip() or None,
        yes_count=_count(record, "MS_in_favour_count", path, line) if recorded else None,
        no_count=_count(record, "MS_against_count", path, line) if recorded else None,
        abstain_count=_count(record, "MS_abstaining_count", path, line) if recorded else None,
        line=line,
    )


def _latest_copies(records: _Records) -> tuple[list[tuple[int, dict[str, Any]]], int]:
    """Keep the last record of each symbol; count the earlier copies."""
    last: dict[str, int] = {}
    for i, (line, record) in enumerate(records.items):
        symbol = _text(record, "symbol", records.raw.path, line).strip()
        if not symbol:
            raise InputError("symbol is blank", path=records.raw.path, line=line, expected="a resolution symbol")
        last[symbol] = i
    kept = sorted(last.values())
    return [records.items[i] for i in kept], len(records.items) - len(kept)


class _Sponsors:
    """Sponsor entries to state codes, each distinct entry resolved once; skips counted by reason."""

    def __init__(self, registry: CountryRegistry, path: Path) -> None:
        self.registry = registry
        self.path = path
        self.skipped: Counter[str] = Counter()
        self._cache: dict[str, tuple[tuple[str, ...], str]] = {}

    def codes(self, entry: str, line: int) -> tuple[str, ...]:
        if entry not in self._cache:
            self._cache[entry] = self._resolve(entry, line)
        codes, why = self._cache[entry]
        if why:
            self.skipped[why] += 1
        return codes

    def _resolve(self, entry: str, line: int) -> tuple[tuple[str, ...], str]:
        text = " ".join(entry.replace("\xa0", " ").split()).strip(" ,")
        if not text:
            return (), _SKIP_BLANK
        if text in SPONSOR_FIXES:
            return SPONSOR_FIXES[text]
        if _NOT_A_STATE.search(text):
            return (), _SKIP_NOT_A_STATE
        for candidate in (text, re.sub(r"^the\s*", "", text, flags=re.IGNORECASE)):
            try:
                return tuple(self.registry.resolve_list(candidate)), ""
            except UnknownCountryError:
                continue
        if text.casefold().startswith(_OBSERVERS):
            return (), _SKIP_OBSERVER
        raise UnknownCountryError(
            f"unknown sponsor {entry!r}",
            path=self.path,
            line=line,
            expected="Member State names in countries.csv or aliases.csv",
        )

    def of(self, ref: str, record: dict[str, Any], line: int) -> list[Sponsorship]:
        seen: set[str] = set()
        out: list[Sponsorship] = []
        for key, role in (("sponsors", SponsorRole.INITIAL), ("additional_sponsors", SponsorRole.ADDITIONAL)):
            for entry in _names(record, key, self.path, line):
                for code in self.codes(entry, line):
                    if code in seen:
                        self.skipped[_SKIP_REPEATED_SPONSOR] += 1
                        continue
                    seen.add(code)
                    out.append(Sponsorship(ref, code, role, entry.strip()))
        return out


class _Roll:
    """Name-list entries gathered column-wise: decision, spelling id, vote letter, line."""

    def __init__(self) -> None:
        self.decision: list[int] = []
        self.name_id: list[int] = []
        self.vote: list[int] = []
        self.line: list[int] = []
        self.names: dict[str, int] = {}
        self.repeats = 0

    def add(self, decision: int, record: dict[str, Any], path: Path, line: int) -> None:
        symbol = _text(record, "symbol", path, line).strip()
        printed_twice = symbol in REPEATED_LISTS
        repeats = 0
        ids = self.names
        for v, (key, _) in enumerate(_LISTS):
            names = _names(record, key, path, line)
            if printed_twice:
                unique = list(dict.fromkeys(names))
                repeats += len(names) - len(unique)
                names = unique
            self.decision.extend([decision] * len(names))
            self.vote.extend([v] * len(names))
            self.line.extend([line] * len(names))
            self.name_id.extend([ids.setdefault(name, len(ids)) for name in names])
        if printed_twice and repeats != REPEATED_LISTS[symbol]:
            raise InputError(
                f"{symbol}: {repeats} names repeated, not the {REPEATED_LISTS[symbol]} known",
                path=path,
                line=line,
                expected="the known correction to still apply",
            )
        self.repeats += repeats


def read_unxml(paths: Sequence[Path]) -> SourceBatch:
    """The DGACM JSON-lines extract (one file): resolutions, recorded votes and sponsors."""
    if len(paths) != 1:
        raise InputError(f"expected one JSON-lines file, got {len(paths)}", expected="the unxml JSONL file")
    registry = load_registry()
    raw = read_raw(paths[0])
    records = _Records(raw)
    kept, earlier_copies = _latest_copies(records)
    decisions: list[Decision] = []
    sponsors = _Sponsors(registry, raw.path)
    sponsorships: list[Sponsorship] = []
    roll = _Roll()
    blank = 0
    for line, record in kept:
        method = _method(record, raw.path, line)
        if method is None:
            blank += 1
            continue
        decision = _decision(record, method, raw.path, line)
        roll.add(len(decisions), record, raw.path, line)
        sponsorships.extend(sponsors.of(decision.ref, record, line))
        decisions.append(decision)
    lines = np.array(roll.line, np.int64)
    vote_id = np.array(roll.vote, np.int32)
    name_id = np.array(roll.name_id, np.int32)
    decision_idx = np.array(roll.decision, np.int32)
    names = list(roll.names)
    votes = map_votes(vote_id, [code for _, code in _LISTS], _VOTES, path=raw.path, lines=lines)
    code_id, codes = resolve_distinct(
        name_id,
        names,
        registry.resolve_name,
        path=raw.path,
        lines=lines,
        what="Member State name",
        expected="a name in countries.csv or aliases.csv",
    )
    positions = assemble(
        path=raw.path,
        decision=decision_idx,
        code_id=code_id,
        codes=codes,
        vote=votes.vote,
        reason=votes.reason,
        lines=lines,
        refs=[d.ref for d in decisions],
    )
    skipped = Counter(
        {
            "earlier copy of a re-uploaded record (the last copy is kept)": earlier_copies,
            "adoption modality blank in the source (not guessed)": blank,
            "name printed twice in the same vote list": roll.repeats,
        }
    )
    skipped.update(sponsors.skipped)
    batch = SourceBatch(
        kind=SourceKind.UNXML,
        files=(
            raw.source_file(
                SourceKind.UNXML,
                len(records.items),
                CITATION,
                {FileRole.DECISIONS, FileRole.POSITIONS, FileRole.SPONSORSHIPS},
            ),
        ),
        decisions=tuple(decisions),
        positions=positions,
        sponsorships=tuple(sponsorships),
        recorded_names=recorded_names(
            name_id=name_id,
            names=names,
            code_id=code_id,
            codes=codes,
            decision=decision_idx,
            dates=[d.date for d in decisions],
        ),
        skipped=tuple(SkipCount(reason, rows) for reason, rows in skipped.items() if rows),
        lists_only_voters=True,
    )
    return checked(batch, path=raw.path, registry=registry)
