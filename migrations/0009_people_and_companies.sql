-- People and companies: the standard person attributes of end users, and the companies they
-- belong to with the standard company attributes (JSON objects of the engine's shapes).
CREATE TABLE companies (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX companies_name ON companies (name COLLATE NOCASE);

ALTER TABLE end_users ADD COLUMN person TEXT NOT NULL DEFAULT '{}';
ALTER TABLE end_users ADD COLUMN company_id TEXT REFERENCES companies (id) ON DELETE SET NULL;
CREATE INDEX end_users_company ON end_users (company_id) WHERE company_id IS NOT NULL;
