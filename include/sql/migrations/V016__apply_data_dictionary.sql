-- The data dictionary (include/dictionary.toml) is applied after the migrations through
-- meta.apply_comments: COMMENT takes no bound parameters, so the texts arrive bound, as one jsonb
-- array, and format's %I and %L quote the names and the texts here, on the server.
-- Each entry: {"schema", "table" (null for the schema itself), "column" (null for the table), "comment"}.
-- A comment that already reads so is left alone; the function returns how many it changed.
-- An entry naming an object the warehouse lacks stops it (undefined_object).

create schema meta;

create function meta.apply_comments(entries jsonb) returns integer
language plpgsql as $$
declare
    entry record;
    changed integer := 0;
begin
    for entry in
        with wanted as (
            select
                item ->> 'schema' as schema_name,
                item ->> 'table' as table_name,
                item ->> 'column' as column_name,
                item ->> 'comment' as comment
            from jsonb_array_elements(entries) as item
        )

        select
            wanted.*,
            cls.relkind,
            concat_ws('.', wanted.schema_name, wanted.table_name, wanted.column_name) as object_name,
            nsp.oid is null
            or (wanted.table_name is not null and cls.oid is null)
            or (wanted.column_name is not null and att.attnum is null) as is_missing,
            description.description as current_comment
        from wanted
        left join pg_catalog.pg_namespace as nsp on nsp.nspname = wanted.schema_name
        left join pg_catalog.pg_class as cls
            on cls.relnamespace = nsp.oid and cls.relname = wanted.table_name and cls.relkind in ('r', 'p', 'v', 'm')
        left join pg_catalog.pg_attribute as att
            on att.attrelid = cls.oid and att.attname = wanted.column_name and att.attnum > 0 and not att.attisdropped
        left join pg_catalog.pg_description as description
            on description.objoid = coalesce(cls.oid, nsp.oid)
            and description.classoid = (case when wanted.table_name is null then 'pg_namespace' else 'pg_class' end)::regclass
            and description.objsubid = coalesce(att.attnum, 0)
    loop
        if entry.is_missing then
            raise exception 'data dictionary (include/dictionary.toml): the warehouse has no %', entry.object_name
                using errcode = 'undefined_object';
        end if;
        continue when entry.current_comment is not distinct from entry.comment;
        if entry.table_name is null then
            execute format('comment on schema %I is %L', entry.schema_name, entry.comment);
        elsif entry.column_name is not null then
            execute format('comment on column %I.%I.%I is %L', entry.schema_name, entry.table_name, entry.column_name,
                           entry.comment);
        else
            execute format(case entry.relkind when 'v' then 'comment on view %I.%I is %L'
                                              when 'm' then 'comment on materialized view %I.%I is %L'
                                              else 'comment on table %I.%I is %L' end,
                           entry.schema_name, entry.table_name, entry.comment);
        end if;
        changed := changed + 1;
    end loop;
    return changed;
end;
$$;

-- The pipeline's role runs the migrations' check at every prepare, and so this function: with the
-- catalogue as the dictionary says it changes nothing; otherwise COMMENT needs the owner.
grant usage on schema meta to vneid_loader;
