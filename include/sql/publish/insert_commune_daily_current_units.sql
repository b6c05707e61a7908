-- Inputs: campaign_id, report_date. Runs after insert_commune_daily in the same transaction.
-- Restates the campaign's commune figures in the communes of the latest administrative version
-- through the commune crosswalk. Nothing is inserted for a campaign already on the latest version
-- or with no commune crosswalk to it. Every current commune gets a row. A former commune counts
-- as whole for a current one when it goes to that commune alone and both directions of the table
-- mark it whole; a row is exact when all its former communes are whole. Figures are never split:
-- a split former commune counts in full in every current commune it went into, and the row says
-- how much of its eligible rests on such communes.
insert into mart.commune_daily_current_units (
    campaign_id, report_date, current_version_id, commune_code, commune_name, province_code,
    restatement, is_exact, former_commune_codes, former_communes_expected, former_communes_reported,
    former_communes_partial, is_complete, eligible, participated, participated_new, agreed,
    participation_rate, agree_rate, eligible_from_partial_parents, partial_parent_share, target_rate,
    target_gap, published_at
)
with campaign as (
    select campaign.campaign_id, campaign.admin_version_id, campaign.target_rate, latest.version_id as current_version_id
    from core.campaign as campaign
    cross join core.latest_admin_version as latest
    where campaign.campaign_id = %(campaign_id)s and campaign.admin_version_id <> latest.version_id
),

crosswalk as (
    select crosswalk.*
    from core.commune_crosswalk as crosswalk
    inner join campaign
        on crosswalk.from_version_id = campaign.admin_version_id
        and crosswalk.to_version_id = campaign.current_version_id
),

former_fate as (
    select from_commune_code, count(*) as current_communes
    from crosswalk
    group by from_commune_code
),

contribution as (
    select
        crosswalk.to_commune_code,
        crosswalk.from_commune_code,
        former_fate.current_communes = 1 and coalesce(crosswalk.from_whole, false)
            and coalesce(crosswalk.to_whole, false) as is_whole,
        former.commune_code is not null as is_reported,
        former.eligible,
        former.participated,
        former.participated_new,
        former.agreed
    from crosswalk
    inner join former_fate on former_fate.from_commune_code = crosswalk.from_commune_code
    left join mart.commune_daily as former
        on former.campaign_id = %(campaign_id)s
        and former.report_date = %(report_date)s
        and former.commune_code = crosswalk.from_commune_code
),

restated as (
    select
        to_commune_code as commune_code,
        string_agg(from_commune_code, ',' order by from_commune_code) as former_commune_codes,
        count(*) as former_communes_expected,
        count(*) filter (where is_reported) as former_communes_reported,
        count(*) filter (where not is_whole) as former_communes_partial,
        bool_and(is_whole) as is_exact,
        sum(eligible) as eligible,
        sum(participated) as participated,
        case when count(participated_new) = count(*) filter (where is_reported) then sum(participated_new) end
            as participated_new,
        case when count(agreed) = count(*) filter (where is_reported) then sum(agreed) end as agreed,
        case when count(eligible) > 0 then coalesce(sum(eligible) filter (where not is_whole), 0) end
            as eligible_from_partial_parents
    from contribution
    group by to_commune_code
),

rated as (
    select
        unit.unit_code as commune_code,
        unit.name as commune_name,
        unit.province_code,
        restated.former_commune_codes,
        coalesce(restated.former_communes_expected, 0) as former_communes_expected,
        coalesce(restated.former_communes_reported, 0) as former_communes_reported,
        coalesce(restated.former_communes_partial, 0) as former_communes_partial,
        case
            when restated.commune_code is null then 'no_pre_reform_commune'
            when restated.is_exact then 'exact'
            else 'not_exact'
        end as restatement,
        restated.eligible,
        restated.participated,
        restated.participated_new,
        restated.agreed,
        restated.eligible_from_partial_parents,
        restated.participated::numeric / nullif(restated.eligible, 0) as participation_rate
    from core.admin_unit as unit
    inner join campaign on unit.version_id = campaign.current_version_id
    left join restated on restated.commune_code = unit.unit_code
    where unit.level = 'commune'
)

select
    campaign.campaign_id,
    %(report_date)s::date,
    campaign.current_version_id,
    rated.commune_code,
    rated.commune_name,
    rated.province_code,
    rated.restatement,
    rated.restatement = 'exact',
    rated.former_commune_codes,
    rated.former_communes_expected,
    rated.former_communes_reported,
    rated.former_communes_partial,
    rated.former_communes_expected > 0 and rated.former_communes_reported = rated.former_communes_expected,
    rated.eligible,
    rated.participated,
    rated.participated_new,
    rated.agreed,
    rated.participation_rate,
    rated.agreed::numeric / nullif(rated.participated, 0),
    rated.eligible_from_partial_parents,
    rated.eligible_from_partial_parents::numeric / nullif(rated.eligible, 0),
    campaign.target_rate,
    case when rated.restatement = 'exact' then campaign.target_rate - rated.participation_rate end,
    now()
from rated
cross join campaign
where exists (select 1 from crosswalk)
