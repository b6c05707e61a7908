-- The merge statement (include/sql/ingest/insert_commune_report.sql), into bench.fact_without_key.
insert into bench.fact_without_key (
    payload_id, campaign_id, report_date, province_code, commune_code, section, citizen_group,
    eligible, participated, agreed
)
select
    payload_id,
    %(campaign_id)s,
    %(report_date)s,
    %(province_code)s,
    commune_code,
    section,
    citizen_group,
    eligible,
    participated,
    agreed
from staging.commune_report
where payload_id = %(payload_id)s
