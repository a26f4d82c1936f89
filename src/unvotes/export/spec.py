"""Column specs: what each exported table holds, as data.

Every exported file — a page's CSV and XLSX, the bulk CSV and Parquet files, the Frictionless
``datapackage.json`` — is written from a :class:`TableSpec`. The bulk tables are declared here, one
spec per table or view of the database (a test keeps them in step with the schema); a page's table
gets its spec from :func:`spec_of`, which types each column from its values and describes it from
:data:`DESCRIPTIONS`, since one word means one thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from unvotes.reports import Table

__all__ = ["BULK_TABLES", "DESCRIPTIONS", "ColumnSpec", "ColumnType", "TableSpec", "spec_of"]

#: Frictionless Table Schema field types used here.
ColumnType = Literal["string", "integer", "number", "boolean", "date"]


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One exported table: ``source`` is the table or view of the database it is read from."""

    name: str
    title: str
    description: str
    columns: tuple[ColumnSpec, ...]
    source: str = ""
    order_by: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


#: The meaning of each column name, shared by every table that uses it (docs/glossary.md).
DESCRIPTIONS: dict[str, str] = {
    "abstain_count": "abstentions (official total where given)",
    "abstain": "states abstaining",
    "acknowledged": "whether the finding is explained in the dossier",
    "adoption_method": "recorded_vote, without_vote or non_recorded_vote",
    "adoption_streak": "consecutive adoptions by this body ending here",
    "agreement": "share of agreement under the stated definition (0 to 1)",
    "applied_at": "when the schema step was applied (UTC, ISO 8601)",
    "appointed_by": "who appointed the mandate holder",
    "body": "the UN organ: ga, c3, chr, hrc or sc",
    "body_name": "the name of the body",
    "citation": "how to cite the source",
    "coverage": "complete (a full official list), partial (some states named) or unknown",
    "fact": "the fact whose coverage is given: sponsors or disassociations",
    "statement": "what the source says: sponsored, not_sponsor, disassociated, did_not_join or spoke_against",
    "is_secondary": "the claim of a secondary source (a blog, an essay), shown as that source's",
    "common_votes": "recorded votes on which both states took a position that counts",
    "count": "number of states",
    "countries": "number of states (or their names)",
    "country_code": "ISO 3166-1 alpha-3 code of the state",
    "country_name": "the state's name on the day",
    "cow_code": "Correlates of War state number",
    "date": "ISO 8601 date (possibly YYYY-MM or YYYY)",
    "decision_id": "the database's id of the decision",
    "decision_key": "the series' own key of the decision (e.g. ga-2014)",
    "decisions": "number of decisions",
    "description": "what the decision or event did",
    "detail": "what was found",
    "difference": "counted minus official",
    "draft_symbol": "symbol of the draft acted on",
    "explanation": "why the finding is expected",
    "file_name": "the file read",
    "first_date": "first date the spelling was used",
    "from_decision_id": "the decision the link starts from",
    "group_name": "name of the regional group",
    "group_share": "share of the group's other voters holding the group's position",
    "group_vote": "the plurality position of the state's regional group",
    "holder_id": "id of the mandate holder row",
    "ingested_at": "when the file was read (UTC)",
    "is_acknowledged": "1 when a curated explanation covers the finding",
    "is_adopted": "whether the decision was adopted",
    "is_important": "Voeten's important-vote flag",
    "is_inferred": "position inferred: a member not listed by the source",
    "is_partial_list": "the source names only some of the states",
    "is_sponsor": "the state sponsored the draft",
    "is_this_decision": "the row is the decision of the page",
    "is_with_group": "the state voted with its group's plurality",
    "has_disassociated": "the state dissociated itself from the adoption",
    "disassociated": "yes, no (only from a complete list), n/a (a recorded vote) or unknown",
    "statements": "what sources say of the state: sponsored, not_sponsor, disassociated, did_not_join, spoke_against",
    "sponsorship": "initial, additional, sponsor (role not stated), no (from a complete list or a source) or unknown",
    "iso2": "ISO 3166-1 alpha-2 code",
    "kind": "the kind of row (see the table's description)",
    "last_date": "last date the spelling was used",
    "line": "line of the file",
    "m49": "UN M49 numeric code",
    "mandate": "special_rapporteur or commission_of_inquiry",
    "meeting_symbol": "symbol of the meeting record",
    "members": "number of states",
    "name": "name",
    "no_count": "votes against (official total where given)",
    "no": "states voting no",
    "non_voting": "member states present in the roll without a vote",
    "non_voting_count": "members not voting (official total where given)",
    "note": "a note",
    "official": "the total announced",
    "counted": "the total counted in the roll",
    "other_source_id": "the other source of a disagreement",
    "outcome": "adopted or rejected",
    "positions_source_id": "the source whose file holds this account's roll",
    "priority": "preference among sources (1 first)",
    "reason": "why a member has no yes/no/abstain: absent, did_not_participate, ineligible, not_listed",
    "recorded_votes": "number of recorded votes",
    "reference_code": "the state compared with",
    "reference_name": "the name of the state compared with",
    "regional_group": "the state's UN regional group",
    "relation": "how the decisions are linked (became, amends, is part of)",
    "role": "initial or additional sponsor (empty: not stated)",
    "roll_source_id": "the source whose roll is shown",
    "rows": "rows of the source",
    "rows_read": "data rows read from the file",
    "series": "a named set of decisions (e.g. dprk-human-rights)",
    "session": "session of the body",
    "sha256": "SHA-256 of the file",
    "shares_roll": "1 when the roll is stored once under positions_source_id",
    "source_id": "the source file the row was read from",
    "source_ref": "the id of the decision inside the source",
    "sponsor_role": "initial, additional or sponsor",
    "successor_code": "the state that continued the seat",
    "symbol": "UN document symbol exactly as the UN writes it",
    "tally_source": "official (announced) or roll (counted)",
    "term_end": "end of the term (empty: serving)",
    "term_start": "start of the term",
    "title": "title",
    "to_decision_id": "the decision the link leads to",
    "topic": "Voeten's issue code: me, nu, di, hr, co, ec",
    "un_member_from": "first day of UN membership",
    "un_member_to": "last day of UN membership (empty: a member)",
    "url": "link to the source record",
    "valid_from": "first day the name applies",
    "valid_to": "last day the name applies",
    "version": "schema version",
    "vote": "yes, no, abstain or non_voting",
    "without_vote": "adoptions without a vote",
    "without_vote_streak": "consecutive adoptions without a vote ending here",
    "year": "calendar year",
    "yes_count": "votes in favour (official total where given)",
    "yes": "states voting yes",
    "event_id": "id of the event",
    "build_id": "id of the build",
    "data_dir": "the data folder the build read (empty: the dossier only)",
    "is_partial": "1 when the build left out files that may be sources (--allow-partial)",
    "path": "a file under the data folder",
    "status": "ignored (not a source) or left_out (may be a source, could not be read)",
    "discrepancy_id": "id of the finding",
    "run_id": "id of a stored run of the dynamic ideal-point model",
    "scope": "the votes a run is fitted to: ga-all, ga-topic-hr or dprk-human-rights",
    "model": "the model and its version (dynamic-ordinal-irt/1)",
    "parameters": "the model's parameters (JSON)",
    "selection": "the recorded votes fitted, in words",
    "anchor": "the state placed on the positive side of the scale",
    "n_decisions": "recorded votes used by the fit",
    "n_dropped_decisions": "recorded votes left out (every voter on one side, or no year)",
    "n_repeated_decisions": "votes sharing item parameters with a question repeated across years",
    "n_repeat_groups": "questions repeated across years",
    "n_state_years": "state-years estimated",
    "iterations": "sweeps of the fit",
    "is_converged": "whether the fit converged",
    "is_warm_start": "whether the fit started from the scope's previous run",
    "created": "when the run was made (UTC, ISO 8601)",
    "raw_centre": "the model's own scale: raw = raw_centre + raw_scale × ideal_point",
    "raw_scale": "the model's own scale: raw = raw_centre + raw_scale × ideal_point",
    "ideal_point": "the state's estimated position that year (model estimate; mean 0, sd 1 over the run)",
    "std_error": "standard error of the position (Laplace)",
    "lower_90": "lower end of the 90% interval (ideal_point - 1.645 std_error)",
    "upper_90": "upper end of the 90% interval (ideal_point + 1.645 std_error)",
    "n_votes": "the state's yes, abstain and no votes that year among the votes used",
    "n_non_voting": "the state's non-voting that year (left out of the fit)",
    "n_states": "states in the median",
    "item": "a question's label in a run (votes repeated across years share one)",
    "beta": "the item's slope on the position (ordered logit)",
    "centre": "the centre of the item's two cutpoints",
    "gap": "half the distance between the item's two cutpoints (0 when nobody abstained)",
    "line_kind": "what the line is: state, with (the state drawn beside it) or group_median",
}


def _table(name: str, title: str, description: str, fields: str, *, source: str = "", order: str = "") -> TableSpec:
    """A spec from ``"name:type name:type ..."`` (type defaults to string)."""
    columns = []
    for field in fields.split():
        column, _, kind = field.partition(":")
        columns.append(ColumnSpec(column, _type(kind or "string"), DESCRIPTIONS.get(column, column)))
    return TableSpec(name, title, description, tuple(columns), source or name, tuple(order.split()))


def _type(kind: str) -> ColumnType:
    if kind not in ("string", "integer", "number", "boolean", "date"):
        raise ValueError(f"unknown column type {kind!r}")
    return kind  # type: ignore[return-value]


_DECISION = (
    "decision_id:integer body kind adoption_method outcome symbol draft_symbol date year:integer session:integer "
    "title description meeting_symbol yes_count:integer no_count:integer abstain_count:integer "
    "non_voting_count:integer is_important:boolean url"
)

#: Every table and view of the database as a bulk file, in the order of the data dictionary.
BULK_TABLES: tuple[TableSpec, ...] = (
    _table(
        "decisions",
        "Decisions",
        "The canonical view of each decision (fields of the best-ranked source).",
        _DECISION + " source_id:integer roll_source_id:integer",
        order="decision_id",
    ),
    _table(
        "votes",
        "Votes",
        "The roll shown for each decision, with the state's name on that day (a view).",
        "decision_id:integer body symbol date country_code country_name vote reason is_inferred:boolean "
        "source_id:integer",
        order="decision_id country_code",
    ),
    _table(
        "decision_sources",
        "Each source's account of a decision",
        "What each source says about a decision, side by side.",
        "decision_id:integer source_id:integer positions_source_id:integer shares_roll:boolean source_ref "
        "priority:integer body kind adoption_method outcome symbol draft_symbol date session:integer title "
        "description meeting_symbol yes_count:integer no_count:integer abstain_count:integer "
        "non_voting_count:integer is_important:boolean url line:integer",
        order="decision_id priority source_id source_ref",
    ),
    _table(
        "decision_links",
        "Links between decisions",
        "became: committee draft to plenary resolution; amends: amendment to its text; part_of: paragraph vote.",
        "from_decision_id:integer to_decision_id:integer relation source_id:integer",
        order="from_decision_id to_decision_id relation",
    ),
    _table(
        "decision_topics",
        "Topics",
        "Voeten's issue codes of each decision.",
        "decision_id:integer topic source_id:integer",
        order="decision_id topic source_id",
    ),
    _table(
        "positions",
        "Positions",
        "Every position of every source (the rolls behind the votes view).",
        "source_id:integer decision_id:integer country_code vote reason is_inferred:boolean",
        order="source_id decision_id country_code",
    ),
    _table(
        "sponsorships",
        "Sponsorships",
        "States that sponsored a draft.",
        "decision_id:integer country_code role name_as_recorded note source_id:integer",
        order="decision_id country_code source_id",
    ),
    _table(
        "disassociations",
        "Disassociations",
        "States that dissociated themselves from an adoption without a vote.",
        "decision_id:integer country_code is_partial_list:boolean note source_id:integer",
        order="decision_id country_code source_id",
    ),
    _table(
        "statements",
        "Statements about states",
        "What a source says of one state's part in a decision beyond its vote: sponsored, not_sponsor, "
        "disassociated, did_not_join, spoke_against; a secondary source's claim marked.",
        "decision_id:integer country_code statement is_secondary:boolean note citation source_id:integer",
        order="decision_id country_code statement source_id",
    ),
    _table(
        "coverage",
        "Coverage",
        "How complete the list of sponsors or of dissociating states of a decision is, as a source says: "
        "complete, partial or unknown.",
        "decision_id:integer fact coverage note source_id:integer",
        order="decision_id fact source_id",
    ),
    _table(
        "sponsor_counts",
        "Sponsor counts",
        "How many states sponsored a draft, where a source gives the number but not the names.",
        "decision_id:integer initial_count:integer additional_count:integer total_count:integer note citation "
        "source_id:integer",
        order="decision_id source_id",
    ),
    _table(
        "series",
        "Series",
        "Named sets of decisions.",
        "series title description",
        order="series",
    ),
    _table(
        "series_decisions",
        "Members of series",
        "The decisions of each series, with the series' own key.",
        "series decision_id:integer decision_key source_id:integer",
        order="series decision_id",
    ),
    _table(
        "events",
        "Events",
        "Dated context of a series; kind: mandate, inquiry, report, office, security_council, general_assembly, other.",
        "event_id:integer series date kind title description symbol citation source_id:integer",
        order="event_id",
    ),
    _table(
        "mandate_holders",
        "Mandate holders",
        "Special rapporteurs and commission members of a series.",
        "holder_id:integer series name country_code mandate term_start term_end appointed_by note citation "
        "source_id:integer",
        order="holder_id",
    ),
    _table(
        "discrepancies",
        "Findings",
        "Official totals that differ from the counted roll, sources that disagree.",
        "discrepancy_id:integer decision_id:integer kind detail source_id:integer other_source_id:integer "
        "is_acknowledged:boolean explanation",
        order="discrepancy_id",
    ),
    _table(
        "acknowledgements",
        "Acknowledged findings",
        "Curated explanations of findings.",
        "decision_id:integer kind explanation source_id:integer",
        order="decision_id kind source_id",
    ),
    _table(
        "countries",
        "Countries",
        "Every state that held its own UN seat.",
        "country_code iso2 m49:integer cow_code:integer name un_member_from un_member_to successor_code note",
        order="country_code",
    ),
    _table(
        "country_names",
        "Names over time",
        "The name a state bore over a period.",
        "country_code name valid_from valid_to",
        order="country_code valid_from name",
    ),
    _table(
        "recorded_names",
        "Spellings in the sources",
        "Each spelling a source printed for a state.",
        "source_id:integer country_code name rows:integer first_date last_date",
        order="source_id country_code name",
    ),
    _table(
        "sources",
        "Sources",
        "One row per file read; kind is the reader.",
        "source_id:integer kind file_name sha256 rows_read:integer citation priority:integer ingested_at",
        order="source_id",
    ),
    _table(
        "skipped_rows",
        "Skipped rows",
        "Rows a reader read and did not store, by reason.",
        "source_id:integer reason rows:integer",
        order="source_id reason",
    ),
    _table(
        "builds",
        "Builds",
        "The build that made the database: its data folder, and whether files were left out.",
        "build_id:integer data_dir is_partial:boolean",
        order="build_id",
    ),
    _table(
        "build_files",
        "Files not stored by the build",
        "Each file under the data folder that the build did not store, and why.",
        "build_id:integer path status detail",
        order="build_id path",
    ),
    _table(
        "estimate_runs",
        "Runs of the dynamic ideal-point model",
        "Model estimates, not records: one stored run per scope, with the model version and its parameters.",
        "run_id:integer scope model parameters selection anchor n_decisions:integer n_dropped_decisions:integer "
        "n_repeated_decisions:integer n_repeat_groups:integer n_state_years:integer iterations:integer "
        "is_converged:boolean is_warm_start:boolean created raw_centre:number raw_scale:number",
        order="run_id",
    ),
    _table(
        "estimates",
        "Positions per state per year",
        "Model estimates, not records: each state's position per year in each stored run (see estimate_runs).",
        "run_id:integer country_code year:integer ideal_point:number std_error:number n_votes:integer "
        "n_non_voting:integer",
        order="run_id country_code year",
    ),
    _table(
        "estimate_items",
        "Item parameters of the runs",
        "The ordered logit of each question of a run (repeats share one), kept to warm-start the next run.",
        "run_id:integer item beta:number centre:number gap:number",
        order="run_id item",
    ),
    _table("bodies", "Bodies", "The UN organs.", "body name", order="body"),
    _table("vote_values", "Votes", "The closed vocabulary of positions.", "vote description", order="vote"),
    _table("reason_values", "Reasons", "Why a member has no yes/no/abstain.", "reason description", order="reason"),
    _table(
        "schema_migrations",
        "Schema steps",
        "Each applied schema step.",
        "version:integer name applied_at",
        order="version",
    ),
)


def _type_of(values: list[object]) -> ColumnType:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "integer"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"


def spec_of(table: Table) -> TableSpec:
    """The spec of a report table: types from its values, descriptions from :data:`DESCRIPTIONS`.

    >>> from unvotes.reports import Table
    >>> s = spec_of(Table("t", "T", ("year", "vote"), ((2014, "yes"), (2015, None))))
    >>> [(c.name, c.type) for c in s.columns]
    [('year', 'integer'), ('vote', 'string')]
    """
    columns = tuple(
        ColumnSpec(name, _type_of([row[i] for row in table.rows]), DESCRIPTIONS.get(name, name))
        for i, name in enumerate(table.columns)
    )
    return TableSpec(table.name, table.title, " ".join(table.notes), columns)
