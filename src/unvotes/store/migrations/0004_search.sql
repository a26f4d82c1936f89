-- Full-text search over what a decision is: its symbols, title and description (SQLite FTS5,
-- Porter stemming, case and accents folded). The row id is the decision id; the build rewrites the
-- table after every ingest, so it always holds every decision.
CREATE VIRTUAL TABLE decision_text USING fts5(
    symbols, title, description,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
