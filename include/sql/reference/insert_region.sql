insert into core.region (grouping_id, region_code, region_name)
values (%(grouping_id)s, %(region_code)s, %(region_name)s)
