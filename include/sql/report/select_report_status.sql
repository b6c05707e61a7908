-- Inputs: campaign_id, report_date. The reporting status of every expected province, with its name.
select
    status.province_code,
    coalesce(province.province_name, status.province_code) as province_name,
    status.status,
    status.is_late,
    status.revision,
    status.received_at,
    status.reason
from mart.report_status as status
left join mart.province_daily as province
    on province.campaign_id = status.campaign_id
    and province.report_date = status.report_date
    and province.province_code = status.province_code
where status.campaign_id = %(campaign_id)s and status.report_date = %(report_date)s
order by status.province_code
