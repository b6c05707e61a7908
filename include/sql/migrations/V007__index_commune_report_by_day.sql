-- The marts read one campaign-day (and the province's previous day) at a time: index the facts
-- by day, with a partial index for the commune totals that most mart queries start from.
create index commune_report_day_idx on core.commune_report (campaign_id, report_date, province_code);
create index commune_report_total_day_idx on core.commune_report (campaign_id, report_date, province_code)
    where section = '' and citizen_group = '';
