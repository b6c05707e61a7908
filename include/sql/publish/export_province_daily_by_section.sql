copy (
    select *
    from mart.province_daily_by_section
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    order by province_code, section
) to stdout with (format csv, header true)
