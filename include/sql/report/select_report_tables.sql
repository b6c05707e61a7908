-- Inputs: none. Which optional tables the report can read: the forecast marts and the per-expectation
-- validation results arrive in later migrations, and the report says so when they are absent.
select
    to_regclass('mart.province_forecast') is not null as has_province_forecast,
    to_regclass('mart.national_forecast') is not null as has_national_forecast,
    to_regclass('dq.validation_result') is not null as has_validation_result
