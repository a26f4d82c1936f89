-- How the database was built: the data folder it was built from, and whether anything under that
-- folder that may be a source was left out (only with --allow-partial). A build makes a new file,
-- so a database has one row here, or none when it was made by ingest alone.
CREATE TABLE builds (
    build_id    INTEGER PRIMARY KEY,
    data_dir    TEXT,
    is_partial  INTEGER NOT NULL CHECK (is_partial IN (0, 1))
);

-- Every file under the data folder that the build did not store, and why: ignored (not a source)
-- or left out (may be a source, and could not be read).
CREATE TABLE build_files (
    build_id  INTEGER NOT NULL REFERENCES builds (build_id),
    path      TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('ignored', 'left_out')),
    detail    TEXT NOT NULL,
    PRIMARY KEY (build_id, path)
);
