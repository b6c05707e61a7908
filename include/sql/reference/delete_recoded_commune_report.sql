-- Recodes are one simultaneous mapping: every fact of every recoded commune leaves the table
-- first, and only then comes back under its new code (insert_recoded_commune_report.sql), so a
-- swap or rotation of codes never meets the facts' primary key half-way.
with moved as (
    delete from core.commune_report as fact
    using core.campaign as campaign, commune_recode as recode
    where campaign.campaign_id = fact.campaign_id
        and recode.version_id = campaign.admin_version_id
        and recode.commune_code = fact.commune_code
    returning
        fact.commune_code as old_commune_code,
        fact.payload_id,
        fact.campaign_id,
        fact.report_date,
        fact.province_code,
        recode.new_commune_code as commune_code,
        fact.section,
        fact.citizen_group,
        fact.eligible,
        fact.participated,
        fact.agreed
)

insert into moved_commune_report (
    old_commune_code, payload_id, campaign_id, report_date, province_code, commune_code, section,
    citizen_group, eligible, participated, agreed
)
select
    old_commune_code, payload_id, campaign_id, report_date, province_code, commune_code, section,
    citizen_group, eligible, participated, agreed
from moved
