-- Inputs: campaign_id, report_date, approval_id, approved_by, approved_at. The approved national
-- figures, kept for good (history).
insert into mart.official_national_daily (
    approval_id, campaign_id, report_date, approved_by, approved_at, fingerprint, eligible, participated,
    participated_new, agreed, participation_rate, agree_rate, target_rate, target_gap, provinces_reported,
    provinces_expected, provinces_on_time, provinces_late, provinces_quarantined, provinces_missing, is_complete,
    published_at
)
select
    %(approval_id)s, campaign_id, report_date, %(approved_by)s, %(approved_at)s, fingerprint, eligible, participated,
    participated_new, agreed, participation_rate, agree_rate, target_rate, target_gap, provinces_reported,
    provinces_expected, provinces_on_time, provinces_late, provinces_quarantined, provinces_missing, is_complete,
    published_at
from mart.national_daily
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
