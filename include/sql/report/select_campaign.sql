-- Inputs: campaign_id. The campaign's title, period and national target.
select
    campaign_id,
    title,
    first_day,
    last_day,
    target_rate
from core.campaign
where campaign_id = %(campaign_id)s
