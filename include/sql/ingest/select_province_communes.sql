select unit.unit_code as commune_code
from core.campaign as campaign
inner join core.admin_unit as unit
    on unit.version_id = campaign.admin_version_id and unit.level = 'commune'
where campaign.campaign_id = %(campaign_id)s
    and unit.province_code = %(province_code)s
order by unit.unit_code
