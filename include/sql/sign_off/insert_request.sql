-- Inputs: campaign_id, report_date, fingerprint, reviewers, timeout_seconds, dag_run_id, shown.
insert into dq.sign_off_request (campaign_id, report_date, fingerprint, expires_at, reviewers, dag_run_id, shown)
values (%(campaign_id)s, %(report_date)s, %(fingerprint)s,
        now() + make_interval(secs => %(timeout_seconds)s), %(reviewers)s, %(dag_run_id)s, %(shown)s)
returning request_id
