-- Inputs: campaign_id, report_date, approval_id. The approved province figures (history).
insert into mart.official_province_daily (
    approval_id, campaign_id, report_date, province_code, province_name, region_code, region_name, eligible,
    participated, participated_new, agreed, participation_rate, agree_rate, national_rank, rank_change, target_gap,
    report_status, is_late
)
select
    %(approval_id)s, campaign_id, report_date, province_code, province_name, region_code, region_name, eligible,
    participated, participated_new, agreed, participation_rate, agree_rate, national_rank, rank_change, target_gap,
    report_status, is_late
from mart.province_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
