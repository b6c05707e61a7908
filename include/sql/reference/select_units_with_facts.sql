-- Inputs: version_id, unit_codes. Of the given units of the version as stored, those with
-- accepted facts in a campaign bound to the version: a commune with rows in core.commune_report,
-- a province with core.province_report rows, a district when any of its communes has facts.
-- A code not stored in the version (e.g. a recode target being added) has none.
with unit as (
    select unit_code, level
    from core.admin_unit
    where version_id = %(version_id)s and unit_code = any(%(unit_codes)s)
),

campaign as (
    select campaign_id
    from core.campaign
    where admin_version_id = %(version_id)s
),

candidate_commune as (
    select unit_code as commune_code, unit_code as owner_code
    from unit
    where level = 'commune'
    union all
    select commune.unit_code, unit.unit_code
    from unit
    inner join core.admin_unit as commune
        on commune.version_id = %(version_id)s and commune.level = 'commune' and commune.parent_code = unit.unit_code
    where unit.level = 'district'
),

commune_with_facts as (
    select distinct candidate.owner_code
    from candidate_commune as candidate
    where exists (
        select 1
        from core.commune_report as fact
        inner join campaign on campaign.campaign_id = fact.campaign_id
        where fact.commune_code = candidate.commune_code
    )
),

province_with_facts as (
    select unit.unit_code as owner_code
    from unit
    where unit.level = 'province' and exists (
        select 1
        from core.province_report as report
        inner join campaign on campaign.campaign_id = report.campaign_id
        where report.province_code = unit.unit_code
    )
)

select owner_code from commune_with_facts
union
select owner_code from province_with_facts
