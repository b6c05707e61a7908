-- Data dictionary in the catalogue: a comment on every mart table and column, and on the dq
-- tables and views an analyst queries, so that BI tools (Superset, Metabase, psql \d+) show what
-- each figure means. docs/contracts.md (section 9) is the reference for the meanings; rates are
-- exact numeric fractions, never floats. Comments only: no data or grant changes.

-- mart.national_daily ------------------------------------------------------------------------

comment on table mart.national_daily is
    'Nation-wide figures per campaign and report day (Toàn quốc theo ngày), summed over the provinces with report_status = ''accepted'' only. Key (campaign_id, report_date). National figures fall when a province is missing or quarantined: check is_complete before comparing two days. Replaced a whole campaign-day at a time by the publish DAG in one transaction.';
comment on column mart.national_daily.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân), e.g. hien-phap-2025; part of the key.';
comment on column mart.national_daily.report_date is
    'Report day (Ngày báo cáo): calendar day in Asia/Ho_Chi_Minh the cumulative figures describe; part of the key.';
comment on column mart.national_daily.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over accepted provinces; null when no province is accepted.';
comment on column mart.national_daily.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative since the campaign opened; sum over accepted provinces; null when no province is accepted.';
comment on column mart.national_daily.participated_new is
    'Change in participated since the previous accepted day (Số người tham gia mới), persons: sum of the non-null participated_new of the accepted provinces; null when all are null (e.g. first day). Can be negative when a figure fell.';
comment on column mart.national_daily.agreed is
    'Participants who chose Tán thành for the draft as a whole (Số công dân tán thành), persons, cumulative; sum over accepted provinces only when every accepted province has agreed, otherwise null (unknown).';
comment on column mart.national_daily.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1] (not rounded, not a percentage); null when eligible is 0 or null.';
comment on column mart.national_daily.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.national_daily.target_rate is
    'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the campaign, fraction in [0,1] (core.campaign.target_rate, e.g. 0.90).';
comment on column mart.national_daily.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, exact fraction: positive = still below target, negative = above it; null when participation_rate is null.';
comment on column mart.national_daily.provinces_reported is
    'Number of provinces with report_status = ''accepted'' that day (Số tỉnh đã báo cáo); the figures are summed over these only.';
comment on column mart.national_daily.provinces_expected is
    'Number of provinces in the campaign''s administrative version (Số tỉnh phải báo cáo): 63 for vn-2025-01, 34 for vn-2025-07.';
comment on column mart.national_daily.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz; the same for every mart row of one publication.';
comment on column mart.national_daily.provinces_on_time is
    'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn, by 15:00 +07:00 on the report day).';
comment on column mart.national_daily.provinces_late is
    'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';
comment on column mart.national_daily.provinces_quarantined is
    'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly): no accepted revision, at least one rejected.';
comment on column mart.national_daily.provinces_missing is
    'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo): nothing received for the day.';
comment on column mart.national_daily.is_complete is
    'True when every expected province is accepted, late or not (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo).';

-- mart.province_daily ------------------------------------------------------------------------

comment on table mart.province_daily is
    'Province figures per campaign and report day (Tỉnh/thành phố theo ngày), with national ranking and target. Key (campaign_id, report_date, province_code). One row for every province of the campaign''s administrative version; a province that is not accepted has null figures, rates and rank.';
comment on column mart.province_daily.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.province_daily.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.province_daily.province_code is
    'Province code (Mã tỉnh), 2 digits as text with leading zero (e.g. 01), in the campaign''s administrative version; part of the key.';
comment on column mart.province_daily.province_name is
    'Province name (Tên tỉnh/thành phố) in the campaign''s administrative version, Unicode NFC.';
comment on column mart.province_daily.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the commune-total rows of the current accepted revision; null when the province is not accepted.';
comment on column mart.province_daily.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the commune totals of the current revision; null when not accepted.';
comment on column mart.province_daily.participated_new is
    'New participants (Số người tham gia mới) = participated today minus participated on the province''s previous accepted day (latest earlier report date with an accepted revision, not necessarily yesterday); null when there is none or the province is not accepted. Negative when the figure fell.';
comment on column mart.province_daily.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), persons, cumulative; sum over the communes only when every commune reported agreed, otherwise null (unknown); null when not accepted.';
comment on column mart.province_daily.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or the province has no accepted report.';
comment on column mart.province_daily.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.province_daily.national_rank is
    'National rank (Xếp hạng toàn quốc): 1, 2, 3 ... over the provinces with an accepted report and a non-null participation_rate that day, by participation_rate descending, ties broken by province_code ascending; null for the others.';
comment on column mart.province_daily.rank_change is
    'Rank change (Thay đổi thứ hạng) = national_rank on the previous calendar day minus national_rank today, yesterday ranked the same way from its current revisions (later corrections included). Positive = moved up. Null on the campaign''s first day and whenever the province is unranked on either day.';
comment on column mart.province_daily.target_rate is
    'Target participation rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]: the province''s row of core.campaign_target if any, else the campaign''s target_rate.';
comment on column mart.province_daily.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = still below target, negative = above; null when participation_rate is null.';
comment on column mart.province_daily.communes_reported is
    'Commune-total rows in the current accepted revision (Số xã đã báo cáo); 0 when the province is not accepted.';
comment on column mart.province_daily.communes_expected is
    'Communes of the province in the administrative version (Số xã phải báo cáo).';
comment on column mart.province_daily.report_status is
    'Report status (Trạng thái báo cáo), as in mart.report_status.status: accepted, quarantined or missing.';
comment on column mart.province_daily.is_late is
    'Late (Trễ hạn): the published revision''s own timestamp (generated_at, or file modification time) is after 15:00 +07:00 on the report day; as in mart.report_status; null when missing.';
comment on column mart.province_daily.revision is
    'Revision number (Lần gửi) of the accepted revision, else of the latest quarantined one; null when missing.';
comment on column mart.province_daily.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz; the same for every mart of one publication.';
comment on column mart.province_daily.communes_regressed is
    'Communes with at least one row in dq.regression for the current revision (Số xã có số liệu lũy kế giảm): warnings only, since a quarantining fall keeps a revision out; null when not accepted.';
comment on column mart.province_daily.communes_outlying is
    'Communes flagged in dq.outlier for the current revision (Số xã có mức tăng bất thường), modified z-score of the increment rate beyond the threshold; null when not accepted.';

-- mart.district_daily ------------------------------------------------------------------------

comment on table mart.district_daily is
    'District figures per campaign and report day (Huyện/quận theo ngày), summed from mart.commune_daily. Key (campaign_id, report_date, district_code). Only for administrative versions with districts (vn-2025-01), empty otherwise; one row per district with at least one reported commune; no rank.';
comment on column mart.district_daily.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.district_daily.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.district_daily.district_code is
    'District code (Mã huyện), 3 digits as text with leading zeros; part of the key.';
comment on column mart.district_daily.district_name is
    'District name (Tên huyện/quận/thị xã/thành phố thuộc tỉnh) in the administrative version, Unicode NFC.';
comment on column mart.district_daily.province_code is
    'Province code (Mã tỉnh) of the district, 2 digits.';
comment on column mart.district_daily.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the district''s rows in mart.commune_daily.';
comment on column mart.district_daily.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the district''s communes.';
comment on column mart.district_daily.participated_new is
    'New participants (Số người tham gia mới): sum of the non-null participated_new of the district''s communes; null when all are null. Can be negative.';
comment on column mart.district_daily.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every reported commune has agreed, otherwise null (unknown).';
comment on column mart.district_daily.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.district_daily.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.district_daily.target_rate is
    'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the district''s province (core.campaign_target, else the campaign''s target_rate), fraction in [0,1].';
comment on column mart.district_daily.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';
comment on column mart.district_daily.communes_reported is
    'Communes of the district with a row in mart.commune_daily that day (Số xã đã báo cáo).';
comment on column mart.district_daily.communes_expected is
    'Communes of the district in the administrative version (Số xã phải báo cáo).';
comment on column mart.district_daily.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- mart.commune_daily -------------------------------------------------------------------------

comment on table mart.commune_daily is
    'Commune figures per campaign and report day (Xã/phường/thị trấn theo ngày). Key (campaign_id, report_date, commune_code). One row per commune-total row in the current revision of an accepted province; a commune left out of its province''s report, or in a province that is not accepted, has no row.';
comment on column mart.commune_daily.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.commune_daily.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.commune_daily.commune_code is
    'Commune code (Mã xã), 5 digits as text with leading zeros; part of the key.';
comment on column mart.commune_daily.commune_name is
    'Commune name (Tên xã/phường/thị trấn/đặc khu) from the administrative version (the name a province sends is ignored), Unicode NFC.';
comment on column mart.commune_daily.district_code is
    'Parent district code (Mã huyện), 3 digits, in versions with districts; null in versions without districts (vn-2025-07).';
comment on column mart.commune_daily.province_code is
    'Province code (Mã tỉnh), 2 digits.';
comment on column mart.commune_daily.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative, as reported in the commune-total row.';
comment on column mart.commune_daily.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative, as reported.';
comment on column mart.commune_daily.participated_new is
    'New participants (Số người tham gia mới) = participated today minus the commune''s participated on the province''s previous accepted day; null when there is no such day or the commune was not in that report. Negative when the figure fell.';
comment on column mart.commune_daily.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), persons, as reported; null = not reported (unknown), never 0.';
comment on column mart.commune_daily.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.commune_daily.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.commune_daily.rank_in_province is
    'Rank within the province (Xếp hạng trong tỉnh): 1, 2, 3 ... among the communes of the province with a non-null participation_rate, by participation_rate descending, ties broken by commune_code ascending; null when the rate is null.';
comment on column mart.commune_daily.target_rate is
    'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the commune''s province (core.campaign_target, else the campaign''s target_rate), fraction in [0,1].';
comment on column mart.commune_daily.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target, negative = above; null when participation_rate is null.';
comment on column mart.commune_daily.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- mart.report_status -------------------------------------------------------------------------

comment on table mart.report_status is
    'Reporting status of every province per campaign and report day (Tình trạng báo cáo của tỉnh): accepted, quarantined or missing, with lateness and reason. Key (campaign_id, report_date, province_code); one row for every province of the campaign''s administrative version.';
comment on column mart.report_status.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.report_status.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.report_status.province_code is
    'Province code (Mã tỉnh), 2 digits; part of the key.';
comment on column mart.report_status.status is
    'Status (Trạng thái): accepted = the day has a current accepted revision (đã tiếp nhận); quarantined = no accepted revision, at least one rejected (bị cách ly); missing = neither (chưa báo cáo).';
comment on column mart.report_status.is_late is
    'Late (Trễ hạn) of the accepted revision, else of the latest quarantined one: its own timestamp is after 15:00 +07:00 on the report day; null when missing.';
comment on column mart.report_status.revision is
    'Revision number (Lần gửi) of the accepted revision, else of the latest quarantined one; null when missing or unreadable.';
comment on column mart.report_status.received_at is
    'When the pipeline first landed that payload (Thời điểm tiếp nhận), timestamptz; informational, not used for lateness; null when missing.';
comment on column mart.report_status.reason is
    'Reason (Lý do): null when accepted; ''a later revision N was quarantined: ...'' when accepted but a later payload was rejected; the validation reason when quarantined; the ingest attempt detail or ''no report received'' when missing.';
comment on column mart.report_status.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- mart.province_daily_current_units ----------------------------------------------------------

comment on table mart.province_daily_current_units is
    'Province figures of a campaign held in an older administrative version, restated in the provinces of the latest version (Số liệu quy đổi theo đơn vị hành chính hiện hành), e.g. hien-phap-2025 (63 provinces) in the 34 provinces of vn-2025-07, for comparison with van-kien-dai-hoi-xiv. Built from mart.province_daily through whole-unit crosswalk rows. Key (campaign_id, report_date, province_code). No rows for a campaign already in the latest version. Check is_complete before comparing.';
comment on column mart.province_daily_current_units.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân) being restated; part of the key.';
comment on column mart.province_daily_current_units.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.province_daily_current_units.current_version_id is
    'The latest administrative version (Phiên bản đơn vị hành chính hiện hành): greatest valid_from in core.admin_version, today vn-2025-07.';
comment on column mart.province_daily_current_units.province_code is
    'Current province code (Mã tỉnh hiện hành) in current_version_id, 2 digits; part of the key.';
comment on column mart.province_daily_current_units.province_name is
    'Current province name (Tên tỉnh hiện hành) in the latest version, Unicode NFC.';
comment on column mart.province_daily_current_units.former_province_codes is
    'Former provinces that formed it (Mã các tỉnh cũ), comma-separated in code order, e.g. 30,31.';
comment on column mart.province_daily_current_units.former_provinces_expected is
    'How many former provinces map to this current province (Số tỉnh cũ).';
comment on column mart.province_daily_current_units.former_provinces_reported is
    'How many of those former provinces have report_status = ''accepted'' that day (Số tỉnh cũ đã báo cáo).';
comment on column mart.province_daily_current_units.is_complete is
    'True when every former province is accepted (former_provinces_reported = former_provinces_expected) (Đủ số tỉnh cũ báo cáo); an incomplete row sums fewer provinces than it stands for.';
comment on column mart.province_daily_current_units.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the accepted former provinces only; null when none is accepted.';
comment on column mart.province_daily_current_units.participated is
    'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons; sum over the accepted former provinces only; null when none is accepted.';
comment on column mart.province_daily_current_units.participated_new is
    'New participants (Số người tham gia mới): sum of the non-null participated_new of the accepted former provinces; null when all are null.';
comment on column mart.province_daily_current_units.agreed is
    'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every accepted former province has agreed, otherwise null (unknown).';
comment on column mart.province_daily_current_units.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible of the restated sums, exact numeric fraction in [0,1]; null when eligible is 0 or null.';
comment on column mart.province_daily_current_units.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated of the restated sums, exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.province_daily_current_units.national_rank is
    'Rank among the current provinces of this mart (Xếp hạng toàn quốc theo đơn vị hiện hành) with a non-null participation_rate: 1, 2, 3 ... by participation_rate descending, ties broken by province_code ascending; null for the others. No rank_change.';
comment on column mart.province_daily_current_units.target_rate is
    'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not restated.';
comment on column mart.province_daily_current_units.target_gap is
    'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';
comment on column mart.province_daily_current_units.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- Breakdown marts by section of the draft -----------------------------------------------------

comment on table mart.commune_daily_by_section is
    'Commune figures by section of the draft (Theo phần/chương của dự thảo), from the breakdown rows with a section in the current revision of an accepted province, summed over citizen groups when a report crosses both. Key (campaign_id, report_date, commune_code, section). Only communes whose province sent section breakdowns have rows; commune totals are in mart.commune_daily.';
comment on column mart.commune_daily_by_section.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.commune_daily_by_section.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.commune_daily_by_section.commune_code is
    'Commune code (Mã xã), 5 digits; part of the key.';
comment on column mart.commune_daily_by_section.province_code is
    'Province code (Mã tỉnh), 2 digits.';
comment on column mart.commune_daily_by_section.section is
    'Section of the draft (Phần/chương của dự thảo), free text as sent by the province (trimmed, Unicode NFC), never empty; part of the key.';
comment on column mart.commune_daily_by_section.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons, cumulative; sum of the section''s rows.';
comment on column mart.commune_daily_by_section.participated is
    'Residents who gave an opinion on this section through VNeID (Số công dân đã góp ý phần này), persons, cumulative; sum of the section''s rows.';
comment on column mart.commune_daily_by_section.agreed is
    'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every row of the section has agreed, otherwise null (unknown).';
comment on column mart.commune_daily_by_section.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.commune_daily_by_section.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.commune_daily_by_section.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.district_daily_by_section is
    'District figures by section of the draft (Huyện theo phần/chương của dự thảo), summed from mart.commune_daily_by_section. Key (campaign_id, report_date, district_code, section). Only for administrative versions with districts (vn-2025-01), empty otherwise.';
comment on column mart.district_daily_by_section.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.district_daily_by_section.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.district_daily_by_section.district_code is
    'District code (Mã huyện), 3 digits; part of the key.';
comment on column mart.district_daily_by_section.province_code is
    'Province code (Mã tỉnh) of the district, 2 digits.';
comment on column mart.district_daily_by_section.section is
    'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';
comment on column mart.district_daily_by_section.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over the district''s communes.';
comment on column mart.district_daily_by_section.participated is
    'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over the district''s communes.';
comment on column mart.district_daily_by_section.agreed is
    'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.district_daily_by_section.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.district_daily_by_section.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.district_daily_by_section.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.province_daily_by_section is
    'Province figures by section of the draft (Tỉnh theo phần/chương của dự thảo), summed from mart.commune_daily_by_section. Key (campaign_id, report_date, province_code, section). Only accepted provinces that sent section breakdowns have rows.';
comment on column mart.province_daily_by_section.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.province_daily_by_section.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.province_daily_by_section.province_code is
    'Province code (Mã tỉnh), 2 digits; part of the key.';
comment on column mart.province_daily_by_section.section is
    'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';
comment on column mart.province_daily_by_section.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over the province''s communes.';
comment on column mart.province_daily_by_section.participated is
    'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over the province''s communes.';
comment on column mart.province_daily_by_section.agreed is
    'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.province_daily_by_section.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.province_daily_by_section.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.province_daily_by_section.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.national_daily_by_section is
    'Nation-wide figures by section of the draft (Toàn quốc theo phần/chương của dự thảo), summed from mart.commune_daily_by_section over the accepted provinces that sent section breakdowns (not necessarily all provinces: compare with mart.national_daily with care). Key (campaign_id, report_date, section).';
comment on column mart.national_daily_by_section.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.national_daily_by_section.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.national_daily_by_section.section is
    'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';
comment on column mart.national_daily_by_section.eligible is
    'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over all communes with this section.';
comment on column mart.national_daily_by_section.participated is
    'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over all communes with this section.';
comment on column mart.national_daily_by_section.agreed is
    'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.national_daily_by_section.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.national_daily_by_section.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.national_daily_by_section.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- Breakdown marts by citizen group ------------------------------------------------------------

comment on table mart.commune_daily_by_citizen_group is
    'Commune figures by citizen group (Theo nhóm đối tượng, e.g. cán bộ công chức, công nhân khu công nghiệp, học sinh sinh viên, lực lượng vũ trang, người dân khác), from the breakdown rows with a citizen_group and no section in the current revision of an accepted province. Key (campaign_id, report_date, commune_code, citizen_group). Commune totals are in mart.commune_daily.';
comment on column mart.commune_daily_by_citizen_group.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.commune_daily_by_citizen_group.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.commune_daily_by_citizen_group.commune_code is
    'Commune code (Mã xã), 5 digits; part of the key.';
comment on column mart.commune_daily_by_citizen_group.province_code is
    'Province code (Mã tỉnh), 2 digits.';
comment on column mart.commune_daily_by_citizen_group.citizen_group is
    'Citizen group (Nhóm đối tượng), free text as sent by the province (trimmed, Unicode NFC), never empty; part of the key.';
comment on column mart.commune_daily_by_citizen_group.eligible is
    'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative, as reported.';
comment on column mart.commune_daily_by_citizen_group.participated is
    'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative, as reported.';
comment on column mart.commune_daily_by_citizen_group.agreed is
    'Participants of the group who chose Tán thành (Số công dân tán thành), persons; null when not reported (unknown).';
comment on column mart.commune_daily_by_citizen_group.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.commune_daily_by_citizen_group.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.commune_daily_by_citizen_group.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.district_daily_by_citizen_group is
    'District figures by citizen group (Huyện theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group. Key (campaign_id, report_date, district_code, citizen_group). Only for administrative versions with districts (vn-2025-01), empty otherwise.';
comment on column mart.district_daily_by_citizen_group.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.district_daily_by_citizen_group.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.district_daily_by_citizen_group.district_code is
    'District code (Mã huyện), 3 digits; part of the key.';
comment on column mart.district_daily_by_citizen_group.province_code is
    'Province code (Mã tỉnh) of the district, 2 digits.';
comment on column mart.district_daily_by_citizen_group.citizen_group is
    'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';
comment on column mart.district_daily_by_citizen_group.eligible is
    'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the district''s communes.';
comment on column mart.district_daily_by_citizen_group.participated is
    'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the district''s communes.';
comment on column mart.district_daily_by_citizen_group.agreed is
    'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.district_daily_by_citizen_group.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.district_daily_by_citizen_group.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.district_daily_by_citizen_group.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.province_daily_by_citizen_group is
    'Province figures by citizen group (Tỉnh theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group. Key (campaign_id, report_date, province_code, citizen_group). Only accepted provinces that sent citizen-group breakdowns have rows.';
comment on column mart.province_daily_by_citizen_group.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.province_daily_by_citizen_group.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.province_daily_by_citizen_group.province_code is
    'Province code (Mã tỉnh), 2 digits; part of the key.';
comment on column mart.province_daily_by_citizen_group.citizen_group is
    'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';
comment on column mart.province_daily_by_citizen_group.eligible is
    'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the province''s communes.';
comment on column mart.province_daily_by_citizen_group.participated is
    'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the province''s communes.';
comment on column mart.province_daily_by_citizen_group.agreed is
    'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.province_daily_by_citizen_group.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.province_daily_by_citizen_group.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.province_daily_by_citizen_group.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

comment on table mart.national_daily_by_citizen_group is
    'Nation-wide figures by citizen group (Toàn quốc theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group over the accepted provinces that sent citizen-group breakdowns (not necessarily all provinces). Key (campaign_id, report_date, citizen_group).';
comment on column mart.national_daily_by_citizen_group.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.national_daily_by_citizen_group.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column mart.national_daily_by_citizen_group.citizen_group is
    'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';
comment on column mart.national_daily_by_citizen_group.eligible is
    'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over all communes with this group.';
comment on column mart.national_daily_by_citizen_group.participated is
    'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over all communes with this group.';
comment on column mart.national_daily_by_citizen_group.agreed is
    'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';
comment on column mart.national_daily_by_citizen_group.participation_rate is
    'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';
comment on column mart.national_daily_by_citizen_group.agree_rate is
    'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';
comment on column mart.national_daily_by_citizen_group.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';

-- dq: the fate of every payload and the findings behind it (not readable by bi_reader) ---------

comment on table dq.report_revision is
    'Fate of every distinct payload received (Kết quả xử lý từng lần gửi báo cáo): accepted, quarantined or ignored, with the reason. Key payload_id. Never deleted.';
comment on column dq.report_revision.payload_id is
    'Payload id (Mã bản tin), references raw.report_payload; key.';
comment on column dq.report_revision.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân).';
comment on column dq.report_revision.province_code is
    'Province code (Mã tỉnh), 2 digits.';
comment on column dq.report_revision.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh.';
comment on column dq.report_revision.revision is
    'Revision number (Lần gửi) declared by the province (HTTP body or .rN file suffix); null when it could not be read.';
comment on column dq.report_revision.status is
    'Decision (Kết quả): accepted (đã tiếp nhận), quarantined (bị cách ly: a rule was broken) or ignored (valid but its revision is not higher than the one already accepted).';
comment on column dq.report_revision.reason is
    'One-line reason (Lý do): up to three broken rules with their first offending row, or why it was ignored; null if and only if status = ''accepted''. Full list in dq.validation_failure.';
comment on column dq.report_revision.is_late is
    'Late (Trễ hạn): generated_at is after 15:00 +07:00 on the report day; null when the timestamp could not be read.';
comment on column dq.report_revision.generated_at is
    'When the province produced this revision (Thời điểm lập báo cáo): generated_at of the HTTP body or the file modification time; null when unreadable.';
comment on column dq.report_revision.row_count is
    'Number of data rows read from the payload (Số dòng); null when the payload could not be read.';
comment on column dq.report_revision.decided_at is
    'When the pipeline recorded this decision (Thời điểm xử lý), timestamptz.';

comment on table dq.validation_failure is
    'One row per rule violation of a quarantined payload (Lỗi kiểm tra dữ liệu), the same list as the province''s feedback file. Key (payload_id, failure_number).';
comment on column dq.validation_failure.payload_id is
    'Payload id (Mã bản tin), references raw.report_payload; part of the key.';
comment on column dq.validation_failure.failure_number is
    'Sequence number of the violation within the payload, from 1; part of the key.';
comment on column dq.validation_failure.rule is
    'Broken rule (Quy tắc), e.g. participated_le_eligible, cumulative_regression, province_total_reconciles (docs/contracts.md section 6).';
comment on column dq.validation_failure.row_number is
    'Data row number (Dòng), counted from 1 without the header; null for file-level problems.';
comment on column dq.validation_failure.commune_code is
    'Commune code (Mã xã) of the offending row as normalised; null when not applicable.';
comment on column dq.validation_failure.column_name is
    'Column at fault (Cột); null when not applicable.';
comment on column dq.validation_failure.value is
    'Offending value as received (Giá trị), as text; null when absent.';
comment on column dq.validation_failure.message is
    'Explanation of the violation (Mô tả).';

comment on table dq.reconciliation is
    'Comparison of each declared province_total field with the sum of the commune-total rows (Đối chiếu tổng số của tỉnh), HTTP feed only, recorded whatever the fate of the payload. Key (payload_id, column_name).';
comment on column dq.reconciliation.payload_id is
    'Payload id (Mã bản tin), references raw.report_payload; part of the key.';
comment on column dq.reconciliation.column_name is
    'Compared field: eligible, participated or agreed; part of the key.';
comment on column dq.reconciliation.declared is
    'Value declared in province_total (Số tỉnh khai báo), persons.';
comment on column dq.reconciliation.rows_sum is
    'Sum of the same column over the commune-total rows (Tổng các dòng xã), persons.';
comment on column dq.reconciliation.difference is
    'declared - rows_sum (Chênh lệch), persons; positive when the province declared more than its rows add up to.';
comment on column dq.reconciliation.tolerance is
    'Relative tolerance used (VNEID_TOTAL_TOLERANCE): allowed |difference| <= tolerance * max(rows_sum, 1); 0 = exact.';
comment on column dq.reconciliation.within_tolerance is
    'True when |difference| is within the tolerance; false quarantines the payload (rule province_total_reconciles).';

comment on table dq.regression is
    'Rows whose cumulative participated fell compared with the province''s previous accepted day (Số liệu lũy kế giảm), rule cumulative_regression. Key (payload_id, commune_code, section, citizen_group).';
comment on column dq.regression.payload_id is
    'Payload id (Mã bản tin), references raw.report_payload; part of the key.';
comment on column dq.regression.commune_code is
    'Commune code (Mã xã), 5 digits; part of the key.';
comment on column dq.regression.section is
    'Section of the draft (Phần/chương) of the row; empty string for a commune total or a row without section; part of the key.';
comment on column dq.regression.citizen_group is
    'Citizen group (Nhóm đối tượng) of the row; empty string for a commune total or a row without group; part of the key.';
comment on column dq.regression.previous_report_date is
    'The province''s previous accepted day the row was compared with (Ngày báo cáo trước).';
comment on column dq.regression.previous_participated is
    'participated of the same row on previous_report_date, persons.';
comment on column dq.regression.participated is
    'participated in this payload, persons (lower than previous_participated).';
comment on column dq.regression.drop_share is
    'Share of the fall (Tỷ lệ giảm) = (previous_participated - participated) / previous_participated, fraction in (0,1], rounded to 6 decimals.';
comment on column dq.regression.severity is
    'warning (accepted; drop_share <= VNEID_REGRESSION_QUARANTINE_SHARE, default 0.05) or quarantine (the payload was rejected).';

comment on table dq.outlier is
    'Communes whose increment since the previous accepted day is far from the rest of their province (Mức tăng bất thường), by modified z-score; warning only, never quarantines. Key (payload_id, commune_code).';
comment on column dq.outlier.payload_id is
    'Payload id (Mã bản tin), references raw.report_payload; part of the key.';
comment on column dq.outlier.commune_code is
    'Commune code (Mã xã), 5 digits; part of the key.';
comment on column dq.outlier.previous_report_date is
    'The province''s previous accepted day the increment is measured from (Ngày báo cáo trước).';
comment on column dq.outlier.increment is
    'participated - participated on previous_report_date (Mức tăng), persons; can be negative.';
comment on column dq.outlier.increment_rate is
    'increment / eligible (Tỷ lệ tăng), fraction rounded to 8 decimals.';
comment on column dq.outlier.modified_z is
    'Modified z-score = 0.6745 * (increment_rate - median) / MAD over the province''s communes that day, rounded to 4 decimals; positive = far ahead, negative = far behind.';
comment on column dq.outlier.threshold is
    'The |modified_z| threshold in force (VNEID_OUTLIER_Z, default 3.5).';

comment on table dq.ingest_attempt is
    'The latest pull of each province-day (Lần lấy báo cáo gần nhất): received, or missing when nothing was published by the cut-off. Key (campaign_id, report_date, province_code).';
comment on column dq.ingest_attempt.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column dq.ingest_attempt.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';
comment on column dq.ingest_attempt.province_code is
    'Province code (Mã tỉnh), 2 digits; part of the key.';
comment on column dq.ingest_attempt.outcome is
    'received (a report was found) or missing (nothing published when pulled after the deadline).';
comment on column dq.ingest_attempt.detail is
    'Detail of the attempt, e.g. nothing published by the cut-off: ...; may be null.';
comment on column dq.ingest_attempt.attempted_at is
    'When the pull happened (Thời điểm lấy báo cáo), timestamptz.';

comment on view dq.revision_change is
    'Corrections row by row (Thay đổi giữa các lần gửi): for each accepted revision that superseded an earlier accepted one of the same province-day, the rows whose eligible, participated or agreed differ. A row added or dropped by the correction has nulls on the side where it is absent. Not readable by bi_reader.';
comment on column dq.revision_change.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân).';
comment on column dq.revision_change.province_code is
    'Province code (Mã tỉnh), 2 digits.';
comment on column dq.revision_change.report_date is
    'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh.';
comment on column dq.revision_change.previous_revision is
    'Revision number (Lần gửi) of the superseded accepted revision.';
comment on column dq.revision_change.revision is
    'Revision number (Lần gửi) of the correcting accepted revision.';
comment on column dq.revision_change.previous_payload_id is
    'Payload id of the superseded revision (raw.report_payload).';
comment on column dq.revision_change.payload_id is
    'Payload id of the correcting revision (raw.report_payload).';
comment on column dq.revision_change.accepted_at is
    'When the correcting revision was accepted (Thời điểm tiếp nhận), timestamptz.';
comment on column dq.revision_change.commune_code is
    'Commune code (Mã xã) of the changed row, 5 digits.';
comment on column dq.revision_change.section is
    'Section of the draft (Phần/chương) of the changed row; empty string for a commune total.';
comment on column dq.revision_change.citizen_group is
    'Citizen group (Nhóm đối tượng) of the changed row; empty string for a commune total.';
comment on column dq.revision_change.previous_eligible is
    'eligible (Số công dân có tài khoản định danh điện tử mức 2) in the superseded revision, persons; null when the row was added by the correction.';
comment on column dq.revision_change.eligible is
    'eligible in the correcting revision, persons; null when the row was dropped by the correction.';
comment on column dq.revision_change.previous_participated is
    'participated (Số công dân đã tham gia góp ý) in the superseded revision, persons; null when the row was added.';
comment on column dq.revision_change.participated is
    'participated in the correcting revision, persons; null when the row was dropped.';
comment on column dq.revision_change.previous_agreed is
    'agreed (Số công dân tán thành) in the superseded revision, persons; null when the row was added or agreed was not reported.';
comment on column dq.revision_change.agreed is
    'agreed in the correcting revision, persons; null when the row was dropped or agreed was not reported.';
