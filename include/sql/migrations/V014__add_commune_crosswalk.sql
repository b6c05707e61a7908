-- The commune crosswalk of the 2025 reform and an older campaign's commune results restated in
-- the communes of the latest version. A former commune may have been split between several
-- current ones, or only part of it merged: its figures are never apportioned by guesswork. A
-- restated row is exact only when every former commune in it went whole into this one commune.

create table core.commune_crosswalk (
    from_version_id text not null references core.admin_version,
    from_commune_code text not null check (from_commune_code ~ '^[0-9]{5}$'),
    from_province_code text not null,
    to_version_id text not null references core.admin_version,
    to_commune_code text not null check (to_commune_code ~ '^[0-9]{5}$'),
    to_province_code text not null,
    -- null: the source table lists the pair in one direction only, so wholeness is unknown
    from_whole boolean,
    to_whole boolean,
    primary key (from_version_id, from_commune_code, to_version_id, to_commune_code),
    check (from_version_id <> to_version_id)
);
create index commune_crosswalk_to_idx on core.commune_crosswalk (from_version_id, to_version_id, to_commune_code);

create table mart.commune_daily_current_units (
    campaign_id text not null,
    report_date date not null,
    current_version_id text not null,
    commune_code text not null,
    commune_name text not null,
    province_code text not null,
    restatement text not null check (restatement in ('exact', 'not_exact', 'no_pre_reform_commune')),
    is_exact boolean not null,
    former_commune_codes text,
    former_communes_expected integer not null,
    former_communes_reported integer not null,
    former_communes_partial integer not null,
    is_complete boolean not null,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    eligible_from_partial_parents bigint,
    partial_parent_share numeric,
    target_rate numeric,
    target_gap numeric,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, commune_code)
);

grant select, insert, update, delete on core.commune_crosswalk, mart.commune_daily_current_units to vneid_loader;
grant select on mart.commune_daily_current_units to bi_reader;

comment on table core.commune_crosswalk is
    'Which former commune became (part of) which commune of a later version: the official conversion table of the 2025 reform (Bảng chuyển đổi ĐVHC mới - cũ), loaded from include/reference/crosswalks/commune_*.csv and replaced whole at every reference load. One row per (former, current) pair.';
comment on column core.commune_crosswalk.from_whole is
    'True when the former commune went whole into the current units (not partly merged), as the old-to-new direction of the table says; null when that direction does not list the pair.';
comment on column core.commune_crosswalk.to_whole is
    'True when the current commune lists this former commune as taken whole, as the new-to-old direction of the table says; null when that direction does not list the pair.';

comment on table mart.commune_daily_current_units is
    'Commune figures of a campaign held in an older administrative version, restated in the communes of the latest version (Số liệu quy đổi theo xã, phường hiện hành), e.g. hien-phap-2025 (10,051 communes) in the 3,321 communes of vn-2025-07. Built from mart.commune_daily through core.commune_crosswalk, without apportioning. Key (campaign_id, report_date, commune_code); every commune of the latest version has a row. Only rows with is_exact carry exact sums; sum exact rows only, never all rows (a split former commune counts in full in each current commune it went into).';
comment on column mart.commune_daily_current_units.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân) being restated; part of the key.';
comment on column mart.commune_daily_current_units.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.commune_daily_current_units.current_version_id is
    'The latest administrative version (Phiên bản đơn vị hành chính hiện hành), today vn-2025-07.';
comment on column mart.commune_daily_current_units.commune_code is
    'Current commune code (Mã xã hiện hành) in current_version_id, 5 digits; part of the key.';
comment on column mart.commune_daily_current_units.commune_name is
    'Current commune name (Tên xã hiện hành), Unicode NFC.';
comment on column mart.commune_daily_current_units.province_code is
    'Current province of the commune (Mã tỉnh hiện hành), 2 digits.';
comment on column mart.commune_daily_current_units.restatement is
    'How the row was restated (Cách quy đổi): exact (every former commune went whole into this commune alone, in both directions of the table), not_exact (at least one former commune was split or only partly merged), no_pre_reform_commune (a unit created in 2025 with no former commune, e.g. the special zone Hoàng Sa: no figures).';
comment on column mart.commune_daily_current_units.is_exact is
    'True when restatement = exact (Quy đổi chính xác): the sums are the exact figures of this commune''s territory.';
comment on column mart.commune_daily_current_units.former_commune_codes is
    'Former communes that contributed to it (Mã các xã cũ), comma-separated in code order; null for no_pre_reform_commune.';
comment on column mart.commune_daily_current_units.former_communes_expected is
    'How many former communes contributed to it (Số xã cũ).';
comment on column mart.commune_daily_current_units.former_communes_reported is
    'How many of those have a figure that day in mart.commune_daily (Số xã cũ có số liệu).';
comment on column mart.commune_daily_current_units.former_communes_partial is
    'How many of those were split between several current communes or marked partly merged in either direction (Số xã cũ bị chia tách hoặc sáp nhập một phần).';
comment on column mart.commune_daily_current_units.is_complete is
    'True when every former commune has a figure that day (Đủ số xã cũ có số liệu); false for no_pre_reform_commune. An incomplete row sums fewer former communes than it stands for.';
comment on column mart.commune_daily_current_units.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons: sum over the former communes with a figure, each counted in full; exact only when is_exact; null when none has a figure.';
comment on column mart.commune_daily_current_units.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, summed as eligible.';
comment on column mart.commune_daily_current_units.participated_new is
    'New participants since the previous accepted day (Số người tham gia mới), summed as eligible; null when any former commune with a figure has none.';
comment on column mart.commune_daily_current_units.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), summed as eligible; null when any former commune with a figure has no agreed figure (unknown).';
comment on column mart.commune_daily_current_units.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible of the sums, exact numeric fraction in [0,1]; null when eligible is 0 or null. For a row that is not exact it is the rate of all its former communes together, not of this commune.';
comment on column mart.commune_daily_current_units.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated of the sums; null when participated is 0 or agreed is null.';
comment on column mart.commune_daily_current_units.eligible_from_partial_parents is
    'Part of eligible that comes from former communes that were split or partly merged (Số tài khoản mức 2 thuộc xã cũ bị chia tách), persons; 0 for an exact row; null when eligible is null.';
comment on column mart.commune_daily_current_units.partial_parent_share is
    'eligible_from_partial_parents / eligible (Tỷ trọng từ xã cũ bị chia tách), fraction in [0,1]: how much of the row rests on figures not wholly this commune''s; null when eligible is 0 or null.';
comment on column mart.commune_daily_current_units.target_rate is
    'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not restated.';
comment on column mart.commune_daily_current_units.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, for exact rows only (null otherwise): positive = below target.';
comment on column mart.commune_daily_current_units.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';
