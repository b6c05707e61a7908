-- Inputs: campaign_id, report_date, min_eligible, row_limit. The communes with the lowest
-- participation rate in the country, among those with at least min_eligible eligible citizens.
select
    commune.commune_code,
    commune.commune_name,
    coalesce(province.province_name, commune.province_code) as province_name,
    commune.participated,
    commune.eligible,
    commune.participation_rate
from mart.commune_daily as commune
left join mart.province_daily as province
    on province.campaign_id = commune.campaign_id
    and province.report_date = commune.report_date
    and province.province_code = commune.province_code
where commune.campaign_id = %(campaign_id)s
    and commune.report_date = %(report_date)s
    and commune.eligible >= %(min_eligible)s
    and commune.participation_rate is not null
order by commune.participation_rate, commune.commune_code
limit %(row_limit)s
