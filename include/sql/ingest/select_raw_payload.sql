-- A payload already landed with the same checksum, looked up before its content is sent again
-- (the re-check window receives the last days' unchanged payloads on every run).
select payload_id
from raw.report_payload
where campaign_id = %(campaign_id)s
    and province_code = %(province_code)s
    and report_date = %(report_date)s
    and checksum = %(checksum)s
