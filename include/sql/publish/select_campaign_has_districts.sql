select version.has_districts
from core.campaign as campaign
inner join core.admin_version as version on version.version_id = campaign.admin_version_id
where campaign.campaign_id = %(campaign_id)s
