delete from mart.region_daily where campaign_id = %(campaign_id)s and report_date = %(report_date)s
