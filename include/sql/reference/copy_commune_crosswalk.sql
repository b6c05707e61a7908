copy core.commune_crosswalk (
    from_version_id, from_commune_code, from_province_code, to_version_id, to_commune_code, to_province_code,
    from_whole, to_whole
) from stdin
