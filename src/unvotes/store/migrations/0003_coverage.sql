-- How complete what the store holds about a decision is, fact by fact, as a source says: a full
-- official list (complete), some states named (partial), or nothing known (unknown). Where no row
-- is given the coverage is derived (a DGACM sponsor list is complete) or unknown.
CREATE TABLE coverage (
    decision_id  INTEGER NOT NULL REFERENCES decisions (decision_id),
    fact         TEXT NOT NULL CHECK (fact IN ('sponsors', 'disassociations')),
    coverage     TEXT NOT NULL CHECK (coverage IN ('complete', 'partial', 'unknown')),
    note         TEXT,
    source_id    INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, fact, source_id)
);

-- What a source says about one state's part in a decision beyond its vote: it co-sponsored, it
-- did not co-sponsor, it dissociated itself, it did not join the consensus, it spoke against.
-- ``is_secondary`` marks a claim of a secondary source (a blog, an essay), shown as that source's.
CREATE TABLE statements (
    decision_id   INTEGER NOT NULL REFERENCES decisions (decision_id),
    country_code  TEXT NOT NULL REFERENCES countries (country_code),
    statement     TEXT NOT NULL CHECK (statement IN (
                      'sponsored', 'not_sponsor', 'disassociated', 'did_not_join', 'spoke_against')),
    is_secondary  INTEGER NOT NULL CHECK (is_secondary IN (0, 1)),
    note          TEXT,
    citation      TEXT NOT NULL,
    source_id     INTEGER NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (decision_id, country_code, statement, source_id)
);
CREATE INDEX statements_by_country ON statements (country_code);
