-- Groupings are replaced whole on every reference load: memberships first, then regions, then groupings.
delete from core.region_province;
delete from core.region;
delete from core.region_grouping
