copy dq.reference_change (
    reference_checksum, version_id, unit_code, change, action, old_level, old_name, old_division_type,
    old_parent_code, old_province_code, new_level, new_name, new_division_type, new_parent_code,
    new_province_code, new_unit_code, facts_moved, reviewed_by, reviewed_on, reason
) from stdin
