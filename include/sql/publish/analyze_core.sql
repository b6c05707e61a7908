-- Fresh statistics before the mart queries: right after the first loads the planner would
-- otherwise take the fact tables for empty and choose nested loops over thousands of rows.
analyze core.province_report, core.commune_report, dq.report_revision, dq.ingest_attempt
