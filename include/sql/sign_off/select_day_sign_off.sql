-- Inputs: campaign_id, report_date. The day's figures status and approver, and the last answer
-- given to a request that showed its current figures (a rejection's reason, for the report).
select
    national.figures_status,
    national.approved_by,
    national.approved_at,
    last_answer.decision as last_decision,
    last_answer.answered_by as last_answered_by,
    last_answer.answered_at as last_answered_at,
    last_answer.reason as last_reason
from mart.national_daily as national
left join lateral (
    select answer.decision, answer.answered_by, answer.answered_at, answer.reason
    from dq.sign_off_request as request
    inner join dq.sign_off_answer as answer on answer.request_id = request.request_id
    where request.campaign_id = national.campaign_id
        and request.report_date = national.report_date
        and request.fingerprint = national.fingerprint
        and answer.outcome <> 'stale'
    order by answer.answered_at desc, request.request_id desc
    limit 1
) as last_answer on true
where national.campaign_id = %(campaign_id)s and national.report_date = %(report_date)s
