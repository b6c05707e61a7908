select to_regclass('public.schema_migration')
