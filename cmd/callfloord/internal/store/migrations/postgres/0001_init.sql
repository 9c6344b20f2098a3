-- The stored cases and disputes, and the audit trail of confidential reads.
--
-- Times are text in one fixed-width UTC form, 2006-01-02T15:04:05.000000000Z:
-- timestamptz keeps microseconds only, and the service compares a stored
-- value with the one it wrote. The text sorts as it compares and casts with
-- at::timestamptz for reports. Docs are text, not jsonb, so that Get returns
-- the very bytes written. Keys sort bytewise (COLLATE "C") as in SQLite, so
-- both databases list records in the same order.

CREATE TABLE records (
    kind    text COLLATE "C" NOT NULL,
    id      text COLLATE "C" NOT NULL,
    subject text COLLATE "C" NOT NULL,
    open    boolean NOT NULL,
    version bigint  NOT NULL CHECK (version >= 1),
    doc     text    NOT NULL,
    updated text    NOT NULL,
    PRIMARY KEY (kind, id)
);

-- The due reminders read every open case, of one subject or of all.
CREATE INDEX records_open ON records (kind, open, subject, id);

CREATE TABLE audit (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      text NOT NULL,
    person  text NOT NULL,
    role    text NOT NULL,
    action  text NOT NULL,
    subject text NOT NULL,
    purpose text NOT NULL
);

-- Who read someone's health data must stay on record: the trail only grows.
CREATE FUNCTION callfloord_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION callfloord_audit_append_only();

CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION callfloord_audit_append_only();
