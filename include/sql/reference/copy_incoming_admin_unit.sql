copy incoming_admin_unit (version_id, unit_code, level, name, division_type, parent_code, province_code) from stdin
