-- Breakdowns: figures by section of the draft and by citizen group, at every level.
-- A report's breakdown rows (section or citizen_group set) roll up as follows: by section, every
-- row with a section (summed over citizen groups when the report crosses both); by citizen group,
-- the rows with a group and no section. Commune totals stay the rows with neither.

create view core.current_commune_report as
select fact.*
from core.commune_report as fact
inner join core.province_report as report
    on report.payload_id = fact.payload_id and report.is_current;


create table mart.commune_daily_by_section (
    campaign_id text not null,
    report_date date not null,
    commune_code text not null,
    province_code text not null,
    section text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, commune_code, section)
);

create table mart.district_daily_by_section (
    campaign_id text not null,
    report_date date not null,
    district_code text not null,
    province_code text not null,
    section text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, district_code, section)
);

create table mart.province_daily_by_section (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    section text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code, section)
);

create table mart.national_daily_by_section (
    campaign_id text not null,
    report_date date not null,
    section text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, section)
);

create table mart.commune_daily_by_citizen_group (
    campaign_id text not null,
    report_date date not null,
    commune_code text not null,
    province_code text not null,
    citizen_group text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, commune_code, citizen_group)
);

create table mart.district_daily_by_citizen_group (
    campaign_id text not null,
    report_date date not null,
    district_code text not null,
    province_code text not null,
    citizen_group text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, district_code, citizen_group)
);

create table mart.province_daily_by_citizen_group (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    citizen_group text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code, citizen_group)
);

create table mart.national_daily_by_citizen_group (
    campaign_id text not null,
    report_date date not null,
    citizen_group text not null,
    eligible bigint not null,
    participated bigint not null,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, citizen_group)
);

grant select on core.current_commune_report to vneid_loader;
grant select, insert, update, delete on all tables in schema mart to vneid_loader;
grant select on all tables in schema mart to bi_reader;
