copy (
    select *
    from mart.national_daily_by_section
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    order by section
) to stdout with (format csv, header true)
