-- Inputs: campaign_id, report_date.
-- Commune figures of the day's current revisions, the change since the province's previous
-- accepted day, and the rank within the province (rate descending, ties by commune code).
insert into mart.commune_daily (
    campaign_id, report_date, commune_code, commune_name, district_code, province_code,
    eligible, participated, participated_new, agreed, participation_rate, agree_rate,
    rank_in_province, target_rate, target_gap, published_at
)
with campaign as (
    select campaign.campaign_id, campaign.admin_version_id, campaign.target_rate, version.has_districts
    from core.campaign as campaign
    inner join core.admin_version as version on version.version_id = campaign.admin_version_id
    where campaign.campaign_id = %(campaign_id)s
),

today as (
    select province_code, commune_code, eligible, participated, agreed,
        participated::numeric / nullif(eligible, 0) as participation_rate
    from core.current_commune_total
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
),

previous_day as (
    select province_code, max(report_date) as report_date
    from core.province_report
    where campaign_id = %(campaign_id)s and report_date < %(report_date)s and is_current
    group by province_code
),

previous as (
    select total.commune_code, total.participated
    from core.current_commune_total as total
    inner join previous_day
        on previous_day.province_code = total.province_code and previous_day.report_date = total.report_date
    where total.campaign_id = %(campaign_id)s
),

ranked as (
    select
        today.*,
        case when today.participation_rate is not null then
            row_number() over (
                partition by today.province_code, today.participation_rate is null
                order by today.participation_rate desc, today.commune_code
            )
        end as rank_in_province
    from today
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    ranked.commune_code,
    unit.name,
    case when campaign.has_districts then unit.parent_code end,
    ranked.province_code,
    ranked.eligible,
    ranked.participated,
    ranked.participated - previous.participated,
    ranked.agreed,
    ranked.participation_rate,
    ranked.agreed::numeric / nullif(ranked.participated, 0),
    ranked.rank_in_province,
    coalesce(target.target_rate, campaign.target_rate),
    coalesce(target.target_rate, campaign.target_rate) - ranked.participation_rate,
    now()
from ranked
cross join campaign
inner join core.admin_unit as unit
    on unit.version_id = campaign.admin_version_id and unit.unit_code = ranked.commune_code
left join previous on previous.commune_code = ranked.commune_code
left join core.campaign_target as target
    on target.campaign_id = campaign.campaign_id and target.province_code = ranked.province_code
