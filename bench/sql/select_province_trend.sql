-- BI: one province's trend over the campaign.
select
    report_date,
    participated,
    participated_new,
    participation_rate,
    national_rank,
    rank_change
from mart.province_daily
where campaign_id = %(campaign_id)s and province_code = %(province_code)s
order by report_date
