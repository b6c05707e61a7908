select campaign.admin_version_id, moved.old_commune_code, count(*) as facts_moved
from moved_commune_report as moved
inner join core.campaign as campaign on campaign.campaign_id = moved.campaign_id
group by campaign.admin_version_id, moved.old_commune_code
