-- Inputs: campaign_id. A campaign is restated in current units when it is not on the latest
-- administrative version and a crosswalk leads from its version to the latest one; the province
-- and commune crosswalks are separate data, so each restated mart has its own answer.
with campaign as (
    select campaign.admin_version_id, latest.version_id as latest_version_id
    from core.campaign as campaign
    cross join core.latest_admin_version as latest
    where campaign.campaign_id = %(campaign_id)s and campaign.admin_version_id <> latest.version_id
)

select
    exists (
        select 1
        from core.province_crosswalk as crosswalk
        inner join campaign
            on crosswalk.from_version_id = campaign.admin_version_id
            and crosswalk.to_version_id = campaign.latest_version_id
    ) as province_daily_current_units,
    exists (
        select 1
        from core.commune_crosswalk as crosswalk
        inner join campaign
            on crosswalk.from_version_id = campaign.admin_version_id
            and crosswalk.to_version_id = campaign.latest_version_id
    ) as commune_daily_current_units
