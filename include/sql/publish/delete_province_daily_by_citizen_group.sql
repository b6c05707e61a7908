delete from mart.province_daily_by_citizen_group where campaign_id = %(campaign_id)s and report_date = %(report_date)s
