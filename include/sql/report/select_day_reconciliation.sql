-- Inputs: campaign_id, report_date. Declared province totals against the sum of the rows, for every
-- payload of the day.
select
    reconciliation.payload_id,
    reconciliation.column_name,
    reconciliation.declared,
    reconciliation.rows_sum,
    reconciliation.difference,
    reconciliation.tolerance,
    reconciliation.within_tolerance
from dq.reconciliation as reconciliation
inner join raw.report_payload as payload on payload.payload_id = reconciliation.payload_id
where payload.campaign_id = %(campaign_id)s and payload.report_date = %(report_date)s
order by reconciliation.payload_id, reconciliation.column_name
