-- Loading a million-row province report (issue 6): take per-row work out of the load transaction.

-- 1. The foreign key core.commune_report.payload_id -> core.province_report ran a trigger for
-- every inserted row (45% of the merge) to find a parent that the same transaction had inserted a
-- moment before. Rows reach core.commune_report only through include/sql/ingest/
-- insert_commune_report.sql, in ingest._merge's transaction, right after insert_province_report.sql
-- wrote the parent with the same payload_id; a failure anywhere rolls both back. The other half of
-- what the key enforced, that a parent keeps its rows, stays with the database: a parent with rows
-- can be neither deleted nor given another payload_id (the check runs per parent row, not per fact).
alter table core.commune_report drop constraint commune_report_payload_id_fkey;

create function core.refuse_orphaning_commune_report() returns trigger language plpgsql as $$
begin
    if exists (select from core.commune_report where payload_id = old.payload_id) then
        raise exception 'core.province_report % still has rows in core.commune_report', old.payload_id
            using errcode = 'foreign_key_violation';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;

create trigger province_report_keeps_its_rows
before delete or update of payload_id on core.province_report
for each row execute function core.refuse_orphaning_commune_report();

-- 2. Raw payloads: lz4 compresses a 62 MiB CSV in 0.40 s where the default pglz takes 1.06 s
-- (21 MB stored instead of 18 MB). Only for payloads landed from now on, and only where the
-- server was built with lz4; elsewhere the default stays.
do $$
begin
    if exists (
        select from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)
    ) then
        alter table raw.report_payload alter column content set compression lz4;
    end if;
end;
$$;

-- 3. staging.commune_report holds rows only inside the load transaction that copied them: the
-- payload_id index cost 0.3 to 0.5 s of the COPY for a million rows (a third of it) and served
-- three statements that read or delete all of the payload's rows, which a sequential scan of the
-- staging table (one payload per loader at a time, plus dead rows until autovacuum) does as well.
drop index staging.commune_report_payload_idx;
