create temporary table moved_commune_report (
    old_commune_code text not null,
    like core.commune_report
) on commit drop
