-- unvotes database schema, version 1.
--
-- Words are the package's vocabulary (see docs/glossary.md): body, kind, adoption_method, outcome,
-- vote, country_code (ISO 3166-1 alpha-3), symbol exactly as the UN writes it, date ISO 8601.
-- Every fact row carries source_id -> sources, the file it was read from.

CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);

CREATE TABLE bodies (
    body  TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

-- The closed vocabularies of positions (foreign keys rather than CHECKs: cheaper on millions of rows).
CREATE TABLE vote_values (
    vote         TEXT PRIMARY KEY,
    description  TEXT NOT NULL
);
INSERT INTO vote_values VALUES
    ('yes', 'in favour'),
    ('no', 'against'),
    ('abstain', 'abstaining'),
    ('non_voting', 'a member of the body that cast no vote (see reason)');

CREATE TABLE reason_values (
    reason       TEXT PRIMARY KEY,
    description  TEXT NOT NULL
);
INSERT INTO reason_values VALUES
    ('absent', 'the source marks the state absent'),
    ('did_not_participate', 'recorded as not participating in the vote'),
    ('ineligible', 'barred from voting (Charter Article 19 arrears)'),
    ('not_listed', 'a member that day but not in the source''s yes/no/abstain lists (inferred)');

-- One row per file read. citation says how to cite the dataset the file belongs to.
CREATE TABLE sources (
    source_id    INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    rows_read    INTEGER NOT NULL,
    citation     TEXT NOT NULL,
    priority     INTEGER NOT NULL,  -- preference among sources that say the same thing (1 first)
    ingested_at  TEXT NOT NULL,
    UNIQUE (kind, sha256)
);

-- Rows a reader read and did not store, with the reason (never dropped silently).
CREATE TABLE skipped_rows (
    source_id  INTEGER NOT NULL REFERENCES sources (source_id),
    reason     TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    PRIMARY KEY (source_id, reason)
);

CREATE TABLE countries (
    country_code    TEXT PRIMARY KEY,
    iso2            TEXT,
    m49             INTEGER,
    cow_code        INTEGER,
    name            TEXT NOT NULL,
    un_member_from  TEXT,
    un_member_to    TEXT,
    successor_code  TEXT REFERENCES countries (country_code),
    note            TEXT
);

-- The name a state bore over a period (Swaziland -> Eswatini ...).
CREATE TABLE country_names (
    country_code  TEXT NOT NULL REFERENCES countries (country_code),
    name          TEXT NOT NULL,
    valid_from    TEXT,
    valid_to      TEXT,
    PRIMARY KEY (country_code, name, valid_from)
);

-- Each spelling a source printed for a state, over which dates.
CREATE TABLE recorded_names (
    source_id     INTEGER NOT NULL REFERENCES sources (source_id),
    country_code  TEXT NOT NULL REFERENCES countries (country_code),
    name          TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    first_date    TEXT,
    last_date     TEXT,
    PRIMARY KEY (source_id, country_code, name)
);

-- The canonical view of a decision: fields from the highest-priority source that describes it
-- (see decision_sources for every source's own account). roll_source_id names the source whose
-- positions are shown.
CREATE TABLE decisions (
    decision_id       INTEGER PRIMARY KEY,
    body              TEXT NOT NULL REFERENCES bodies (body),
    kind              TEXT NOT NULL
                      CHECK (kind IN ('resolution', 'draft', 'amendment', 'paragraph', 'procedural')),
    adoption_method   TEXT NOT NULL
                      CHECK (adoption_method IN ('recorded_vote', 'without_vote', 'non_recorded_vote')),
    outcome           TEXT CHECK (outcome IN ('adopted', 'rejected')),
    symbol            TEXT,
    draft_symbol      TEXT,
    date              TEXT,
    year              INTEGER,
    session           INTEGER,
    title             TEXT,
    description       TEXT,
    meeting_symbol    TEXT,
    yes_count         INTEGER,
    no_count          INTEGER,
    abstain_count     INTEGER,
    non_voting_count  INTEGER,
    is_important      INTEGER,
    url               TEXT,
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    roll_source_id    INTEGER REFERENCES sources (source_id)
);
CREATE INDEX decisions_by_symbol ON decisions (symbol);
CREATE INDEX decisions_by_body_date ON decisions (body, date);

-- What each source says about a decision, kept side by side so disagreements can be shown.
CREATE TABLE decision_sources (
    decision_id       INTEGER NOT NULL REFERENCES decisions (decision_id),
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    positions_source_id INTEGER NOT NULL REFERENCES sources (source_id),
    shares_roll       INTEGER NOT NULL DEFAULT 0 CHECK (shares_roll IN (0, 1)),
    source_ref        TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    body              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    adoption_method   TEXT NOT NULL,
    outcome           TEXT,
    symbol            TEXT,
    draft_symbol      TEXT,
    date              TEXT,
    session           INTEGER,
    title             TEXT,
    description       TEXT,
    meeting_symbol    TEXT,
    yes_count         INTEGER,
    no_count          INTEGER,
    abstain_count     INTEGER,
    non_voting_count  INTEGER,
    is_important      INTEGER,
    url               TEXT,
    line              INTEGER,
    PRIMARY KEY (decision_id, source_id, source_ref)
);
CREATE INDEX decision_sources_by_ref ON decision_sources (source_id, source_ref);

CREATE TABLE decision_links (
    from_decision_id  INTEGER NOT NULL REFERENCES decisions (decision_id),
    to_decision_id    INTEGER NOT NULL REFERENCES decisions (decision_id),
    relation          TEXT NOT NULL CHECK (relation IN ('became', 'amends', 'part_of')),
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (from_decision_id, to_decision_id, relation)
);

CREATE TABLE decision_topics (
    decision_id  INTEGER NOT NULL REFERENCES decisions (decision_id),
    topic        TEXT NOT NULL,
    source_id    INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, topic, source_id)
);

CREATE TABLE series (
    series       TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT
);

CREATE TABLE series_decisions (
    series        TEXT NOT NULL REFERENCES series (series),
    decision_id   INTEGER NOT NULL REFERENCES decisions (decision_id),
    decision_key  TEXT NOT NULL,
    source_id     INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (series, decision_id)
);

-- One row per state, decision and source. is_inferred = 1: the source lists only those voting and
-- the state, a member that day, is not among them. Keyed source first, so that each source's
-- roll is stored (and loaded) in one run.
CREATE TABLE positions (
    source_id     INTEGER NOT NULL REFERENCES sources (source_id),
    decision_id   INTEGER NOT NULL REFERENCES decisions (decision_id),
    country_code  TEXT NOT NULL REFERENCES countries (country_code),
    vote          TEXT NOT NULL REFERENCES vote_values (vote),
    reason        TEXT REFERENCES reason_values (reason),
    is_inferred   INTEGER NOT NULL DEFAULT 0 CHECK (is_inferred IN (0, 1)),
    PRIMARY KEY (source_id, decision_id, country_code)
) WITHOUT ROWID;

CREATE TABLE sponsorships (
    decision_id       INTEGER NOT NULL REFERENCES decisions (decision_id),
    country_code      TEXT NOT NULL REFERENCES countries (country_code),
    role              TEXT CHECK (role IN ('initial', 'additional')),  -- NULL: sponsor, role not stated
    name_as_recorded  TEXT,
    note              TEXT,
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, country_code, source_id)
);
CREATE INDEX sponsorships_by_country ON sponsorships (country_code);

-- Numbers of sponsors where a source gives the count but not the names.
CREATE TABLE sponsor_counts (
    decision_id       INTEGER NOT NULL REFERENCES decisions (decision_id),
    initial_count     INTEGER,
    additional_count  INTEGER,
    total_count       INTEGER,
    note              TEXT,
    citation          TEXT NOT NULL,
    source_id         INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, source_id)
);

CREATE TABLE disassociations (
    decision_id      INTEGER NOT NULL REFERENCES decisions (decision_id),
    country_code     TEXT NOT NULL REFERENCES countries (country_code),
    is_partial_list  INTEGER NOT NULL CHECK (is_partial_list IN (0, 1)),
    note             TEXT,
    source_id        INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, country_code, source_id)
);

-- Findings of the build: totals that differ from the counted roll, sources that disagree.
CREATE TABLE discrepancies (
    discrepancy_id    INTEGER PRIMARY KEY,
    decision_id       INTEGER NOT NULL REFERENCES decisions (decision_id),
    kind              TEXT NOT NULL CHECK (kind IN (
                          'totals_vs_roll', 'sources_disagree_totals', 'sources_disagree_positions',
                          'sources_disagree_method', 'outside_membership')),
    detail            TEXT NOT NULL,
    source_id         INTEGER REFERENCES sources (source_id),
    other_source_id   INTEGER REFERENCES sources (source_id),
    is_acknowledged   INTEGER NOT NULL DEFAULT 0 CHECK (is_acknowledged IN (0, 1)),
    explanation       TEXT
);
CREATE INDEX discrepancies_by_decision ON discrepancies (decision_id);

-- Curated explanations of findings (the dossier's facts/acknowledged.csv): a finding of this kind on
-- this decision is known and explained.
CREATE TABLE acknowledgements (
    decision_id  INTEGER NOT NULL REFERENCES decisions (decision_id),
    kind         TEXT NOT NULL,
    explanation  TEXT NOT NULL,
    source_id    INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, kind, source_id)
);

-- Context of a series: dated events and the holders of its mandates. Dates may be partial
-- (YYYY-MM or YYYY) where the day is not known.
CREATE TABLE events (
    event_id     INTEGER PRIMARY KEY,
    series       TEXT REFERENCES series (series),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT,
    symbol       TEXT,
    citation     TEXT NOT NULL,
    source_id    INTEGER NOT NULL REFERENCES sources (source_id)
);

CREATE TABLE mandate_holders (
    holder_id     INTEGER PRIMARY KEY,
    series        TEXT REFERENCES series (series),
    name          TEXT NOT NULL,
    country_code  TEXT REFERENCES countries (country_code),
    mandate       TEXT NOT NULL,
    term_start    TEXT,
    term_end      TEXT,
    appointed_by  TEXT,
    note          TEXT,
    citation      TEXT NOT NULL,
    source_id     INTEGER NOT NULL REFERENCES sources (source_id)
);

-- The roll shown for each decision: positions of its roll source, with the state's name that day.
CREATE VIEW votes AS
SELECT
    d.decision_id,
    d.body,
    d.symbol,
    d.date,
    p.country_code,
    COALESCE(
        (SELECT n.name FROM country_names AS n
          WHERE n.country_code = p.country_code
            AND (n.valid_from IS NULL OR n.valid_from <= d.date)
            AND (n.valid_to IS NULL OR d.date <= n.valid_to)
          ORDER BY n.valid_from DESC LIMIT 1),
        c.name) AS country_name,
    p.vote,
    p.reason,
    p.is_inferred,
    p.source_id
FROM decisions AS d
JOIN positions AS p ON p.decision_id = d.decision_id AND p.source_id = d.roll_source_id
JOIN countries AS c ON c.country_code = p.country_code;
