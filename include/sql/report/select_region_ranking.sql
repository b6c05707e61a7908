-- Inputs: campaign_id, report_date. Every region of the day: the campaign's own groupings first,
-- then those it is restated in; within a grouping by region rank, unranked regions last by code.
select
    region.grouping_id,
    grouping.title as grouping_title,
    region.grouping_status,
    region.is_restated,
    region.region_code,
    region.region_name,
    region.region_rank,
    region.provinces_reported,
    region.provinces_expected,
    region.is_complete,
    region.participated,
    region.eligible,
    region.participation_rate,
    region.target_rate,
    region.target_gap
from mart.region_daily as region
inner join core.region_grouping as grouping on grouping.grouping_id = region.grouping_id
where region.campaign_id = %(campaign_id)s and region.report_date = %(report_date)s
order by region.is_restated, region.grouping_id, region.region_rank nulls last, region.region_code
