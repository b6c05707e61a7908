copy (
    select *
    from mart.national_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    order by report_date
) to stdout with (format csv, header true)
