-- Inputs: campaign_id, report_date. Runs after insert_province_daily in the same transaction.
-- Restates the campaign's province figures in the provinces of the latest administrative
-- version, through whole-unit crosswalk rows. Nothing is inserted for a campaign that already
-- uses the latest version or has no crosswalk to it. A current province is complete when every
-- former province that formed it has an accepted report; its sums cover the reported ones only.
insert into mart.province_daily_current_units (
    campaign_id, report_date, current_version_id, province_code, province_name, former_province_codes,
    former_provinces_expected, former_provinces_reported, is_complete, eligible, participated,
    participated_new, agreed, participation_rate, agree_rate, national_rank, target_rate, target_gap,
    published_at, region_grouping_id, region_code, region_name
)
with campaign as (
    select campaign_id, admin_version_id, target_rate
    from core.campaign
    where campaign_id = %(campaign_id)s
),

current_version as (
    select version_id
    from core.latest_admin_version
),

restated as (
    select
        crosswalk.to_province_code as province_code,
        string_agg(former.province_code, ',' order by former.province_code) as former_province_codes,
        count(*) as former_provinces_expected,
        count(*) filter (where former.report_status = 'accepted') as former_provinces_reported,
        sum(former.eligible) filter (where former.report_status = 'accepted') as eligible,
        sum(former.participated) filter (where former.report_status = 'accepted') as participated,
        sum(former.participated_new) filter (where former.report_status = 'accepted') as participated_new,
        case
            when count(former.agreed) filter (where former.report_status = 'accepted')
                = count(*) filter (where former.report_status = 'accepted')
                then sum(former.agreed) filter (where former.report_status = 'accepted')
        end as agreed
    from mart.province_daily as former
    cross join campaign
    cross join current_version
    inner join core.province_crosswalk as crosswalk
        on crosswalk.from_version_id = campaign.admin_version_id
        and crosswalk.from_province_code = former.province_code
        and crosswalk.to_version_id = current_version.version_id
        and crosswalk.whole_unit
    where former.campaign_id = %(campaign_id)s
        and former.report_date = %(report_date)s
        and campaign.admin_version_id <> current_version.version_id
    group by crosswalk.to_province_code
),

rated as (
    select
        restated.*,
        restated.participated::numeric / nullif(restated.eligible, 0) as participation_rate
    from restated
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    current_version.version_id,
    rated.province_code,
    unit.name,
    rated.former_province_codes,
    rated.former_provinces_expected,
    rated.former_provinces_reported,
    rated.former_provinces_reported = rated.former_provinces_expected,
    rated.eligible,
    rated.participated,
    rated.participated_new,
    rated.agreed,
    rated.participation_rate,
    rated.agreed::numeric / nullif(rated.participated, 0),
    case when rated.participation_rate is not null then
        row_number() over (
            partition by rated.participation_rate is null order by rated.participation_rate desc, rated.province_code
        )
    end,
    campaign.target_rate,
    campaign.target_rate - rated.participation_rate,
    now(),
    region.grouping_id,
    region.region_code,
    region.region_name
from rated
cross join campaign
cross join current_version
inner join core.admin_unit as unit
    on unit.version_id = current_version.version_id and unit.unit_code = rated.province_code
left join core.primary_region as region
    on region.version_id = unit.version_id and region.province_code = rated.province_code
