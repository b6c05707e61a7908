-- Inputs: campaign_id, report_date. The outcome of every expectation of the contract suite for each
-- payload of the day, in suite order (only run when dq.validation_result exists).
select
    result.payload_id,
    result.expectation_number,
    result.rule,
    result.expectation_type,
    result.column_name,
    result.success,
    result.unexpected_count,
    result.element_count
from dq.validation_result as result
inner join raw.report_payload as payload on payload.payload_id = result.payload_id
where payload.campaign_id = %(campaign_id)s and payload.report_date = %(report_date)s
order by result.payload_id, result.expectation_number
