-- Inputs: campaign_id, report_date. The fingerprint of the day's published figures: national
-- totals and completeness, and each province's status, figures and rank. Publication times,
-- revisions and the sign-off columns are left out, so a re-run that changes no figure keeps it.
select encode(sha256(convert_to(
    (
        select row(eligible, participated, participated_new, agreed, participation_rate, agree_rate, target_gap,
                   provinces_reported, provinces_expected, provinces_on_time, provinces_late, provinces_quarantined,
                   provinces_missing)::text
        from mart.national_daily
        where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    ) || '#' || coalesce((
        select string_agg(row(province_code, report_status, eligible, participated, participated_new, agreed,
                              participation_rate, national_rank, rank_change)::text,
                          ';' order by province_code)
        from mart.province_daily
        where campaign_id = %(campaign_id)s and report_date = %(report_date)s
    ), ''),
    'UTF8')), 'hex')
