-- BI: the top 10 and bottom 10 communes of a province on one day.
(
    select 'top' as side, rank_in_province, commune_code, commune_name, participated, eligible, participation_rate
    from mart.commune_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and province_code = %(province_code)s
    order by rank_in_province asc nulls last
    limit 10
)
union all
(
    select 'bottom' as side, rank_in_province, commune_code, commune_name, participated, eligible, participation_rate
    from mart.commune_daily
    where campaign_id = %(campaign_id)s and report_date = %(report_date)s and province_code = %(province_code)s
    order by rank_in_province desc nulls last
    limit 10
)
