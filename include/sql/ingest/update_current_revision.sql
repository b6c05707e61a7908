-- Exactly one accepted revision per province-day is current: the one just merged.
update core.province_report
set is_current = (payload_id = %(payload_id)s)
where campaign_id = %(campaign_id)s
    and province_code = %(province_code)s
    and report_date = %(report_date)s
    and (is_current or payload_id = %(payload_id)s)
