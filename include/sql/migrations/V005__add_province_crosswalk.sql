-- Crosswalks between administrative versions, and an older campaign's province results restated
-- in the provinces of the version in force now, so two campaigns can be compared side by side.
-- A crosswalk row says that (part of) a former unit became (part of) a current one; only whole
-- units are restated: commune counts are never split between provinces by guesswork.

create table core.province_crosswalk (
    from_version_id text not null references core.admin_version,
    from_province_code text not null,
    to_version_id text not null references core.admin_version,
    to_province_code text not null,
    whole_unit boolean not null,
    primary key (from_version_id, from_province_code, to_version_id, to_province_code)
);

create table mart.province_daily_current_units (
    campaign_id text not null,
    report_date date not null,
    current_version_id text not null,
    province_code text not null,
    province_name text not null,
    former_province_codes text not null,
    former_provinces_expected integer not null,
    former_provinces_reported integer not null,
    is_complete boolean not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    target_rate numeric,
    target_gap numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code)
);

grant select, insert, update, delete on core.province_crosswalk, mart.province_daily_current_units to vneid_loader;
grant select on mart.province_daily_current_units to bi_reader;
