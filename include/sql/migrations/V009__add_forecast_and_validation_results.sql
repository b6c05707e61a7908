-- Forecast marts (issue 7): when each province, and the nation, reaches its target at the pace of
-- the last seven days, and whether that is after the campaign's last day ("at risk"). And the
-- outcome of every expectation of the validation suite per payload (dq.validation_result), so BI
-- tools see passes as well as the failures already kept in dq.validation_failure.

create table mart.province_forecast (
    campaign_id text not null,
    report_date date not null,
    province_code text not null,
    province_name text not null,
    as_of_date date,
    participation_rate numeric,
    target_rate numeric not null,
    pace_from_date date,
    daily_gain numeric,
    projected_target_date date,
    campaign_last_day date not null,
    target_reached boolean,
    at_risk boolean,
    published_at timestamptz not null,
    primary key (campaign_id, report_date, province_code)
);

create index province_forecast_risk_idx on mart.province_forecast (campaign_id, report_date, at_risk);

create table mart.national_forecast (
    campaign_id text not null,
    report_date date not null,
    participation_rate numeric,
    target_rate numeric not null,
    pace_from_date date not null,
    daily_gain numeric,
    projected_target_date date,
    campaign_last_day date not null,
    target_reached boolean,
    at_risk boolean,
    provinces_at_risk integer not null,
    published_at timestamptz not null,
    primary key (campaign_id, report_date)
);

create table dq.validation_result (
    payload_id bigint not null references raw.report_payload,
    expectation_number integer not null,
    rule text not null,
    expectation_type text not null,
    column_name text,
    success boolean not null,
    unexpected_count bigint,
    element_count bigint,
    primary key (payload_id, expectation_number)
);

comment on table mart.province_forecast is
    'Forecast per province and report day (Dự báo hoàn thành chỉ tiêu): the day the province reaches its target participation rate if it keeps the pace of the last seven days, and whether that is after the campaign''s last day. Every expected province has a row. Key (campaign_id, report_date, province_code). Replaced with the rest of the campaign-day by the publish DAG.';
comment on column mart.province_forecast.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.province_forecast.report_date is
    'Report day the forecast is made on (Ngày dự báo); part of the key.';
comment on column mart.province_forecast.province_code is
    'Province code (Mã tỉnh) in the campaign''s administrative version; part of the key.';
comment on column mart.province_forecast.province_name is
    'Province name in Vietnamese (Tên tỉnh).';
comment on column mart.province_forecast.as_of_date is
    'Day of the province''s latest accepted report on or before report_date (Số liệu tính đến ngày); earlier than report_date when that day''s report is missing or quarantined; null when the province has no accepted report yet.';
comment on column mart.province_forecast.participation_rate is
    'Participation rate (Tỷ lệ tham gia) on as_of_date = participated / eligible, exact fraction in [0,1]; null without an accepted report.';
comment on column mart.province_forecast.target_rate is
    'Target participation rate (Chỉ tiêu) of the province: its own core.campaign_target, else the campaign''s; fraction in [0,1].';
comment on column mart.province_forecast.pace_from_date is
    'Start of the pace window (Tính tốc độ từ ngày): the latest accepted report at least seven days before as_of_date, else the day before the campaign opened (when participation was zero).';
comment on column mart.province_forecast.daily_gain is
    'Recent pace (Tốc độ tăng bình quân mỗi ngày): participation-rate gain per day between pace_from_date and as_of_date, fraction per day (0.01 = one percentage point a day); can be zero or negative.';
comment on column mart.province_forecast.projected_target_date is
    'Projected day the target is reached at the recent pace (Ngày dự kiến đạt chỉ tiêu) = as_of_date + ceil((target_rate - participation_rate) / daily_gain); null when the target is already reached, the pace is not positive, or there is no data.';
comment on column mart.province_forecast.campaign_last_day is
    'Last day of the campaign (Ngày kết thúc đợt lấy ý kiến).';
comment on column mart.province_forecast.target_reached is
    'True when participation_rate >= target_rate on as_of_date (Đã đạt chỉ tiêu); null without data.';
comment on column mart.province_forecast.at_risk is
    'At risk (Có nguy cơ không đạt chỉ tiêu): target not reached and either the pace is not positive or projected_target_date is after campaign_last_day; null without data.';
comment on column mart.province_forecast.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố).';

comment on table mart.national_forecast is
    'National forecast per report day (Dự báo toàn quốc): the national participation rate carrying forward each province''s latest accepted report, its pace over the last seven days, the projected day the campaign target is reached, and how many provinces are at risk. Key (campaign_id, report_date).';
comment on column mart.national_forecast.campaign_id is
    'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';
comment on column mart.national_forecast.report_date is
    'Report day the forecast is made on (Ngày dự báo); part of the key.';
comment on column mart.national_forecast.participation_rate is
    'National participation rate (Tỷ lệ tham gia toàn quốc) on report_date, each province counted with its latest accepted report on or before that day (unlike mart.national_daily, which counts only that day''s accepted reports); exact fraction.';
comment on column mart.national_forecast.target_rate is
    'Campaign target participation rate (Chỉ tiêu), fraction in [0,1].';
comment on column mart.national_forecast.pace_from_date is
    'Start of the pace window: seven days before report_date, or the day before the campaign opened when that is later.';
comment on column mart.national_forecast.daily_gain is
    'National participation-rate gain per day since pace_from_date (Tốc độ tăng bình quân mỗi ngày), fraction per day.';
comment on column mart.national_forecast.projected_target_date is
    'Projected day the national target is reached at the recent pace (Ngày dự kiến đạt chỉ tiêu); null when reached, not progressing, or without data.';
comment on column mart.national_forecast.campaign_last_day is
    'Last day of the campaign (Ngày kết thúc đợt lấy ý kiến).';
comment on column mart.national_forecast.target_reached is
    'True when the national participation_rate >= target_rate (Đã đạt chỉ tiêu).';
comment on column mart.national_forecast.at_risk is
    'At risk (Có nguy cơ không đạt chỉ tiêu): not reached and the pace is not positive or the projected day is after campaign_last_day.';
comment on column mart.national_forecast.provinces_at_risk is
    'Number of provinces flagged at_risk in mart.province_forecast that day (Số tỉnh có nguy cơ).';
comment on column mart.national_forecast.published_at is
    'Time of the publication that wrote this row (Thời điểm công bố).';

comment on table dq.validation_result is
    'Outcome of every expectation of the Great Expectations suite for each validated payload (Kết quả kiểm tra dữ liệu): passes as well as failures; the failing rows themselves are in dq.validation_failure.';
comment on column dq.validation_result.payload_id is 'Validated payload (raw.report_payload).';
comment on column dq.validation_result.expectation_number is 'Position of the expectation in the suite run (1-based); part of the key.';
comment on column dq.validation_result.rule is 'Rule name from the expectation''s meta (as in quarantine reasons and feedback files).';
comment on column dq.validation_result.expectation_type is 'Great Expectations expectation type, e.g. expect_column_values_to_not_be_null.';
comment on column dq.validation_result.column_name is 'Column the expectation checks; null for table-level expectations.';
comment on column dq.validation_result.success is 'True when the payload met the expectation.';
comment on column dq.validation_result.unexpected_count is 'Rows that broke the expectation, when Great Expectations counted them; null otherwise.';
comment on column dq.validation_result.element_count is 'Rows the expectation looked at, when counted; null otherwise.';

-- bi_reader cannot read dq; this view gives BI tools the validation outcomes without the raw values.
create view mart.validation_outcome as
select
    revision.campaign_id,
    revision.report_date,
    revision.province_code,
    revision.revision,
    revision.payload_id,
    revision.status as report_status,
    revision.decided_at,
    result.expectation_number,
    result.rule,
    result.expectation_type,
    result.column_name,
    result.success,
    result.unexpected_count,
    result.element_count
from dq.validation_result as result
inner join dq.report_revision as revision on revision.payload_id = result.payload_id;

comment on view mart.validation_outcome is
    'Validation outcomes for BI (Kết quả kiểm tra dữ liệu theo quy tắc): one row per validated payload and expectation of the suite, with the payload''s province-day, revision and fate. Passes and failures; which rows failed is in the feedback files and, for engineers, dq.validation_failure.';
comment on column mart.validation_outcome.campaign_id is 'Consultation campaign of the payload.';
comment on column mart.validation_outcome.report_date is 'Report day the payload is for.';
comment on column mart.validation_outcome.province_code is 'Province that sent the payload.';
comment on column mart.validation_outcome.revision is 'Revision number the province gave the payload (Lần gửi); null when it could not be read.';
comment on column mart.validation_outcome.payload_id is 'Payload identifier (raw.report_payload), to tell revisions apart.';
comment on column mart.validation_outcome.report_status is 'Fate of the payload: accepted, quarantined or ignored (dq.report_revision.status).';
comment on column mart.validation_outcome.decided_at is 'When the pipeline decided the payload''s fate.';
comment on column mart.validation_outcome.expectation_number is 'Position of the expectation in the suite run (1-based).';
comment on column mart.validation_outcome.rule is 'Rule name (as in quarantine reasons and feedback files), e.g. participated_le_eligible.';
comment on column mart.validation_outcome.expectation_type is 'Great Expectations expectation type.';
comment on column mart.validation_outcome.column_name is 'Column the expectation checks; null for table-level expectations.';
comment on column mart.validation_outcome.success is 'True when the payload met the expectation.';
comment on column mart.validation_outcome.unexpected_count is 'Rows that broke the expectation, when counted; null otherwise.';
comment on column mart.validation_outcome.element_count is 'Rows the expectation looked at, when counted; null otherwise.';

grant select on mart.province_forecast, mart.national_forecast, mart.validation_outcome to bi_reader;
