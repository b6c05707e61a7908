insert into core.campaign (campaign_id, title, first_day, last_day, admin_version_id, target_rate)
values (%(campaign_id)s, %(title)s, %(first_day)s, %(last_day)s, %(admin_version_id)s, %(target_rate)s)
on conflict (campaign_id) do update set
    title = excluded.title,
    first_day = excluded.first_day,
    last_day = excluded.last_day,
    admin_version_id = excluded.admin_version_id,
    target_rate = excluded.target_rate
