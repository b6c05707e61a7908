-- CSV rather than text format: pyarrow writes it in C++, and FORCE_NOT_NULL keeps an empty
-- breakdown label an empty string (the commune total) instead of NULL.
copy staging.commune_report (
    payload_id, row_number, commune_code, section, citizen_group, eligible, participated, agreed
) from stdin with (format csv, force_not_null (section, citizen_group))
