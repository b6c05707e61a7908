-- A payload already landed for the day with the same checksum and already decided (the re-check
-- window receives the last days' unchanged payloads on every run). A recorded fate never changes,
-- so this needs neither the province-day lock nor the content.
-- Same columns as select_payload_fate.sql.
select fate.status, fate.revision, fate.reason
from raw.report_payload as payload
inner join dq.report_revision as fate on fate.payload_id = payload.payload_id
where payload.campaign_id = %(campaign_id)s
    and payload.province_code = %(province_code)s
    and payload.report_date = %(report_date)s
    and payload.checksum = %(checksum)s
