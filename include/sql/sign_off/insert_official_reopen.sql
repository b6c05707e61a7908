-- Inputs: campaign_id, report_date, approval_id, new_fingerprint. Runs in the publication's
-- transaction, after the marts were refreshed with figures that differ from the approved ones:
-- records what changed, nationally and by province.
insert into dq.official_reopen (
    campaign_id, report_date, approval_id, official_fingerprint, new_fingerprint, national_change, province_changes
)
select
    official.campaign_id,
    official.report_date,
    official.approval_id,
    official.fingerprint,
    %(new_fingerprint)s,
    jsonb_build_object(
        'official', jsonb_build_object('eligible', official.eligible, 'participated', official.participated,
                                       'agreed', official.agreed, 'provinces_reported', official.provinces_reported),
        'now', jsonb_build_object('eligible', current.eligible, 'participated', current.participated,
                                  'agreed', current.agreed, 'provinces_reported', current.provinces_reported)
    ),
    coalesce((
        select jsonb_agg(jsonb_build_object(
            'province_code', coalesce(now_province.province_code, then_province.province_code),
            'official', jsonb_build_object('report_status', then_province.report_status,
                                           'eligible', then_province.eligible,
                                           'participated', then_province.participated,
                                           'agreed', then_province.agreed),
            'now', jsonb_build_object('report_status', now_province.report_status,
                                      'eligible', now_province.eligible,
                                      'participated', now_province.participated,
                                      'agreed', now_province.agreed)
        ) order by coalesce(now_province.province_code, then_province.province_code))
        from (
            select * from mart.official_province_daily where approval_id = official.approval_id
        ) as then_province
        full join (
            select * from mart.province_daily
            where campaign_id = official.campaign_id and report_date = official.report_date
        ) as now_province on now_province.province_code = then_province.province_code
        where (then_province.report_status, then_province.eligible, then_province.participated, then_province.agreed)
            is distinct from (now_province.report_status, now_province.eligible, now_province.participated,
                              now_province.agreed)
    ), '[]'::jsonb)
from mart.official_national_daily as official
inner join mart.national_daily as current
    on current.campaign_id = official.campaign_id and current.report_date = official.report_date
where official.approval_id = %(approval_id)s
