-- What the warehouse knows about each expected province for one day: used to check that an
-- ingest run gave every province a fate.
select
    expected.province_code,
    attempt.outcome,
    attempt.attempted_at
from core.campaign as campaign
inner join core.admin_unit as expected
    on expected.version_id = campaign.admin_version_id and expected.level = 'province'
left join dq.ingest_attempt as attempt
    on attempt.campaign_id = campaign.campaign_id
    and attempt.report_date = %(report_date)s
    and attempt.province_code = expected.unit_code
where campaign.campaign_id = %(campaign_id)s
order by expected.province_code
