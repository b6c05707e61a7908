-- Corrections, commune by commune: each accepted revision against the revision it superseded
-- (the previous accepted one for the same province-day), with both raw payloads. A commune
-- added or dropped by the correction appears with nulls on the side where it is absent.
create view dq.revision_change as
with accepted as (
    select
        payload_id,
        campaign_id,
        province_code,
        report_date,
        revision,
        accepted_at,
        lag(payload_id) over day_revisions as previous_payload_id,
        lag(revision) over day_revisions as previous_revision
    from core.province_report
    window day_revisions as (partition by campaign_id, province_code, report_date order by revision)
),

pairs as (
    select * from accepted where previous_payload_id is not null
),

new_rows as (
    select fact.*
    from pairs
    inner join core.commune_report as fact on fact.payload_id = pairs.payload_id
),

old_rows as (
    select pairs.payload_id as superseded_by, fact.*
    from pairs
    inner join core.commune_report as fact on fact.payload_id = pairs.previous_payload_id
),

changes as (
    select
        coalesce(new_rows.payload_id, old_rows.superseded_by) as payload_id,
        coalesce(new_rows.commune_code, old_rows.commune_code) as commune_code,
        coalesce(new_rows.section, old_rows.section) as section,
        coalesce(new_rows.citizen_group, old_rows.citizen_group) as citizen_group,
        old_rows.eligible as previous_eligible,
        new_rows.eligible,
        old_rows.participated as previous_participated,
        new_rows.participated,
        old_rows.agreed as previous_agreed,
        new_rows.agreed
    from new_rows
    full join old_rows
        on old_rows.superseded_by = new_rows.payload_id
        and old_rows.commune_code = new_rows.commune_code
        and old_rows.section = new_rows.section
        and old_rows.citizen_group = new_rows.citizen_group
    where (new_rows.eligible, new_rows.participated, new_rows.agreed)
        is distinct from (old_rows.eligible, old_rows.participated, old_rows.agreed)
)

select
    pairs.campaign_id,
    pairs.province_code,
    pairs.report_date,
    pairs.previous_revision,
    pairs.revision,
    pairs.previous_payload_id,
    pairs.payload_id,
    pairs.accepted_at,
    changes.commune_code,
    changes.section,
    changes.citizen_group,
    changes.previous_eligible,
    changes.eligible,
    changes.previous_participated,
    changes.participated,
    changes.previous_agreed,
    changes.agreed
from changes
inner join pairs on pairs.payload_id = changes.payload_id;

grant select on dq.revision_change to vneid_loader;
