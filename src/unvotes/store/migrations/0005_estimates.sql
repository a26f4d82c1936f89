-- Model estimates of states' positions per year (dynamic ideal points), one run per scope: the
-- model version and its parameters, the selection of votes in words and what the fit used, so a
-- page or an export can cite them. `unvotes estimate` replaces a scope's run in one transaction.
-- `raw_centre` and `raw_scale` map a reported position back to the model's own scale
-- (raw = raw_centre + raw_scale * ideal_point), with the items, for a warm start of the next run.
CREATE TABLE estimate_runs (
    run_id               INTEGER PRIMARY KEY,
    scope                TEXT NOT NULL UNIQUE,
    model                TEXT NOT NULL,
    parameters           TEXT NOT NULL,
    selection            TEXT NOT NULL,
    anchor               TEXT NOT NULL,
    n_decisions          INTEGER NOT NULL,
    n_dropped_decisions  INTEGER NOT NULL,
    n_repeated_decisions INTEGER NOT NULL,
    n_repeat_groups      INTEGER NOT NULL,
    n_state_years        INTEGER NOT NULL,
    iterations           INTEGER NOT NULL,
    is_converged         INTEGER NOT NULL CHECK (is_converged IN (0, 1)),
    is_warm_start        INTEGER NOT NULL CHECK (is_warm_start IN (0, 1)),
    created              TEXT NOT NULL,
    raw_centre           REAL NOT NULL,
    raw_scale            REAL NOT NULL
);

-- One state's estimated position in one year of a run, with its Laplace standard error and the
-- votes behind it (yes, abstain, no), and its non-voting that year (left out of the fit).
CREATE TABLE estimates (
    run_id        INTEGER NOT NULL REFERENCES estimate_runs (run_id) ON DELETE CASCADE,
    country_code  TEXT NOT NULL REFERENCES countries (country_code),
    year          INTEGER NOT NULL,
    ideal_point   REAL NOT NULL,
    std_error     REAL NOT NULL,
    n_votes       INTEGER NOT NULL,
    n_non_voting  INTEGER NOT NULL,
    PRIMARY KEY (run_id, country_code, year)
);
CREATE INDEX estimates_by_country ON estimates (country_code, year);

-- The item parameters of a run (one per question, repeats sharing one), kept for the warm start.
CREATE TABLE estimate_items (
    run_id  INTEGER NOT NULL REFERENCES estimate_runs (run_id) ON DELETE CASCADE,
    item    TEXT NOT NULL,
    beta    REAL NOT NULL,
    centre  REAL NOT NULL,
    gap     REAL NOT NULL,
    PRIMARY KEY (run_id, item)
);
