insert into core.region_province (grouping_id, version_id, province_code, region_code)
values (%(grouping_id)s, %(version_id)s, %(province_code)s, %(region_code)s)
