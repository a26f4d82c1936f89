"""The database: the only package that holds SQL.

``connection`` opens files and applies the schema; ``write`` inserts records; ``derive`` computes
canonical fields and findings after loading; ``queries`` holds the named reads.
"""

from unvotes.store.connection import SCHEMA_VERSION, default_db_path, migrate, open_db
from unvotes.store.derive import (
    create_position_indexes,
    drop_position_indexes,
    find_discrepancies,
    foreign_key_problems,
    refresh_decisions,
)
from unvotes.store.queries import (
    DecisionFilter,
    country_record,
    decision_by_id,
    decision_keys,
    decisions_by_symbol,
    list_decisions,
    list_discrepancies,
    members_of_series,
    next_decision_id,
    roll,
    sponsors,
)
from unvotes.store.write import (
    DecisionSourceRow,
    find_source,
    insert_decision_sources,
    insert_disassociations,
    insert_links,
    insert_new_decisions,
    insert_positions,
    insert_recorded_names,
    insert_series,
    insert_skipped,
    insert_source,
    insert_sponsorships,
    insert_topics,
    write_reference_tables,
)

__all__ = [
    "SCHEMA_VERSION",
    "DecisionFilter",
    "DecisionSourceRow",
    "country_record",
    "create_position_indexes",
    "decision_by_id",
    "decision_keys",
    "decisions_by_symbol",
    "default_db_path",
    "drop_position_indexes",
    "find_discrepancies",
    "find_source",
    "foreign_key_problems",
    "insert_decision_sources",
    "insert_disassociations",
    "insert_links",
    "insert_new_decisions",
    "insert_positions",
    "insert_recorded_names",
    "insert_series",
    "insert_skipped",
    "insert_source",
    "insert_sponsorships",
    "insert_topics",
    "list_decisions",
    "list_discrepancies",
    "members_of_series",
    "migrate",
    "next_decision_id",
    "open_db",
    "refresh_decisions",
    "roll",
    "sponsors",
    "write_reference_tables",
]
