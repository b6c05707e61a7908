insert into core.commune_report (
    payload_id, campaign_id, report_date, province_code, commune_code, section, citizen_group, eligible,
    participated, agreed
)
select
    payload_id, campaign_id, report_date, province_code, commune_code, section, citizen_group, eligible,
    participated, agreed
from moved_commune_report
