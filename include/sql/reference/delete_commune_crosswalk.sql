-- The crosswalk files are the whole truth: a pair removed from them must not linger.
delete from core.commune_crosswalk
