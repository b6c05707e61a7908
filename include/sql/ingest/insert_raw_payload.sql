-- Land a payload exactly as received; a payload already landed (same checksum) is kept as it was.
with inserted as (
    insert into raw.report_payload (
        campaign_id, province_code, report_date, source, source_uri, content_format,
        content, checksum, byte_size, source_timestamp
    )
    values (
        %(campaign_id)s, %(province_code)s, %(report_date)s, %(source)s, %(source_uri)s, %(content_format)s,
        %(content)s, %(checksum)s, %(byte_size)s, %(source_timestamp)s
    )
    on conflict (campaign_id, province_code, report_date, checksum) do nothing
    returning payload_id
)

select payload_id from inserted
union all
select payload_id
from raw.report_payload
where campaign_id = %(campaign_id)s
    and province_code = %(province_code)s
    and report_date = %(report_date)s
    and checksum = %(checksum)s
