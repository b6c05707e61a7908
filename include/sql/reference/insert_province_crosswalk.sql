insert into core.province_crosswalk (from_version_id, from_province_code, to_version_id, to_province_code, whole_unit)
values (%(from_version_id)s, %(from_province_code)s, %(to_version_id)s, %(to_province_code)s, %(whole_unit)s)
