-- The raw COPY baseline's rows, staged as the load step leaves them for the merge.
insert into staging.commune_report (
    payload_id, row_number, commune_code, section, citizen_group, eligible, participated, agreed
)
select payload_id, row_number, commune_code, section, citizen_group, eligible, participated, agreed
from bench.raw_copy
