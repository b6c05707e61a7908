-- Inputs: campaign_id, report_date, approved_by, approved_at. Marks the day's published figures official.
with national as (
    update mart.national_daily
    set figures_status = 'official', approved_by = %(approved_by)s, approved_at = %(approved_at)s
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
)
update mart.province_daily
set figures_status = 'official', approved_by = %(approved_by)s, approved_at = %(approved_at)s
where campaign_id = %(campaign_id)s and report_date = %(report_date)s
