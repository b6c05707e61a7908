delete from mart.province_forecast where campaign_id = %(campaign_id)s and report_date = %(report_date)s
