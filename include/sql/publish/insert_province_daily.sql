-- Inputs: campaign_id, report_date. Runs after insert_report_status in the same transaction.
-- Every expected province appears; one without an accepted report has null figures and rank.
-- The national rank is the row number by participation rate descending, ties by province code;
-- rank_change compares with the ranking of the previous calendar day computed the same way.
insert into mart.province_daily (
    campaign_id, report_date, province_code, province_name, eligible, participated, participated_new,
    agreed, participation_rate, agree_rate, national_rank, rank_change, target_rate, target_gap,
    communes_reported, communes_expected, report_status, is_late, revision, communes_regressed,
    communes_outlying, published_at, region_grouping_id, region_code, region_name
)
with campaign as (
    select campaign_id, admin_version_id, target_rate
    from core.campaign
    where campaign_id = %(campaign_id)s
),

expected as (
    select unit.unit_code as province_code, unit.name as province_name
    from core.admin_unit as unit
    inner join campaign on campaign.admin_version_id = unit.version_id
    where unit.level = 'province'
),

communes_expected as (
    select unit.province_code, count(*) as communes_expected
    from core.admin_unit as unit
    inner join campaign on campaign.admin_version_id = unit.version_id
    where unit.level = 'commune'
    group by unit.province_code
),

today as (
    select province_code, eligible, participated, agreed, communes_reported,
        participated::numeric / nullif(eligible, 0) as participation_rate
    from core.current_province_total
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
),

yesterday as (
    select province_code, participated::numeric / nullif(eligible, 0) as participation_rate
    from core.current_province_total
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s::date - 1
),

rank_today as (
    select province_code, row_number() over (order by participation_rate desc, province_code) as national_rank
    from today
    where participation_rate is not null
),

rank_yesterday as (
    select province_code, row_number() over (order by participation_rate desc, province_code) as national_rank
    from yesterday
    where participation_rate is not null
),

previous_day as (
    select province_code, max(report_date) as report_date
    from core.province_report
    where campaign_id = %(campaign_id)s and report_date < %(report_date)s and is_current
    group by province_code
),

findings as (
    select
        report.province_code,
        (select count(distinct regression.commune_code) from dq.regression as regression
            where regression.payload_id = report.payload_id) as communes_regressed,
        (select count(*) from dq.outlier as outlier
            where outlier.payload_id = report.payload_id) as communes_outlying
    from core.province_report as report
    where report.campaign_id = %(campaign_id)s and report.report_date = %(report_date)s and report.is_current
),

previous as (
    select total.province_code, total.participated
    from core.current_province_total as total
    inner join previous_day
        on previous_day.province_code = total.province_code and previous_day.report_date = total.report_date
    where total.campaign_id = %(campaign_id)s
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    expected.province_code,
    expected.province_name,
    today.eligible,
    today.participated,
    today.participated - previous.participated,
    today.agreed,
    today.participation_rate,
    today.agreed::numeric / nullif(today.participated, 0),
    rank_today.national_rank,
    rank_yesterday.national_rank - rank_today.national_rank,
    coalesce(target.target_rate, campaign.target_rate),
    coalesce(target.target_rate, campaign.target_rate) - today.participation_rate,
    coalesce(today.communes_reported, 0),
    coalesce(communes_expected.communes_expected, 0),
    status.status,
    status.is_late,
    status.revision,
    findings.communes_regressed,
    findings.communes_outlying,
    now(),
    region.grouping_id,
    region.region_code,
    region.region_name
from expected
cross join campaign
inner join mart.report_status as status
    on status.campaign_id = campaign.campaign_id
    and status.report_date = %(report_date)s
    and status.province_code = expected.province_code
left join today on today.province_code = expected.province_code
left join rank_today on rank_today.province_code = expected.province_code
left join rank_yesterday on rank_yesterday.province_code = expected.province_code
left join previous on previous.province_code = expected.province_code
left join findings on findings.province_code = expected.province_code
left join communes_expected on communes_expected.province_code = expected.province_code
left join core.campaign_target as target
    on target.campaign_id = campaign.campaign_id and target.province_code = expected.province_code
left join core.primary_region as region
    on region.version_id = campaign.admin_version_id and region.province_code = expected.province_code
