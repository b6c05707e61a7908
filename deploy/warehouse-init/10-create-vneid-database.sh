#!/usr/bin/env bash
# First-start initialisation of the warehouse PostgreSQL (run by the postgres image's entrypoint
# from /docker-entrypoint-initdb.d, only while the data volume is still empty).
#
# Creates the four login roles and the `vneid` database, owned by vneid_owner:
#   vneid_owner   owns the database; the project's migrations run as this role and create the
#                 schemas (raw, staging, core, dq, mart) and the grants to the two roles below
#   vneid_loader  the pipeline's role (AIRFLOW_CONN_VNEID_WAREHOUSE)
#   bi_reader     BI tools; the migrations grant it SELECT on mart (and official) only
#   official_reader  readers of official figures only; the migrations grant it SELECT on official
# Passwords come from the container's environment (VNEID_OWNER_PASSWORD, VNEID_LOADER_PASSWORD,
# BI_READER_PASSWORD, OFFICIAL_READER_PASSWORD). Schemas, tables and grants are left to the migrations.
#
# Safe to run again: roles and database are created only when absent, passwords are (re)set.
# The entrypoint may source this file instead of executing it, so it neither exits nor sets -u.
set -eo pipefail

: "${VNEID_OWNER_PASSWORD:?VNEID_OWNER_PASSWORD must be set}"
: "${VNEID_LOADER_PASSWORD:?VNEID_LOADER_PASSWORD must be set}"
: "${BI_READER_PASSWORD:?BI_READER_PASSWORD must be set}"
: "${OFFICIAL_READER_PASSWORD:?OFFICIAL_READER_PASSWORD must be set}"

psql --no-psqlrc -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v owner_password="${VNEID_OWNER_PASSWORD}" \
    -v loader_password="${VNEID_LOADER_PASSWORD}" \
    -v reader_password="${BI_READER_PASSWORD}" \
    -v official_reader_password="${OFFICIAL_READER_PASSWORD}" <<'SQL'
-- Roles: created when absent (the migrations may also create the last three, without login).
select 'create role vneid_owner' where not exists (select from pg_roles where rolname = 'vneid_owner')
\gexec
select 'create role vneid_loader' where not exists (select from pg_roles where rolname = 'vneid_loader')
\gexec
select 'create role bi_reader' where not exists (select from pg_roles where rolname = 'bi_reader')
\gexec
select 'create role official_reader' where not exists (select from pg_roles where rolname = 'official_reader')
\gexec

-- psql quotes each password as a literal; none of them is ever formatted into SQL by hand.
alter role vneid_owner with login nosuperuser nocreatedb nocreaterole password :'owner_password';
alter role vneid_loader with login nosuperuser nocreatedb nocreaterole password :'loader_password';
alter role bi_reader with login nosuperuser nocreatedb nocreaterole password :'reader_password';
alter role official_reader with login nosuperuser nocreatedb nocreaterole password :'official_reader_password';

-- Database: UTF-8 for Vietnamese names, owned by the role that migrates.
select 'create database vneid owner vneid_owner encoding ''UTF8'' template template0'
where not exists (select from pg_database where datname = 'vneid')
\gexec

-- Only these roles connect; the loader may use temporary tables while it loads.
revoke all on database vneid from public;
grant connect, temporary on database vneid to vneid_loader;
grant connect on database vneid to bi_reader, official_reader;
SQL

psql --no-psqlrc -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER:-postgres}" --dbname vneid <<'SQL'
-- Nobody but the owner creates objects in the default schema.
revoke create on schema public from public;
SQL

echo "warehouse-init: database vneid and roles vneid_owner, vneid_loader, bi_reader, official_reader are ready"
