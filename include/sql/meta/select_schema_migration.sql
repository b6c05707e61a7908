select version, filename, checksum from public.schema_migration order by version
