analyze core.admin_version, core.admin_unit, core.campaign, core.campaign_target, core.commune_crosswalk
