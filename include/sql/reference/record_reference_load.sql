insert into core.reference_load (checksum) values (%(checksum)s) on conflict (checksum) do nothing
