insert into core.region_grouping (grouping_id, version_id, title, basis, status, is_primary)
values (%(grouping_id)s, %(version_id)s, %(title)s, %(basis)s, %(status)s, %(is_primary)s)
