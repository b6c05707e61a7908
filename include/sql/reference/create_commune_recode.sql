create temporary table commune_recode (
    version_id text not null,
    commune_code text not null,
    new_commune_code text not null,
    primary key (version_id, commune_code),
    unique (version_id, new_commune_code)
) on commit drop
