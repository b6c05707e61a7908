insert into core.campaign_target (campaign_id, province_code, target_rate)
values (%(campaign_id)s, %(province_code)s, %(target_rate)s)
