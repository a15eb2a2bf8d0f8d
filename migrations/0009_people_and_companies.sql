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

-- Custom attributes for companies too. SQLite can't change a CHECK constraint in place: both
-- tables are rebuilt, the values first so that dropping the definitions cascades to nothing.
CREATE TABLE custom_attribute_values_copy AS SELECT * FROM custom_attribute_values;
DROP TABLE custom_attribute_values;
CREATE TABLE custom_attributes_new (
    id          TEXT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('Conversation', 'Contact', 'Company')),
    identifier  TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('Text', 'Select')),
    options     TEXT NOT NULL DEFAULT '[]',
    multiple    INTEGER NOT NULL DEFAULT 0,
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (entity, identifier)
);
INSERT INTO custom_attributes_new SELECT id, entity, identifier, name, kind, options, multiple, archived, created_at
    FROM custom_attributes;
DROP TABLE custom_attributes;
ALTER TABLE custom_attributes_new RENAME TO custom_attributes;
CREATE TABLE custom_attribute_values (
    attribute_id  TEXT NOT NULL REFERENCES custom_attributes (id) ON DELETE CASCADE,
    entity_id     TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (attribute_id, entity_id)
) WITHOUT ROWID;
INSERT INTO custom_attribute_values SELECT attribute_id, entity_id, value FROM custom_attribute_values_copy;
DROP TABLE custom_attribute_values_copy;
CREATE INDEX custom_attribute_values_entity ON custom_attribute_values (entity_id);
