-- Inputs: campaign_id, report_date, fingerprint.
update mart.national_daily
set fingerprint = %(fingerprint)s
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
