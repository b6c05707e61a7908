copy (
    select *
    from mart.commune_daily_current_units
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    order by province_code, commune_code
) to stdout with (format csv, header true)
