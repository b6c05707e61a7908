insert into core.admin_version (version_id, title, valid_from, valid_to, has_districts)
values (%(version_id)s, %(title)s, %(valid_from)s, %(valid_to)s, %(has_districts)s)
on conflict (version_id) do update set
    title = excluded.title,
    valid_from = excluded.valid_from,
    valid_to = excluded.valid_to,
    has_districts = excluded.has_districts
