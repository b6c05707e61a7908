-- Inputs: campaign_id, report_date. Runs after insert_province_daily in the same transaction.
-- National sums cover only provinces with an accepted report (provinces_reported says how many).
insert into mart.national_daily (
    campaign_id, report_date, eligible, participated, participated_new, agreed, participation_rate,
    agree_rate, target_rate, target_gap, provinces_reported, provinces_expected, provinces_on_time,
    provinces_late, provinces_quarantined, provinces_missing, is_complete, published_at
)
with reported as (
    select
        sum(eligible) as eligible,
        sum(participated) as participated,
        sum(participated_new) as participated_new,
        case when count(agreed) = count(*) then sum(agreed) end as agreed,
        count(*) as provinces_reported
    from mart.province_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and report_status = 'accepted'
),

expected as (
    select
        count(*) as provinces_expected,
        count(*) filter (where report_status = 'accepted' and not is_late) as provinces_on_time,
        count(*) filter (where report_status = 'accepted' and is_late) as provinces_late,
        count(*) filter (where report_status = 'quarantined') as provinces_quarantined,
        count(*) filter (where report_status = 'missing') as provinces_missing
    from mart.province_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    reported.eligible,
    reported.participated,
    reported.participated_new,
    reported.agreed,
    reported.participated::numeric / nullif(reported.eligible, 0),
    reported.agreed::numeric / nullif(reported.participated, 0),
    campaign.target_rate,
    campaign.target_rate - reported.participated::numeric / nullif(reported.eligible, 0),
    reported.provinces_reported,
    expected.provinces_expected,
    expected.provinces_on_time,
    expected.provinces_late,
    expected.provinces_quarantined,
    expected.provinces_missing,
    reported.provinces_reported = expected.provinces_expected,
    now()
from core.campaign as campaign
cross join reported
cross join expected
where campaign.campaign_id = %(campaign_id)s
