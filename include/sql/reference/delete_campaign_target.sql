-- campaign_targets.csv is the whole truth: a target removed from it goes.
delete from core.campaign_target
