// Installed into the embedded PostgreSQL at every start (idempotent). Why: docs/store.md, "FerretDB on PostgreSQL".
export const FERRETDB_GIN_INDEXES_SQL = String.raw`
-- FerretDB 1.x on PostgreSQL pushes an equality filter down as "_jsonb -> 'field' @> value", but the
-- indexes it creates for Mongo's createIndex are btree indexes that this operator cannot use: every query
-- scans its table. For each field of each FerretDB index this adds a GIN index on the same expression,
-- which "@>" does use, so keyed lookups cost the same at 300k documents as at 3k. See docs/store.md.
-- The GIN indexes run without GIN's pending list (fastupdate): with it, new entries wait in an unsorted list
-- (up to 4 MB) that every lookup reads through, so a keyed lookup grew from 0.3 to 1.2 ms of CPU as 15k
-- documents were inserted, until the next vacuum.

CREATE OR REPLACE FUNCTION waymark_add_gin_indexes(btree_index oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  target regclass;
  columns int;
  expression text;
BEGIN
  SELECT indrelid::regclass, indnatts INTO target, columns FROM pg_index WHERE indexrelid = btree_index;
  FOR col IN 1 .. coalesce(columns, 0) LOOP
    expression := pg_get_indexdef(btree_index, col, false);
    -- Only top-level fields: nested paths are queried with #>, which no expression index matches.
    CONTINUE WHEN expression !~ '^\(\(_jsonb -> ''[^'']+''::text\)\)$';
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s jsonb_path_ops) WITH (fastupdate = off)',
      'waymark_gin_' || md5(target::text || expression), target, expression);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION waymark_on_create_index() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    -- The GIN indexes made here fire this trigger too; only btree ones get a companion.
    IF (SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.oid = command.objid) = 'btree' THEN
      PERFORM waymark_add_gin_indexes(command.objid);
    END IF;
  END LOOP;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'waymark_gin_for_ferretdb') THEN
    CREATE EVENT TRIGGER waymark_gin_for_ferretdb ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
      EXECUTE FUNCTION waymark_on_create_index();
  END IF;
END $$;

-- Tables created before the trigger existed (a store from an earlier version) get their GIN indexes now.
SELECT waymark_add_gin_indexes(i.indexrelid)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attname = '_jsonb'
WHERE am.amname = 'btree';

-- GIN indexes an earlier version made with the pending list: off, and what the list holds moved into the index.
DO $$
DECLARE
  gin regclass;
BEGIN
  FOR gin IN SELECT c.oid::regclass FROM pg_class c
    WHERE c.relname LIKE 'waymark\_gin\_%' AND c.relkind = 'i'
      AND NOT coalesce(c.reloptions @> ARRAY['fastupdate=off'], false) LOOP
    EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', gin);
    PERFORM gin_clean_pending_list(gin);
  END LOOP;
END $$;
`;
