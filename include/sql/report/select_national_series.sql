-- Inputs: campaign_id, report_date. One row per calendar day from the campaign's first day up to the
-- report day, with the published national rate (null for a day not published yet).
with campaign as (
    select campaign_id, first_day, target_rate
    from core.campaign
    where campaign_id = %(campaign_id)s
),

days as (
    select campaign.campaign_id, campaign.target_rate, day::date as report_date
    from campaign
    cross join generate_series(campaign.first_day, %(report_date)s::date, interval '1 day') as day
)

select
    days.report_date as day,
    national.participation_rate,
    coalesce(national.target_rate, days.target_rate) as target_rate
from days
left join mart.national_daily as national
    on national.campaign_id = days.campaign_id and national.report_date = days.report_date
order by days.report_date
