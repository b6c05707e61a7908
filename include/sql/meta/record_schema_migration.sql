insert into public.schema_migration (version, filename, checksum)
values (%(version)s, %(filename)s, %(checksum)s)
