copy commune_recode (version_id, commune_code, new_commune_code) from stdin
