-- Reference changes are never silent: every administrative unit a reference load adds, changes
-- or removes is logged with its before and after values, what was done about it and who reviewed
-- it; and "the latest administrative version" is defined once, so that it cannot depend on the
-- order rows happen to be read in.

create table dq.reference_change (
    change_id bigint generated always as identity primary key,
    reference_checksum text not null,
    version_id text not null,
    unit_code text not null,
    change text not null check (change in ('added', 'changed', 'removed')),
    action text not null check (action in ('applied', 'renamed', 'recoded')),
    old_level text,
    old_name text,
    old_division_type text,
    old_parent_code text,
    old_province_code text,
    new_level text,
    new_name text,
    new_division_type text,
    new_parent_code text,
    new_province_code text,
    new_unit_code text,
    facts_moved bigint,
    reviewed_by text,
    reviewed_on date,
    reason text,
    logged_at timestamptz not null default now(),
    check ((change = 'added') = (old_name is null)),
    check ((change = 'removed') = (new_name is null)),
    check ((action = 'recoded') = (new_unit_code is not null)),
    check ((action = 'applied') = (reviewed_by is null))
);
create index reference_change_unit_idx on dq.reference_change (version_id, unit_code);

-- An append-only log: the default privileges of V002 would also let the loader rewrite it.
revoke update, delete, truncate on dq.reference_change from vneid_loader;
grant select, insert on dq.reference_change to vneid_loader;

-- Two versions starting on the same day would make "the latest" a coin toss; the reference load
-- refuses them with a clear message first, this is the guarantee.
alter table core.admin_version add constraint admin_version_valid_from_key unique (valid_from);

create view core.latest_admin_version as
select version_id, valid_from, valid_to
from core.admin_version
where valid_from <= current_date and (valid_to is null or valid_to >= current_date)
order by valid_from desc
limit 1;

grant select on core.latest_admin_version to vneid_loader;

comment on view core.latest_admin_version is
    'The latest administrative version (Phiên bản đơn vị hành chính mới nhất): of the versions in force today (valid_from <= current_date and valid_to null or >= current_date), the one with the greatest valid_from; valid_from is unique, so at most one row. Older campaigns are restated in it.';
comment on column core.latest_admin_version.version_id is 'Administrative version id, e.g. vn-2025-07.';
comment on column core.latest_admin_version.valid_from is 'First day the version is in force.';
comment on column core.latest_admin_version.valid_to is 'Last day the version is in force; null = still in force.';

comment on table dq.reference_change is
    'Every administrative unit a reference load added, changed or removed (Nhật ký thay đổi danh mục đơn vị hành chính), with before/after values, the action taken and, for units with accepted facts, the reviewed recode-file entry that allowed it. Key change_id. Append-only; an unchanged reload adds nothing.';
comment on column dq.reference_change.change_id is 'Sequence number of the logged change; key.';
comment on column dq.reference_change.reference_checksum is
    'Checksum of the reference files of the load that made the change (core.reference_load.checksum).';
comment on column dq.reference_change.version_id is 'Administrative version of the unit (Phiên bản), e.g. vn-2025-07.';
comment on column dq.reference_change.unit_code is 'Unit code (Mã đơn vị) as stored before the load (as incoming for an added unit).';
comment on column dq.reference_change.change is
    'What the files did to the unit: added (new code), changed (name, division_type, level, parent_code or province_code differ) or removed (code no longer in the list).';
comment on column dq.reference_change.action is
    'What the load did: applied (unit without accepted facts, or added: taken as in the files), renamed (unit with accepted facts, same unit, new attributes accepted after review; facts stay) or recoded (its accepted facts moved to new_unit_code after review).';
comment on column dq.reference_change.old_level is 'Level before the load: province, district or commune; null when added.';
comment on column dq.reference_change.old_name is 'Name before the load (Tên cũ), NFC; null when added.';
comment on column dq.reference_change.old_division_type is 'Division type before the load (e.g. xã, phường); null when added.';
comment on column dq.reference_change.old_parent_code is 'Parent unit code before the load; null when added or a province.';
comment on column dq.reference_change.old_province_code is 'Province code before the load; null when added.';
comment on column dq.reference_change.new_level is 'Level after the load; null when removed.';
comment on column dq.reference_change.new_name is 'Name after the load (Tên mới), NFC; null when removed.';
comment on column dq.reference_change.new_division_type is 'Division type after the load; null when removed.';
comment on column dq.reference_change.new_parent_code is 'Parent unit code after the load; null when removed or a province.';
comment on column dq.reference_change.new_province_code is 'Province code after the load; null when removed.';
comment on column dq.reference_change.new_unit_code is 'For action = recoded: the commune code the accepted facts were moved to; null otherwise.';
comment on column dq.reference_change.facts_moved is 'For action = recoded: rows of core.commune_report moved to new_unit_code; null otherwise.';
comment on column dq.reference_change.reviewed_by is 'Reviewer named in the recode file (Người rà soát); null for action = applied.';
comment on column dq.reference_change.reviewed_on is 'Review date named in the recode file; null for action = applied.';
comment on column dq.reference_change.reason is 'Reason given in the recode file (Lý do); null for action = applied.';
comment on column dq.reference_change.logged_at is 'When the load that made the change ran (Thời điểm ghi nhận), timestamptz.';
