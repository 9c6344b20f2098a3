-- The stored cases and disputes, and the audit trail of confidential reads.
--
-- Times are text in one fixed-width UTC form, 2006-01-02T15:04:05.000000000Z,
-- so that they keep their nanoseconds and sort as they compare.

CREATE TABLE records (
    kind    TEXT    NOT NULL,
    id      TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    open    INTEGER NOT NULL CHECK (open IN (0, 1)),
    version INTEGER NOT NULL CHECK (version >= 1),
    doc     TEXT    NOT NULL,
    updated TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- The due reminders read every open case, of one subject or of all.
CREATE INDEX records_open ON records (kind, open, subject, id);

CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    person  TEXT NOT NULL,
    role    TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    purpose TEXT NOT NULL
);

-- Who read someone's health data must stay on record: the trail only grows.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only: DELETE refused');
END;
