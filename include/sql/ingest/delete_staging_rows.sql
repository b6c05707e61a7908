delete from staging.commune_report where payload_id = %(payload_id)s
