insert into dq.ingest_attempt (campaign_id, report_date, province_code, outcome, detail, attempted_at)
values (%(campaign_id)s, %(report_date)s, %(province_code)s, %(outcome)s, %(detail)s, now())
on conflict (campaign_id, report_date, province_code) do update set
    outcome = excluded.outcome,
    detail = excluded.detail,
    attempted_at = excluded.attempted_at
