-- Plain tables for the baselines: the columns of staging.commune_report, no index, no constraint.
-- raw_copy is a normal (WAL-logged) table; raw_copy_unlogged matches staging's UNLOGGED storage.
create schema if not exists bench;

create table bench.raw_copy (
    payload_id bigint,
    row_number integer,
    commune_code text,
    section text,
    citizen_group text,
    eligible bigint,
    participated bigint,
    agreed bigint
);

create unlogged table bench.raw_copy_unlogged (like bench.raw_copy);

create table bench.to_sql_rows (like bench.raw_copy);
