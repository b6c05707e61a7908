-- Regional groupings of provinces (socio-economic regions) as data, each bound to one administrative
-- version, and the campaign figures summed by region. A region code means something only within
-- its grouping: two groupings are never compared, so the key always carries grouping_id.

create table core.region_grouping (
    grouping_id text primary key,
    version_id text not null references core.admin_version,
    title text not null,
    basis text not null,
    status text not null check (status in ('official', 'draft')),
    is_primary boolean not null
);

-- At most one grouping of a version names the region shown beside each province in the province marts.
create unique index region_grouping_one_primary_per_version on core.region_grouping (version_id) where is_primary;

create table core.region (
    grouping_id text not null references core.region_grouping,
    region_code text not null,
    region_name text not null,
    primary key (grouping_id, region_code)
);

create table core.region_province (
    grouping_id text not null,
    version_id text not null,
    province_code text not null,
    region_code text not null,
    primary key (grouping_id, province_code),
    -- No foreign key to core.admin_unit: the reference load may rewrite a version's units before
    -- the groupings, and validates every membership province against its version itself.
    foreign key (grouping_id, region_code) references core.region
);

create view core.primary_region as
select
    grouping.version_id,
    member.province_code,
    grouping.grouping_id,
    member.region_code,
    region.region_name
from core.region_grouping as grouping
inner join core.region_province as member on member.grouping_id = grouping.grouping_id
inner join core.region as region
    on region.grouping_id = member.grouping_id and region.region_code = member.region_code
where grouping.is_primary;

create table mart.region_daily (
    campaign_id text not null,
    report_date date not null,
    grouping_id text not null,
    region_code text not null,
    region_name text not null,
    grouping_status text not null,
    version_id text not null,
    is_restated boolean not null,
    provinces_expected integer not null,
    provinces_reported integer not null,
    provinces_on_time integer not null,
    provinces_late integer not null,
    provinces_quarantined integer not null,
    provinces_missing integer not null,
    is_complete boolean not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    region_rank integer,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, grouping_id, region_code)
);

alter table mart.province_daily
    add column region_grouping_id text,
    add column region_code text,
    add column region_name text;

alter table mart.province_daily_current_units
    add column region_grouping_id text,
    add column region_code text,
    add column region_name text;

grant select, insert, update, delete on core.region_grouping, core.region, core.region_province, mart.region_daily
    to vneid_loader;
grant select on core.primary_region to vneid_loader;
grant select on mart.region_daily to bi_reader;

-- Data dictionary (as in V008) ------------------------------------------------------------------

comment on table mart.region_daily is
    'Region figures per campaign, report day and regional grouping (Vùng kinh tế - xã hội theo ngày), summed over the accepted provinces of each region. Key (campaign_id, report_date, grouping_id, region_code). A campaign has rows for every grouping of its own administrative version and, when it is restated in current units (mart.province_daily_current_units), for every grouping of the latest version too (is_restated). Never compare regions of different groupings: a region code means something only within its grouping.';
comment on column mart.region_daily.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.region_daily.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.region_daily.grouping_id is
    'Regional grouping (Cách phân vùng), e.g. vung-kt-xh-2023 (Nghị quyết 81/2023/QH15, 63 provinces) or vung-kt-xh-2025 (draft, 34 provinces); part of the key.';
comment on column mart.region_daily.region_code is
    'Region code (Mã vùng) within the grouping, e.g. DBSH; part of the key. The same code in two groupings is two different regions.';
comment on column mart.region_daily.region_name is
    'Region name (Tên vùng), Unicode NFC, e.g. Đồng bằng sông Hồng.';
comment on column mart.region_daily.grouping_status is
    'Status of the grouping (Tình trạng văn bản): official (adopted text) or draft (proposed, not verified as adopted): label draft figures as such.';
comment on column mart.region_daily.version_id is
    'Administrative version the grouping is drawn over (Phiên bản đơn vị hành chính), e.g. vn-2025-01 or vn-2025-07.';
comment on column mart.region_daily.is_restated is
    'True when the row sums the campaign restated in the latest version''s provinces (mart.province_daily_current_units), false when it sums mart.province_daily in the campaign''s own version.';
comment on column mart.region_daily.provinces_expected is
    'Provinces of the campaign''s own version that make up the region (Số tỉnh phải báo cáo); for a restated row, the former provinces that formed its current provinces (whole-unit crosswalk).';
comment on column mart.region_daily.provinces_reported is
    'Of those, provinces with report_status = ''accepted'' (Số tỉnh đã báo cáo); the figures are summed over these only.';
comment on column mart.region_daily.provinces_on_time is
    'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn).';
comment on column mart.region_daily.provinces_late is
    'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';
comment on column mart.region_daily.provinces_quarantined is
    'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly).';
comment on column mart.region_daily.provinces_missing is
    'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo).';
comment on column mart.region_daily.is_complete is
    'True when every province of the region is accepted (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo); an incomplete region sums fewer provinces than it stands for.';
comment on column mart.region_daily.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the accepted provinces of the region; null when none is accepted.';
comment on column mart.region_daily.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the accepted provinces of the region; null when none is accepted.';
comment on column mart.region_daily.participated_new is
    'New participants (Số người tham gia mới): sum of the non-null participated_new of the accepted provinces; null when all are null. Can be negative.';
comment on column mart.region_daily.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every accepted province has agreed, otherwise null (unknown).';
comment on column mart.region_daily.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or null.';
comment on column mart.region_daily.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.region_daily.target_rate is
    'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not summed into regions.';
comment on column mart.region_daily.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';
comment on column mart.region_daily.region_rank is
    'Rank among the regions of the same grouping that day (Xếp hạng vùng): 1, 2, 3 ... by participation_rate descending, ties broken by region_code ascending; null when participation_rate is null.';
comment on column mart.region_daily.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on column mart.province_daily.region_grouping_id is
    'Primary regional grouping of the campaign''s version (Cách phân vùng), whose region is shown here; null when the version has none.';
comment on column mart.province_daily.region_code is
    'Region of the province in that grouping (Mã vùng); see mart.region_daily.';
comment on column mart.province_daily.region_name is
    'Region name (Tên vùng), Unicode NFC.';
comment on column mart.province_daily_current_units.region_grouping_id is
    'Primary regional grouping of the latest version (Cách phân vùng), whose region is shown here; null when that version has none.';
comment on column mart.province_daily_current_units.region_code is
    'Region of the current province in that grouping (Mã vùng); see mart.region_daily.';
comment on column mart.province_daily_current_units.region_name is
    'Region name (Tên vùng), Unicode NFC.';
