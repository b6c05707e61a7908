-- Inputs: campaign_id, report_date. Runs after insert_province_daily and
-- insert_province_daily_current_units in the same transaction.
-- Every grouping over the campaign's own version gets its regions summed from mart.province_daily;
-- when the campaign is restated in current units, every grouping over that later version gets its
-- regions summed from mart.province_daily_current_units (is_restated). The province counts are
-- always of the campaign's own provinces (for a restated region: the former provinces that formed
-- it through the whole-unit crosswalk), so completeness means the same in both. Figures cover the
-- accepted provinces only; regions are ranked within their grouping.
insert into mart.region_daily (
    campaign_id, report_date, grouping_id, region_code, region_name, grouping_status, version_id, is_restated,
    provinces_expected, provinces_reported, provinces_on_time, provinces_late, provinces_quarantined,
    provinces_missing, is_complete, eligible, participated, participated_new, agreed, participation_rate,
    agree_rate, target_rate, target_gap, region_rank, published_at
)
with campaign as (
    select campaign_id, admin_version_id, target_rate
    from core.campaign
    where campaign_id = %(campaign_id)s
),

restated_version as (
    select distinct current_version_id as version_id
    from mart.province_daily_current_units
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
),

province as (
    select province_code, report_status, is_late, eligible, participated, participated_new, agreed
    from mart.province_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
),

placed as (
    select member.grouping_id, member.region_code, false as is_restated, province.report_status, province.is_late
    from province
    cross join campaign
    inner join core.region_province as member
        on member.version_id = campaign.admin_version_id and member.province_code = province.province_code
    union all
    select member.grouping_id, member.region_code, true, province.report_status, province.is_late
    from province
    cross join campaign
    cross join restated_version
    inner join core.province_crosswalk as crosswalk
        on crosswalk.from_version_id = campaign.admin_version_id
        and crosswalk.from_province_code = province.province_code
        and crosswalk.to_version_id = restated_version.version_id
        and crosswalk.whole_unit
    inner join core.region_province as member
        on member.version_id = restated_version.version_id and member.province_code = crosswalk.to_province_code
),

counted as (
    select
        grouping_id,
        region_code,
        is_restated,
        count(*) as provinces_expected,
        count(*) filter (where report_status = 'accepted') as provinces_reported,
        count(*) filter (where report_status = 'accepted' and not is_late) as provinces_on_time,
        count(*) filter (where report_status = 'accepted' and is_late) as provinces_late,
        count(*) filter (where report_status = 'quarantined') as provinces_quarantined,
        count(*) filter (where report_status = 'missing') as provinces_missing
    from placed
    group by grouping_id, region_code, is_restated
),

-- Only units with accepted figures: a restated current province counts once any former one is accepted.
contributing as (
    select member.grouping_id, member.region_code, province.eligible, province.participated,
        province.participated_new, province.agreed
    from province
    cross join campaign
    inner join core.region_province as member
        on member.version_id = campaign.admin_version_id and member.province_code = province.province_code
    where province.report_status = 'accepted'
    union all
    select member.grouping_id, member.region_code, restated.eligible, restated.participated,
        restated.participated_new, restated.agreed
    from mart.province_daily_current_units as restated
    inner join core.region_province as member
        on member.version_id = restated.current_version_id and member.province_code = restated.province_code
    where restated.campaign_id = %(campaign_id)s and restated.report_date = %(report_date)s
        and restated.former_provinces_reported > 0
),

summed as (
    select
        grouping_id,
        region_code,
        sum(eligible) as eligible,
        sum(participated) as participated,
        sum(participated_new) as participated_new,
        case when count(agreed) = count(*) then sum(agreed) end as agreed,
        sum(participated)::numeric / nullif(sum(eligible), 0) as participation_rate
    from contributing
    group by grouping_id, region_code
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    counted.grouping_id,
    counted.region_code,
    region.region_name,
    grouping.status,
    grouping.version_id,
    counted.is_restated,
    counted.provinces_expected,
    counted.provinces_reported,
    counted.provinces_on_time,
    counted.provinces_late,
    counted.provinces_quarantined,
    counted.provinces_missing,
    counted.provinces_reported = counted.provinces_expected,
    summed.eligible,
    summed.participated,
    summed.participated_new,
    summed.agreed,
    summed.participation_rate,
    summed.agreed::numeric / nullif(summed.participated, 0),
    campaign.target_rate,
    campaign.target_rate - summed.participation_rate,
    case when summed.participation_rate is not null then
        row_number() over (
            partition by counted.grouping_id, summed.participation_rate is null
            order by summed.participation_rate desc, counted.region_code
        )
    end,
    now()
from counted
cross join campaign
inner join core.region_grouping as grouping on grouping.grouping_id = counted.grouping_id
inner join core.region as region
    on region.grouping_id = counted.grouping_id and region.region_code = counted.region_code
left join summed on summed.grouping_id = counted.grouping_id and summed.region_code = counted.region_code
