-- Sign-off: a campaign-day is published provisional; Cục C06's approval makes its figures official.
-- Requests and answers are kept in dq, the figures of every approval in mart.official_*, and the
-- schema `official` shows only approved figures, to the role official_reader.

alter table mart.national_daily
    add column figures_status text not null default 'provisional'
        check (figures_status in ('provisional', 'official')),
    add column approved_by text,
    add column approved_at timestamptz,
    add column fingerprint text;

alter table mart.province_daily
    add column figures_status text not null default 'provisional'
        check (figures_status in ('provisional', 'official')),
    add column approved_by text,
    add column approved_at timestamptz;

comment on column mart.national_daily.figures_status is
    'provisional (Số liệu tạm tính) until Cục C06 approves these figures, then official (Số liệu chính thức). A later publication whose figures differ is provisional again.';
comment on column mart.national_daily.approved_by is 'The Airflow user who approved these figures; null while provisional.';
comment on column mart.national_daily.approved_at is 'When these figures were approved; null while provisional.';
comment on column mart.national_daily.fingerprint is
    'SHA-256 of the day''s national and province figures (not of publication times): a review request names it, and an answer counts only while the publication still has it.';
comment on column mart.province_daily.figures_status is 'The status of the day''s figures, as in mart.national_daily.';
comment on column mart.province_daily.approved_by is 'As in mart.national_daily.';
comment on column mart.province_daily.approved_at is 'As in mart.national_daily.';

create table dq.sign_off_request (
    request_id bigint generated always as identity primary key,
    campaign_id text not null references core.campaign,
    report_date date not null,
    fingerprint text not null,
    requested_at timestamptz not null default now(),
    expires_at timestamptz,
    reviewers text[] not null,
    dag_run_id text,
    shown jsonb not null
);
create index sign_off_request_by_day on dq.sign_off_request (campaign_id, report_date, fingerprint);

create table dq.sign_off_answer (
    request_id bigint primary key references dq.sign_off_request,
    decision text not null check (decision in ('approved', 'rejected', 'unanswered')),
    answered_by text,
    answered_at timestamptz not null,
    reason text,
    outcome text not null check (outcome in ('applied', 'stale', 'expired')),
    outcome_detail text,
    recorded_at timestamptz not null default now()
);

create table mart.official_national_daily (
    approval_id bigint primary key references dq.sign_off_request,
    campaign_id text not null,
    report_date date not null,
    approved_by text not null,
    approved_at timestamptz not null,
    fingerprint text not null,
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
    provinces_on_time integer,
    provinces_late integer,
    provinces_quarantined integer,
    provinces_missing integer,
    is_complete boolean,
    published_at timestamptz not null
);
create index official_national_daily_by_day on mart.official_national_daily (campaign_id, report_date, approved_at);

create table mart.official_province_daily (
    approval_id bigint not null references mart.official_national_daily,
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    province_name text not null,
    region_code text,
    region_name text,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    rank_change integer,
    target_gap numeric,
    report_status text not null,
    is_late boolean,
    primary key (approval_id, province_code)
);

create table dq.official_reopen (
    reopen_id bigint generated always as identity primary key,
    campaign_id text not null,
    report_date date not null,
    approval_id bigint not null references mart.official_national_daily,
    reopened_at timestamptz not null default now(),
    official_fingerprint text not null,
    new_fingerprint text not null,
    national_change jsonb not null,
    province_changes jsonb not null
);

comment on table dq.sign_off_request is
    'One review request per publication put before Cục C06 (vneid_sign_off, or make run APPROVE=<name>): the figures'' fingerprint and what the request showed.';
comment on table dq.sign_off_answer is
    'The answer to a request: approved, rejected (with the reviewer''s reason) or unanswered by its deadline; outcome stale when a newer publication had superseded the figures it was shown, which then changes nothing.';
comment on table dq.official_reopen is
    'An official day whose figures a later publication changed: it went back to provisional; the figures before and after, national and by province.';

comment on table mart.official_national_daily is
    'The national figures of every approval (history): one row per approval; the last one per day is in official.national_daily.';
comment on column mart.official_national_daily.approval_id is 'The request (dq.sign_off_request) whose approval made these figures official.';
comment on column mart.official_national_daily.approved_by is 'The Airflow user who approved.';
comment on column mart.official_national_daily.approved_at is 'When they approved.';
comment on column mart.official_national_daily.fingerprint is 'The fingerprint of the approved figures (mart.national_daily.fingerprint).';
comment on table mart.official_province_daily is
    'The province figures of every approval (history), keyed by approval_id as in mart.official_national_daily.';
comment on column mart.official_province_daily.approval_id is 'The approval, as in mart.official_national_daily.';

create schema official;
comment on schema official is 'Official figures only: the last approved figures of each campaign-day. Readable by official_reader.';

create view official.national_daily as
select distinct on (campaign_id, report_date)
    campaign_id, report_date, eligible, participated, participated_new, agreed, participation_rate,
    agree_rate, target_rate, target_gap, provinces_reported, provinces_expected, provinces_on_time,
    provinces_late, provinces_quarantined, provinces_missing, is_complete, approved_by, approved_at, approval_id
from mart.official_national_daily
order by campaign_id, report_date, approved_at desc, approval_id desc;

create view official.province_daily as
select
    province.campaign_id, province.report_date, province.province_code, province.province_name,
    province.region_code, province.region_name, province.eligible, province.participated,
    province.participated_new, province.agreed, province.participation_rate, province.agree_rate,
    province.national_rank, province.rank_change, province.target_gap, province.report_status,
    province.is_late, national.approved_by, national.approved_at, national.approval_id
from official.national_daily as national
inner join mart.official_province_daily as province on province.approval_id = national.approval_id;

comment on view official.national_daily is
    'The last approved national figures of each campaign-day (Số liệu chính thức); a day never approved is absent.';
comment on view official.province_daily is
    'The province figures of the last approval of each campaign-day.';

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'official_reader') then
        create role official_reader nologin;
    end if;
end;
$$;

grant usage on schema official to official_reader, bi_reader;
grant select on all tables in schema official to official_reader, bi_reader;
grant select on mart.official_national_daily, mart.official_province_daily to bi_reader;
grant select, insert, update on dq.sign_off_request, dq.sign_off_answer, dq.official_reopen to vneid_loader;
grant select, insert, update, delete on mart.official_national_daily, mart.official_province_daily to vneid_loader;
grant usage on schema official to vneid_loader;

-- The snapshot columns mean what they mean in the marts they copy: take those comments.
do $$
declare
    pair record;
begin
    for pair in
        select copies.copy_schema, copies.copy_table, copy.attname, col_description(source.attrelid, source.attnum) as note
        from (values ('mart', 'official_national_daily', 'mart.national_daily'),
                     ('mart', 'official_province_daily', 'mart.province_daily'),
                     ('official', 'national_daily', 'mart.national_daily'),
                     ('official', 'province_daily', 'mart.province_daily')) as copies (copy_schema, copy_table, source_relation)
        inner join pg_attribute as copy
            on copy.attrelid = to_regclass(quote_ident(copies.copy_schema) || '.' || quote_ident(copies.copy_table))
            and copy.attnum > 0 and not copy.attisdropped
        inner join pg_attribute as source
            on source.attrelid = copies.source_relation::regclass and source.attname = copy.attname
        where col_description(copy.attrelid, copy.attnum) is null
            and col_description(source.attrelid, source.attnum) is not null
    loop
        execute format('comment on column %I.%I.%I is %L', pair.copy_schema, pair.copy_table, pair.attname, pair.note);
    end loop;
end;
$$;

comment on column official.national_daily.approval_id is 'The approval whose figures these are (mart.official_national_daily).';
comment on column official.province_daily.approval_id is 'The approval whose figures these are (mart.official_national_daily).';
