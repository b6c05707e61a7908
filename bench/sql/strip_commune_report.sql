-- 3d: core.commune_report without its primary key, checks and indexes, for the rest of the
-- benchmark's transaction (rolled back after the timed insert), so that the very merge statement
-- of 3c runs against the bare table.
do $$
declare
    item record;
begin
    for item in
        select conname from pg_constraint
        where conrelid = 'core.commune_report'::regclass and contype in ('p', 'c')
    loop
        execute format('alter table core.commune_report drop constraint %I', item.conname);
    end loop;
    for item in
        select indexrelid::regclass as index_name from pg_index where indrelid = 'core.commune_report'::regclass
    loop
        execute format('drop index %s', item.index_name);
    end loop;
end;
$$
