delete from mart.district_daily_by_section where campaign_id = %(campaign_id)s and report_date = %(report_date)s
