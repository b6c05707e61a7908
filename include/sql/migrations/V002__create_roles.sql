-- Least privilege: the loader writes raw/staging/core/dq/mart, bi_reader only reads mart.
-- Roles are cluster-wide, so they are created only when absent; passwords are set by operators.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'vneid_loader') then
        create role vneid_loader nologin;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'bi_reader') then
        create role bi_reader nologin;
    end if;
end;
$$;

grant usage on schema raw, staging, core, dq, mart to vneid_loader;
grant select, insert on all tables in schema raw to vneid_loader;
grant select, insert, update, delete on all tables in schema staging, core, dq, mart to vneid_loader;
alter default privileges in schema raw grant select, insert on tables to vneid_loader;
alter default privileges in schema staging, core, dq, mart
    grant select, insert, update, delete on tables to vneid_loader;

-- The loader checks that the schema is current before it loads anything (it cannot migrate).
grant select on public.schema_migration to vneid_loader;

grant usage on schema mart to bi_reader;
grant select on all tables in schema mart to bi_reader;
alter default privileges in schema mart grant select on tables to bi_reader;
