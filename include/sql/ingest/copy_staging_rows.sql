copy staging.commune_report (
    payload_id, row_number, commune_code, section, citizen_group, eligible, participated, agreed
) from stdin
