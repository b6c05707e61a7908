-- Inputs: campaign_id, report_date. The provinces whose national rank moved most since the day
-- before (three largest gains and three largest falls), for the reviewer.
(
    select province_name, national_rank, rank_change, participation_rate
    from mart.province_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and rank_change > 0
    order by rank_change desc, province_code
    limit 3
)
union all
(
    select province_name, national_rank, rank_change, participation_rate
    from mart.province_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and rank_change < 0
    order by rank_change, province_code
    limit 3
)
