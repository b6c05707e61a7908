-- Inputs: campaign_id, through. Published provisional days up to `through` whose current figures
-- (their fingerprint) were never put to a reviewer.
select national.report_date
from mart.national_daily as national
where national.campaign_id = %(campaign_id)s
    and national.report_date <= %(through)s
    and national.figures_status = 'provisional'
    and not exists (
        select 1
        from dq.sign_off_request as request
        where request.campaign_id = national.campaign_id
            and request.report_date = national.report_date
            and request.fingerprint = national.fingerprint
    )
order by national.report_date
