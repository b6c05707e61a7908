-- Inputs: campaign_id, through (a date).
-- The campaign-days up to `through` whose published marts are behind the warehouse: a report
-- was decided after the day's publication began, or the day has decisions and no publication.
-- A publish run adds them to the days it was asked for, so that a day whose Asset event never
-- created a run, or whose publish run failed, is published by the next run.
select decided.report_date
from (
    select report_date, max(decided_at) as last_decided_at
    from dq.report_revision
    where campaign_id = %(campaign_id)s
        and report_date <= %(through)s
    group by report_date
) as decided
left join mart.national_daily as published
    on published.campaign_id = %(campaign_id)s and published.report_date = decided.report_date
where published.published_at is null
    or decided.last_decided_at >= published.published_at
order by decided.report_date
