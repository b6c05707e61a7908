-- Inputs: campaign_id. The campaign's title, period, administrative version and national target
-- (the fields of reference.Campaign).
select
    campaign_id,
    title,
    first_day,
    last_day,
    admin_version_id,
    target_rate
from core.campaign
where campaign_id = %(campaign_id)s
