-- Warehouse layers: raw (immutable payloads) -> staging (typed rows in flight) -> core
-- (dimensions and fact history) -> mart (published), with dq holding every report's fate.

create schema if not exists raw;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists dq;
create schema if not exists mart;

-- Dimensions: administrative versions are effective-dated; a campaign binds to one version.
create table core.admin_version (
    version_id text primary key,
    title text not null,
    valid_from date not null,
    valid_to date,
    has_districts boolean not null,
    check (valid_to is null or valid_to >= valid_from)
);

create table core.admin_unit (
    version_id text not null references core.admin_version,
    unit_code text not null,
    level text not null check (level in ('province', 'district', 'commune')),
    name text not null,
    division_type text not null,
    parent_code text,
    province_code text not null,
    primary key (version_id, unit_code),
    check (
        (level = 'province' and unit_code ~ '^[0-9]{2}$')
        or (level = 'district' and unit_code ~ '^[0-9]{3}$')
        or (level = 'commune' and unit_code ~ '^[0-9]{5}$')
    )
);
create index admin_unit_province_idx on core.admin_unit (version_id, province_code, level);

create table core.campaign (
    campaign_id text primary key,
    title text not null,
    first_day date not null,
    last_day date not null,
    admin_version_id text not null references core.admin_version,
    target_rate numeric(5, 4) not null check (target_rate between 0 and 1),
    check (last_day >= first_day)
);

create table core.campaign_target (
    campaign_id text not null references core.campaign,
    province_code text not null,
    target_rate numeric(5, 4) not null check (target_rate between 0 and 1),
    primary key (campaign_id, province_code)
);

create table core.reference_load (
    checksum text primary key,
    loaded_at timestamptz not null default now()
);

-- Raw: every distinct payload received, byte for byte. Never updated, never deleted.
create table raw.report_payload (
    payload_id bigint generated always as identity primary key,
    campaign_id text not null,
    province_code text not null,
    report_date date not null,
    source text not null check (source in ('http', 'files')),
    source_uri text not null,
    content_format text not null check (content_format in ('json', 'csv', 'xlsx')),
    content bytea not null,
    checksum text not null,
    byte_size bigint not null,
    source_timestamp timestamptz,
    received_at timestamptz not null default now(),
    unique (campaign_id, province_code, report_date, checksum)
);

create function raw.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'raw.report_payload is immutable (payload %)', old.payload_id;
end;
$$;

create trigger report_payload_immutable
before update or delete on raw.report_payload
for each row execute function raw.refuse_change();

-- Staging: typed rows of one payload, only for the duration of its load transaction.
create unlogged table staging.commune_report (
    payload_id bigint not null,
    row_number integer not null,
    commune_code text not null,
    section text not null,
    citizen_group text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint
);
create index commune_report_payload_idx on staging.commune_report (payload_id);

-- Core facts: every accepted revision with its rows; exactly one revision is current per day.
create table core.province_report (
    payload_id bigint primary key references raw.report_payload,
    campaign_id text not null references core.campaign,
    province_code text not null,
    report_date date not null,
    revision integer not null check (revision >= 1),
    generated_at timestamptz,
    is_late boolean not null,
    total_eligible bigint,
    total_participated bigint,
    total_agreed bigint,
    accepted_at timestamptz not null default now(),
    is_current boolean not null default false,
    unique (campaign_id, province_code, report_date, revision)
);
create unique index province_report_current_idx
    on core.province_report (campaign_id, province_code, report_date) where is_current;
create index province_report_day_idx on core.province_report (campaign_id, report_date);

create table core.commune_report (
    payload_id bigint not null references core.province_report,
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    commune_code text not null,
    section text not null default '',
    citizen_group text not null default '',
    eligible bigint not null check (eligible >= 0),
    participated bigint not null check (participated between 0 and eligible),
    agreed bigint check (agreed between 0 and participated),
    primary key (payload_id, commune_code, section, citizen_group)
);

-- The figures that count: commune totals (no breakdown) of each day's current revision.
create view core.current_commune_total as
select
    fact.campaign_id,
    fact.report_date,
    fact.province_code,
    fact.commune_code,
    fact.eligible,
    fact.participated,
    fact.agreed,
    report.revision,
    report.payload_id
from core.commune_report as fact
inner join core.province_report as report
    on report.payload_id = fact.payload_id and report.is_current
where fact.section = '' and fact.citizen_group = '';

-- A province's agreed total is known only when every commune reported it.
create view core.current_province_total as
select
    campaign_id,
    report_date,
    province_code,
    sum(eligible) as eligible,
    sum(participated) as participated,
    case when count(agreed) = count(*) then sum(agreed) end as agreed,
    count(*) as communes_reported
from core.current_commune_total
group by campaign_id, report_date, province_code;

-- Data quality: the fate of every payload, the rule violations behind each quarantine, and
-- what each ingest attempt found for a province-day (including "nothing published").
create table dq.report_revision (
    payload_id bigint primary key references raw.report_payload,
    campaign_id text not null,
    province_code text not null,
    report_date date not null,
    revision integer,
    status text not null check (status in ('accepted', 'quarantined', 'ignored')),
    reason text,
    is_late boolean,
    generated_at timestamptz,
    row_count integer,
    decided_at timestamptz not null default now(),
    check ((status = 'accepted') = (reason is null))
);
create index report_revision_day_idx on dq.report_revision (campaign_id, report_date, province_code);

create table dq.validation_failure (
    payload_id bigint not null references raw.report_payload,
    failure_number integer not null,
    rule text not null,
    row_number integer,
    commune_code text,
    column_name text,
    value text,
    message text not null,
    primary key (payload_id, failure_number)
);

create table dq.ingest_attempt (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    outcome text not null check (outcome in ('received', 'missing')),
    detail text,
    attempted_at timestamptz not null default now(),
    primary key (campaign_id, report_date, province_code)
);

-- Marts: one row per key, replaced a whole day at a time inside one transaction.
create table mart.national_daily (
    campaign_id text not null,
    report_date date not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    provinces_reported integer not null,
    provinces_expected integer not null,
    published_at timestamptz not null,
    primary key (campaign_id, report_date)
);

create table mart.province_daily (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    province_name text not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    rank_change integer,
    target_rate numeric,
    target_gap numeric,
    communes_reported integer not null,
    communes_expected integer not null,
    report_status text not null,
    is_late boolean,
    revision integer,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code)
);

create table mart.district_daily (
    campaign_id text not null,
    report_date date not null,
    district_code text not null,
    district_name text not null,
    province_code text not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    communes_reported integer not null,
    communes_expected integer not null,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, district_code)
);

create table mart.commune_daily (
    campaign_id text not null,
    report_date date not null,
    commune_code text not null,
    commune_name text not null,
    district_code text,
    province_code text not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    rank_in_province integer,
    target_rate numeric,
    target_gap numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, commune_code)
);

create table mart.report_status (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    status text not null check (status in ('accepted', 'quarantined', 'missing')),
    is_late boolean,
    revision integer,
    received_at timestamptz,
    reason text,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code)
);
