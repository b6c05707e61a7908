-- The crosswalk files are the whole truth: a row removed from them goes.
delete from core.province_crosswalk
