-- Findings that explain odd reports without necessarily rejecting them, and completeness
-- figures on the national mart.

create table dq.reconciliation (
    payload_id bigint not null references raw.report_payload,
    column_name text not null,
    declared bigint not null,
    rows_sum bigint not null,
    difference bigint not null,
    tolerance numeric not null,
    within_tolerance boolean not null,
    primary key (payload_id, column_name)
);

create table dq.regression (
    payload_id bigint not null references raw.report_payload,
    commune_code text not null,
    section text not null,
    citizen_group text not null,
    previous_report_date date not null,
    previous_participated bigint not null,
    participated bigint not null,
    drop_share numeric not null,
    severity text not null check (severity in ('warning', 'quarantine')),
    primary key (payload_id, commune_code, section, citizen_group)
);

create table dq.outlier (
    payload_id bigint not null references raw.report_payload,
    commune_code text not null,
    previous_report_date date not null,
    increment bigint not null,
    increment_rate numeric not null,
    modified_z numeric not null,
    threshold numeric not null,
    primary key (payload_id, commune_code)
);

alter table mart.province_daily
    add column communes_regressed integer,
    add column communes_outlying integer;

alter table mart.national_daily
    add column provinces_on_time integer,
    add column provinces_late integer,
    add column provinces_quarantined integer,
    add column provinces_missing integer,
    add column is_complete boolean;

grant select, insert, update, delete on dq.reconciliation, dq.regression, dq.outlier to vneid_loader;
