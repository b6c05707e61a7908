select campaign_id, title, first_day, last_day, admin_version_id, target_rate
from core.campaign
where campaign_id = %(campaign_id)s
