-- Inputs: campaign_id, report_date. The day's current figures, their status, and whether a request
-- already showed these figures.
select
    national.fingerprint,
    national.figures_status,
    exists (
        select 1
        from dq.sign_off_request as request
        where request.campaign_id = national.campaign_id
            and request.report_date = national.report_date
            and request.fingerprint = national.fingerprint
    )
from mart.national_daily as national
where national.campaign_id = %(campaign_id)s and national.report_date = %(report_date)s
