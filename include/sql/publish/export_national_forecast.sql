copy (
    select *
    from mart.national_forecast
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
) to stdout with (format csv, header true)
