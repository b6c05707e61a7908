-- A campaign is restated in current units when it is not on the latest administrative version
-- and a crosswalk leads from its version to the latest one.
select exists (
    select 1
    from core.campaign as campaign
    inner join core.province_crosswalk as crosswalk on crosswalk.from_version_id = campaign.admin_version_id
    where campaign.campaign_id = %(campaign_id)s
        and crosswalk.to_version_id = (select version_id from core.latest_admin_version)
        and campaign.admin_version_id <> crosswalk.to_version_id
)
