-- Loading a million-row province report (issue 6): the full day index of core.commune_report
-- (V007) cost 0.9 s of a 3 s insert of a million rows, a third of the merge: every row of a
-- payload carries the same (campaign_id, report_date, province_code), and the index took one
-- entry per row. The day's current payloads are already indexed in core.province_report, and a
-- payload's rows are the leading column of core.commune_report's primary key, so the view that
-- the breakdown marts read now takes the day from the report: a day filter finds the day's
-- current reports first, then each report's rows through the primary key.
-- The partial index of commune totals stays: it holds one entry per commune, not per row, and
-- core.current_commune_total, which most mart queries start from, filters on its columns.
create or replace view core.current_commune_report as
select
    fact.payload_id,
    report.campaign_id,
    report.report_date,
    report.province_code,
    fact.commune_code,
    fact.section,
    fact.citizen_group,
    fact.eligible,
    fact.participated,
    fact.agreed
from core.commune_report as fact
inner join core.province_report as report
    on report.payload_id = fact.payload_id and report.is_current;

drop index core.commune_report_day_idx;
