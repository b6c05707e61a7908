-- Inputs: campaign_id, report_date. Runs after insert_commune_daily in the same transaction.
-- Districts exist only in administrative versions that have them; otherwise this inserts nothing.
insert into mart.district_daily (
    campaign_id, report_date, district_code, district_name, province_code,
    eligible, participated, participated_new, agreed, participation_rate, agree_rate,
    target_rate, target_gap, communes_reported, communes_expected, published_at
)
with campaign as (
    select campaign.campaign_id, campaign.admin_version_id, campaign.target_rate
    from core.campaign as campaign
    inner join core.admin_version as version on version.version_id = campaign.admin_version_id
    where campaign.campaign_id = %(campaign_id)s and version.has_districts
),

communes_expected as (
    select unit.parent_code as district_code, count(*) as communes_expected
    from core.admin_unit as unit
    inner join campaign on campaign.admin_version_id = unit.version_id
    where unit.level = 'commune'
    group by unit.parent_code
),

district_total as (
    select
        district_code,
        province_code,
        sum(eligible) as eligible,
        sum(participated) as participated,
        sum(participated_new) as participated_new,
        case when count(agreed) = count(*) then sum(agreed) end as agreed,
        count(*) as communes_reported
    from mart.commune_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and district_code is not null
    group by district_code, province_code
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    district_total.district_code,
    unit.name,
    district_total.province_code,
    district_total.eligible,
    district_total.participated,
    district_total.participated_new,
    district_total.agreed,
    district_total.participated::numeric / nullif(district_total.eligible, 0),
    district_total.agreed::numeric / nullif(district_total.participated, 0),
    coalesce(target.target_rate, campaign.target_rate),
    coalesce(target.target_rate, campaign.target_rate)
    - district_total.participated::numeric / nullif(district_total.eligible, 0),
    district_total.communes_reported,
    coalesce(communes_expected.communes_expected, 0),
    now()
from district_total
cross join campaign
inner join core.admin_unit as unit
    on unit.version_id = campaign.admin_version_id and unit.unit_code = district_total.district_code
left join communes_expected on communes_expected.district_code = district_total.district_code
left join core.campaign_target as target
    on target.campaign_id = campaign.campaign_id and target.province_code = district_total.province_code
