copy (
    select *
    from mart.region_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    order by is_restated, grouping_id, region_code
) to stdout with (format csv, header true)
