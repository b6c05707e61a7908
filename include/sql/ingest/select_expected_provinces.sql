select unit.unit_code as province_code, unit.name as province_name
from core.campaign as campaign
inner join core.admin_unit as unit
    on unit.version_id = campaign.admin_version_id and unit.level = 'province'
where campaign.campaign_id = %(campaign_id)s
order by unit.unit_code
