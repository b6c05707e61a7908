-- The fact table's columns and NOT NULLs, without its primary key, checks or indexes: what the
-- merge would cost if core.commune_report kept nothing but the rows.
create table bench.fact_without_key (like core.commune_report including defaults);
