-- The warehouse schema after every migration and the data dictionary (include/dictionary.toml):
-- pg_dump --schema-only --no-owner of a freshly migrated warehouse (PostgreSQL 15), without the
-- lines that vary between versions and runs. Read it; do not edit it: add a migration or change
-- the dictionary, then run scripts/generate_schema_snapshot.py (tests/integration/test_schema_snapshot.py).

--
-- PostgreSQL database dump
--


--
-- Name: core; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA core;


--
-- Name: dq; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA dq;


--
-- Name: mart; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA mart;


--
-- Name: meta; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA meta;


--
-- Name: official; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA official;


--
-- Name: SCHEMA official; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA official IS 'Official figures only: the last approved figures of each campaign-day. Readable by official_reader.';


--
-- Name: raw; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA raw;


--
-- Name: staging; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA staging;


--
-- Name: refuse_orphaning_commune_report(); Type: FUNCTION; Schema: core; Owner: -
--

CREATE FUNCTION core.refuse_orphaning_commune_report() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if exists (select from core.commune_report where payload_id = old.payload_id) then
        raise exception 'core.province_report % still has rows in core.commune_report', old.payload_id
            using errcode = 'foreign_key_violation';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;


--
-- Name: apply_comments(jsonb); Type: FUNCTION; Schema: meta; Owner: -
--

CREATE FUNCTION meta.apply_comments(entries jsonb) RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
    entry record;
    changed integer := 0;
begin
    for entry in
        with wanted as (
            select
                item ->> 'schema' as schema_name,
                item ->> 'table' as table_name,
                item ->> 'column' as column_name,
                item ->> 'comment' as comment
            from jsonb_array_elements(entries) as item
        )

        select
            wanted.*,
            cls.relkind,
            concat_ws('.', wanted.schema_name, wanted.table_name, wanted.column_name) as object_name,
            nsp.oid is null
            or (wanted.table_name is not null and cls.oid is null)
            or (wanted.column_name is not null and att.attnum is null) as is_missing,
            description.description as current_comment
        from wanted
        left join pg_catalog.pg_namespace as nsp on nsp.nspname = wanted.schema_name
        left join pg_catalog.pg_class as cls
            on cls.relnamespace = nsp.oid and cls.relname = wanted.table_name and cls.relkind in ('r', 'p', 'v', 'm')
        left join pg_catalog.pg_attribute as att
            on att.attrelid = cls.oid and att.attname = wanted.column_name and att.attnum > 0 and not att.attisdropped
        left join pg_catalog.pg_description as description
            on description.objoid = coalesce(cls.oid, nsp.oid)
            and description.classoid = (case when wanted.table_name is null then 'pg_namespace' else 'pg_class' end)::regclass
            and description.objsubid = coalesce(att.attnum, 0)
    loop
        if entry.is_missing then
            raise exception 'data dictionary (include/dictionary.toml): the warehouse has no %', entry.object_name
                using errcode = 'undefined_object';
        end if;
        continue when entry.current_comment is not distinct from entry.comment;
        if entry.table_name is null then
            execute format('comment on schema %I is %L', entry.schema_name, entry.comment);
        elsif entry.column_name is not null then
            execute format('comment on column %I.%I.%I is %L', entry.schema_name, entry.table_name, entry.column_name,
                           entry.comment);
        else
            execute format(case entry.relkind when 'v' then 'comment on view %I.%I is %L'
                                              when 'm' then 'comment on materialized view %I.%I is %L'
                                              else 'comment on table %I.%I is %L' end,
                           entry.schema_name, entry.table_name, entry.comment);
        end if;
        changed := changed + 1;
    end loop;
    return changed;
end;
$$;


--
-- Name: refuse_change(); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    raise exception 'raw.report_payload is immutable (payload %)', old.payload_id;
end;
$$;


--
-- Name: admin_unit; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.admin_unit (
    version_id text NOT NULL,
    unit_code text NOT NULL,
    level text NOT NULL,
    name text NOT NULL,
    division_type text NOT NULL,
    parent_code text,
    province_code text NOT NULL,
    CONSTRAINT admin_unit_check CHECK ((((level = 'province'::text) AND (unit_code ~ '^[0-9]{2}$'::text)) OR ((level = 'district'::text) AND (unit_code ~ '^[0-9]{3}$'::text)) OR ((level = 'commune'::text) AND (unit_code ~ '^[0-9]{5}$'::text)))),
    CONSTRAINT admin_unit_level_check CHECK ((level = ANY (ARRAY['province'::text, 'district'::text, 'commune'::text])))
);


--
-- Name: admin_version; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.admin_version (
    version_id text NOT NULL,
    title text NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    has_districts boolean NOT NULL,
    CONSTRAINT admin_version_check CHECK (((valid_to IS NULL) OR (valid_to >= valid_from)))
);


--
-- Name: campaign; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.campaign (
    campaign_id text NOT NULL,
    title text NOT NULL,
    first_day date NOT NULL,
    last_day date NOT NULL,
    admin_version_id text NOT NULL,
    target_rate numeric(5,4) NOT NULL,
    CONSTRAINT campaign_check CHECK ((last_day >= first_day)),
    CONSTRAINT campaign_target_rate_check CHECK (((target_rate >= (0)::numeric) AND (target_rate <= (1)::numeric)))
);


--
-- Name: campaign_target; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.campaign_target (
    campaign_id text NOT NULL,
    province_code text NOT NULL,
    target_rate numeric(5,4) NOT NULL,
    CONSTRAINT campaign_target_target_rate_check CHECK (((target_rate >= (0)::numeric) AND (target_rate <= (1)::numeric)))
);


--
-- Name: commune_crosswalk; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.commune_crosswalk (
    from_version_id text NOT NULL,
    from_commune_code text NOT NULL,
    from_province_code text NOT NULL,
    to_version_id text NOT NULL,
    to_commune_code text NOT NULL,
    to_province_code text NOT NULL,
    from_whole boolean,
    to_whole boolean,
    CONSTRAINT commune_crosswalk_check CHECK ((from_version_id <> to_version_id)),
    CONSTRAINT commune_crosswalk_from_commune_code_check CHECK ((from_commune_code ~ '^[0-9]{5}$'::text)),
    CONSTRAINT commune_crosswalk_to_commune_code_check CHECK ((to_commune_code ~ '^[0-9]{5}$'::text))
);


--
-- Name: TABLE commune_crosswalk; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON TABLE core.commune_crosswalk IS 'Which former commune became (part of) which commune of a later version: the official conversion table of the 2025 reform (Bảng chuyển đổi ĐVHC mới - cũ), loaded from include/reference/crosswalks/commune_*.csv and replaced whole at every reference load. One row per (former, current) pair.';


--
-- Name: COLUMN commune_crosswalk.from_whole; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.commune_crosswalk.from_whole IS 'True when the former commune went whole into the current units (not partly merged), as the old-to-new direction of the table says; null when that direction does not list the pair.';


--
-- Name: COLUMN commune_crosswalk.to_whole; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.commune_crosswalk.to_whole IS 'True when the current commune lists this former commune as taken whole, as the new-to-old direction of the table says; null when that direction does not list the pair.';


--
-- Name: commune_report; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.commune_report (
    payload_id bigint NOT NULL,
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    commune_code text NOT NULL,
    section text DEFAULT ''::text NOT NULL,
    citizen_group text DEFAULT ''::text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    CONSTRAINT commune_report_check CHECK (((participated >= 0) AND (participated <= eligible))),
    CONSTRAINT commune_report_check1 CHECK (((agreed >= 0) AND (agreed <= participated))),
    CONSTRAINT commune_report_eligible_check CHECK ((eligible >= 0))
);


--
-- Name: province_report; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.province_report (
    payload_id bigint NOT NULL,
    campaign_id text NOT NULL,
    province_code text NOT NULL,
    report_date date NOT NULL,
    revision integer NOT NULL,
    generated_at timestamp with time zone,
    is_late boolean NOT NULL,
    total_eligible bigint,
    total_participated bigint,
    total_agreed bigint,
    accepted_at timestamp with time zone DEFAULT now() NOT NULL,
    is_current boolean DEFAULT false NOT NULL,
    CONSTRAINT province_report_revision_check CHECK ((revision >= 1))
);


--
-- Name: current_commune_report; Type: VIEW; Schema: core; Owner: -
--

CREATE VIEW core.current_commune_report AS
 SELECT fact.payload_id,
    report.campaign_id,
    report.report_date,
    report.province_code,
    fact.commune_code,
    fact.section,
    fact.citizen_group,
    fact.eligible,
    fact.participated,
    fact.agreed
   FROM (core.commune_report fact
     JOIN core.province_report report ON (((report.payload_id = fact.payload_id) AND report.is_current)));


--
-- Name: current_commune_total; Type: VIEW; Schema: core; Owner: -
--

CREATE VIEW core.current_commune_total AS
 SELECT fact.campaign_id,
    fact.report_date,
    fact.province_code,
    fact.commune_code,
    fact.eligible,
    fact.participated,
    fact.agreed,
    report.revision,
    report.payload_id
   FROM (core.commune_report fact
     JOIN core.province_report report ON (((report.payload_id = fact.payload_id) AND report.is_current)))
  WHERE ((fact.section = ''::text) AND (fact.citizen_group = ''::text));


--
-- Name: current_province_total; Type: VIEW; Schema: core; Owner: -
--

CREATE VIEW core.current_province_total AS
 SELECT current_commune_total.campaign_id,
    current_commune_total.report_date,
    current_commune_total.province_code,
    sum(current_commune_total.eligible) AS eligible,
    sum(current_commune_total.participated) AS participated,
        CASE
            WHEN (count(current_commune_total.agreed) = count(*)) THEN sum(current_commune_total.agreed)
            ELSE NULL::numeric
        END AS agreed,
    count(*) AS communes_reported
   FROM core.current_commune_total
  GROUP BY current_commune_total.campaign_id, current_commune_total.report_date, current_commune_total.province_code;


--
-- Name: latest_admin_version; Type: VIEW; Schema: core; Owner: -
--

CREATE VIEW core.latest_admin_version AS
 SELECT admin_version.version_id,
    admin_version.valid_from,
    admin_version.valid_to
   FROM core.admin_version
  WHERE ((admin_version.valid_from <= CURRENT_DATE) AND ((admin_version.valid_to IS NULL) OR (admin_version.valid_to >= CURRENT_DATE)))
  ORDER BY admin_version.valid_from DESC
 LIMIT 1;


--
-- Name: VIEW latest_admin_version; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON VIEW core.latest_admin_version IS 'The latest administrative version (Phiên bản đơn vị hành chính mới nhất): of the versions in force today (valid_from <= current_date and valid_to null or >= current_date), the one with the greatest valid_from; valid_from is unique, so at most one row. Older campaigns are restated in it.';


--
-- Name: COLUMN latest_admin_version.version_id; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.latest_admin_version.version_id IS 'Administrative version id, e.g. vn-2025-07.';


--
-- Name: COLUMN latest_admin_version.valid_from; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.latest_admin_version.valid_from IS 'First day the version is in force.';


--
-- Name: COLUMN latest_admin_version.valid_to; Type: COMMENT; Schema: core; Owner: -
--

COMMENT ON COLUMN core.latest_admin_version.valid_to IS 'Last day the version is in force; null = still in force.';


--
-- Name: region; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.region (
    grouping_id text NOT NULL,
    region_code text NOT NULL,
    region_name text NOT NULL
);


--
-- Name: region_grouping; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.region_grouping (
    grouping_id text NOT NULL,
    version_id text NOT NULL,
    title text NOT NULL,
    basis text NOT NULL,
    status text NOT NULL,
    is_primary boolean NOT NULL,
    CONSTRAINT region_grouping_status_check CHECK ((status = ANY (ARRAY['official'::text, 'draft'::text])))
);


--
-- Name: region_province; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.region_province (
    grouping_id text NOT NULL,
    version_id text NOT NULL,
    province_code text NOT NULL,
    region_code text NOT NULL
);


--
-- Name: primary_region; Type: VIEW; Schema: core; Owner: -
--

CREATE VIEW core.primary_region AS
 SELECT "grouping".version_id,
    member.province_code,
    "grouping".grouping_id,
    member.region_code,
    region.region_name
   FROM ((core.region_grouping "grouping"
     JOIN core.region_province member ON ((member.grouping_id = "grouping".grouping_id)))
     JOIN core.region region ON (((region.grouping_id = member.grouping_id) AND (region.region_code = member.region_code))))
  WHERE "grouping".is_primary;


--
-- Name: province_crosswalk; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.province_crosswalk (
    from_version_id text NOT NULL,
    from_province_code text NOT NULL,
    to_version_id text NOT NULL,
    to_province_code text NOT NULL,
    whole_unit boolean NOT NULL
);


--
-- Name: reference_load; Type: TABLE; Schema: core; Owner: -
--

CREATE TABLE core.reference_load (
    checksum text NOT NULL,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: ingest_attempt; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.ingest_attempt (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    outcome text NOT NULL,
    detail text,
    attempted_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ingest_attempt_outcome_check CHECK ((outcome = ANY (ARRAY['received'::text, 'missing'::text])))
);


--
-- Name: TABLE ingest_attempt; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.ingest_attempt IS 'The latest pull of each province-day (Lần lấy báo cáo gần nhất): received, or missing when nothing was published by the cut-off. Key (campaign_id, report_date, province_code).';


--
-- Name: COLUMN ingest_attempt.campaign_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN ingest_attempt.report_date; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN ingest_attempt.province_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.province_code IS 'Province code (Mã tỉnh), 2 digits; part of the key.';


--
-- Name: COLUMN ingest_attempt.outcome; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.outcome IS 'received (a report was found) or missing (nothing published when pulled after the deadline).';


--
-- Name: COLUMN ingest_attempt.detail; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.detail IS 'Detail of the attempt, e.g. nothing published by the cut-off: ...; may be null.';


--
-- Name: COLUMN ingest_attempt.attempted_at; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.ingest_attempt.attempted_at IS 'When the pull happened (Thời điểm lấy báo cáo), timestamptz.';


--
-- Name: official_reopen; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.official_reopen (
    reopen_id bigint NOT NULL,
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    approval_id bigint NOT NULL,
    reopened_at timestamp with time zone DEFAULT now() NOT NULL,
    official_fingerprint text NOT NULL,
    new_fingerprint text NOT NULL,
    national_change jsonb NOT NULL,
    province_changes jsonb NOT NULL
);


--
-- Name: TABLE official_reopen; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.official_reopen IS 'An official day whose figures a later publication changed: it went back to provisional; the figures before and after, national and by province.';


--
-- Name: official_reopen_reopen_id_seq; Type: SEQUENCE; Schema: dq; Owner: -
--

ALTER TABLE dq.official_reopen ALTER COLUMN reopen_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dq.official_reopen_reopen_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: outlier; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.outlier (
    payload_id bigint NOT NULL,
    commune_code text NOT NULL,
    previous_report_date date NOT NULL,
    increment bigint NOT NULL,
    increment_rate numeric NOT NULL,
    modified_z numeric NOT NULL,
    threshold numeric NOT NULL
);


--
-- Name: TABLE outlier; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.outlier IS 'Communes whose increment since the previous accepted day is far from the rest of their province (Mức tăng bất thường), by modified z-score; warning only, never quarantines. Key (payload_id, commune_code).';


--
-- Name: COLUMN outlier.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.payload_id IS 'Payload id (Mã bản tin), references raw.report_payload; part of the key.';


--
-- Name: COLUMN outlier.commune_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.commune_code IS 'Commune code (Mã xã), 5 digits; part of the key.';


--
-- Name: COLUMN outlier.previous_report_date; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.previous_report_date IS 'The province''s previous accepted day the increment is measured from (Ngày báo cáo trước).';


--
-- Name: COLUMN outlier.increment; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.increment IS 'participated - participated on previous_report_date (Mức tăng), persons; can be negative.';


--
-- Name: COLUMN outlier.increment_rate; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.increment_rate IS 'increment / eligible (Tỷ lệ tăng), fraction rounded to 8 decimals.';


--
-- Name: COLUMN outlier.modified_z; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.modified_z IS 'Modified z-score = 0.6745 * (increment_rate - median) / MAD over the province''s communes that day, rounded to 4 decimals; positive = far ahead, negative = far behind.';


--
-- Name: COLUMN outlier.threshold; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.outlier.threshold IS 'The |modified_z| threshold in force (VNEID_OUTLIER_Z, default 3.5).';


--
-- Name: reconciliation; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.reconciliation (
    payload_id bigint NOT NULL,
    column_name text NOT NULL,
    declared bigint NOT NULL,
    rows_sum bigint NOT NULL,
    difference bigint NOT NULL,
    tolerance numeric NOT NULL,
    within_tolerance boolean NOT NULL
);


--
-- Name: TABLE reconciliation; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.reconciliation IS 'Comparison of each declared province_total field with the sum of the commune-total rows (Đối chiếu tổng số của tỉnh), HTTP feed only, recorded whatever the fate of the payload. Key (payload_id, column_name).';


--
-- Name: COLUMN reconciliation.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.payload_id IS 'Payload id (Mã bản tin), references raw.report_payload; part of the key.';


--
-- Name: COLUMN reconciliation.column_name; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.column_name IS 'Compared field: eligible, participated or agreed; part of the key.';


--
-- Name: COLUMN reconciliation.declared; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.declared IS 'Value declared in province_total (Số tỉnh khai báo), persons.';


--
-- Name: COLUMN reconciliation.rows_sum; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.rows_sum IS 'Sum of the same column over the commune-total rows (Tổng các dòng xã), persons.';


--
-- Name: COLUMN reconciliation.difference; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.difference IS 'declared - rows_sum (Chênh lệch), persons; positive when the province declared more than its rows add up to.';


--
-- Name: COLUMN reconciliation.tolerance; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.tolerance IS 'Relative tolerance used (VNEID_TOTAL_TOLERANCE): allowed |difference| <= tolerance * max(rows_sum, 1); 0 = exact.';


--
-- Name: COLUMN reconciliation.within_tolerance; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reconciliation.within_tolerance IS 'True when |difference| is within the tolerance; false quarantines the payload (rule province_total_reconciles).';


--
-- Name: reference_change; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.reference_change (
    change_id bigint NOT NULL,
    reference_checksum text NOT NULL,
    version_id text NOT NULL,
    unit_code text NOT NULL,
    change text NOT NULL,
    action text NOT NULL,
    old_level text,
    old_name text,
    old_division_type text,
    old_parent_code text,
    old_province_code text,
    new_level text,
    new_name text,
    new_division_type text,
    new_parent_code text,
    new_province_code text,
    new_unit_code text,
    facts_moved bigint,
    reviewed_by text,
    reviewed_on date,
    reason text,
    logged_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reference_change_action_check CHECK ((action = ANY (ARRAY['applied'::text, 'renamed'::text, 'recoded'::text]))),
    CONSTRAINT reference_change_change_check CHECK ((change = ANY (ARRAY['added'::text, 'changed'::text, 'removed'::text]))),
    CONSTRAINT reference_change_check CHECK (((change = 'added'::text) = (old_name IS NULL))),
    CONSTRAINT reference_change_check1 CHECK (((change = 'removed'::text) = (new_name IS NULL))),
    CONSTRAINT reference_change_check2 CHECK (((action = 'recoded'::text) = (new_unit_code IS NOT NULL))),
    CONSTRAINT reference_change_check3 CHECK (((action = 'applied'::text) = (reviewed_by IS NULL)))
);


--
-- Name: TABLE reference_change; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.reference_change IS 'Every administrative unit a reference load added, changed or removed (Nhật ký thay đổi danh mục đơn vị hành chính), with before/after values, the action taken and, for units with accepted facts, the reviewed recode-file entry that allowed it. Key change_id. Append-only; an unchanged reload adds nothing.';


--
-- Name: COLUMN reference_change.change_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.change_id IS 'Sequence number of the logged change; key.';


--
-- Name: COLUMN reference_change.reference_checksum; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.reference_checksum IS 'Checksum of the reference files of the load that made the change (core.reference_load.checksum).';


--
-- Name: COLUMN reference_change.version_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.version_id IS 'Administrative version of the unit (Phiên bản), e.g. vn-2025-07.';


--
-- Name: COLUMN reference_change.unit_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.unit_code IS 'Unit code (Mã đơn vị) as stored before the load (as incoming for an added unit).';


--
-- Name: COLUMN reference_change.change; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.change IS 'What the files did to the unit: added (new code), changed (name, division_type, level, parent_code or province_code differ) or removed (code no longer in the list).';


--
-- Name: COLUMN reference_change.action; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.action IS 'What the load did: applied (unit without accepted facts, or added: taken as in the files), renamed (unit with accepted facts, same unit, new attributes accepted after review; facts stay) or recoded (its accepted facts moved to new_unit_code after review).';


--
-- Name: COLUMN reference_change.old_level; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.old_level IS 'Level before the load: province, district or commune; null when added.';


--
-- Name: COLUMN reference_change.old_name; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.old_name IS 'Name before the load (Tên cũ), NFC; null when added.';


--
-- Name: COLUMN reference_change.old_division_type; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.old_division_type IS 'Division type before the load (e.g. xã, phường); null when added.';


--
-- Name: COLUMN reference_change.old_parent_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.old_parent_code IS 'Parent unit code before the load; null when added or a province.';


--
-- Name: COLUMN reference_change.old_province_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.old_province_code IS 'Province code before the load; null when added.';


--
-- Name: COLUMN reference_change.new_level; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_level IS 'Level after the load; null when removed.';


--
-- Name: COLUMN reference_change.new_name; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_name IS 'Name after the load (Tên mới), NFC; null when removed.';


--
-- Name: COLUMN reference_change.new_division_type; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_division_type IS 'Division type after the load; null when removed.';


--
-- Name: COLUMN reference_change.new_parent_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_parent_code IS 'Parent unit code after the load; null when removed or a province.';


--
-- Name: COLUMN reference_change.new_province_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_province_code IS 'Province code after the load; null when removed.';


--
-- Name: COLUMN reference_change.new_unit_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.new_unit_code IS 'For action = recoded: the commune code the accepted facts were moved to; null otherwise.';


--
-- Name: COLUMN reference_change.facts_moved; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.facts_moved IS 'For action = recoded: rows of core.commune_report moved to new_unit_code; null otherwise.';


--
-- Name: COLUMN reference_change.reviewed_by; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.reviewed_by IS 'Reviewer named in the recode file (Người rà soát); null for action = applied.';


--
-- Name: COLUMN reference_change.reviewed_on; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.reviewed_on IS 'Review date named in the recode file; null for action = applied.';


--
-- Name: COLUMN reference_change.reason; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.reason IS 'Reason given in the recode file (Lý do); null for action = applied.';


--
-- Name: COLUMN reference_change.logged_at; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.reference_change.logged_at IS 'When the load that made the change ran (Thời điểm ghi nhận), timestamptz.';


--
-- Name: reference_change_change_id_seq; Type: SEQUENCE; Schema: dq; Owner: -
--

ALTER TABLE dq.reference_change ALTER COLUMN change_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dq.reference_change_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: regression; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.regression (
    payload_id bigint NOT NULL,
    commune_code text NOT NULL,
    section text NOT NULL,
    citizen_group text NOT NULL,
    previous_report_date date NOT NULL,
    previous_participated bigint NOT NULL,
    participated bigint NOT NULL,
    drop_share numeric NOT NULL,
    severity text NOT NULL,
    CONSTRAINT regression_severity_check CHECK ((severity = ANY (ARRAY['warning'::text, 'quarantine'::text])))
);


--
-- Name: TABLE regression; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.regression IS 'Rows whose cumulative participated fell compared with the province''s previous accepted day (Số liệu lũy kế giảm), rule cumulative_regression. Key (payload_id, commune_code, section, citizen_group).';


--
-- Name: COLUMN regression.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.payload_id IS 'Payload id (Mã bản tin), references raw.report_payload; part of the key.';


--
-- Name: COLUMN regression.commune_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.commune_code IS 'Commune code (Mã xã), 5 digits; part of the key.';


--
-- Name: COLUMN regression.section; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.section IS 'Section of the draft (Phần/chương) of the row; empty string for a commune total or a row without section; part of the key.';


--
-- Name: COLUMN regression.citizen_group; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.citizen_group IS 'Citizen group (Nhóm đối tượng) of the row; empty string for a commune total or a row without group; part of the key.';


--
-- Name: COLUMN regression.previous_report_date; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.previous_report_date IS 'The province''s previous accepted day the row was compared with (Ngày báo cáo trước).';


--
-- Name: COLUMN regression.previous_participated; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.previous_participated IS 'participated of the same row on previous_report_date, persons.';


--
-- Name: COLUMN regression.participated; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.participated IS 'participated in this payload, persons (lower than previous_participated).';


--
-- Name: COLUMN regression.drop_share; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.drop_share IS 'Share of the fall (Tỷ lệ giảm) = (previous_participated - participated) / previous_participated, fraction in (0,1], rounded to 6 decimals.';


--
-- Name: COLUMN regression.severity; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.regression.severity IS 'warning (accepted; drop_share <= VNEID_REGRESSION_QUARANTINE_SHARE, default 0.05) or quarantine (the payload was rejected).';


--
-- Name: report_revision; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.report_revision (
    payload_id bigint NOT NULL,
    campaign_id text NOT NULL,
    province_code text NOT NULL,
    report_date date NOT NULL,
    revision integer,
    status text NOT NULL,
    reason text,
    is_late boolean,
    generated_at timestamp with time zone,
    row_count integer,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT report_revision_check CHECK (((status = 'accepted'::text) = (reason IS NULL))),
    CONSTRAINT report_revision_status_check CHECK ((status = ANY (ARRAY['accepted'::text, 'quarantined'::text, 'ignored'::text])))
);


--
-- Name: TABLE report_revision; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.report_revision IS 'Fate of every distinct payload received (Kết quả xử lý từng lần gửi báo cáo): accepted, quarantined or ignored, with the reason. Key payload_id. Never deleted.';


--
-- Name: COLUMN report_revision.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.payload_id IS 'Payload id (Mã bản tin), references raw.report_payload; key.';


--
-- Name: COLUMN report_revision.campaign_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân).';


--
-- Name: COLUMN report_revision.province_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.province_code IS 'Province code (Mã tỉnh), 2 digits.';


--
-- Name: COLUMN report_revision.report_date; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh.';


--
-- Name: COLUMN report_revision.revision; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.revision IS 'Revision number (Lần gửi) declared by the province (HTTP body or .rN file suffix); null when it could not be read.';


--
-- Name: COLUMN report_revision.status; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.status IS 'Decision (Kết quả): accepted (đã tiếp nhận), quarantined (bị cách ly: a rule was broken) or ignored (valid but its revision is not higher than the one already accepted).';


--
-- Name: COLUMN report_revision.reason; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.reason IS 'One-line reason (Lý do): up to three broken rules with their first offending row, or why it was ignored; null if and only if status = ''accepted''. Full list in dq.validation_failure.';


--
-- Name: COLUMN report_revision.is_late; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.is_late IS 'Late (Trễ hạn): generated_at is after 15:00 +07:00 on the report day; null when the timestamp could not be read.';


--
-- Name: COLUMN report_revision.generated_at; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.generated_at IS 'When the province produced this revision (Thời điểm lập báo cáo): generated_at of the HTTP body or the file modification time; null when unreadable.';


--
-- Name: COLUMN report_revision.row_count; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.row_count IS 'Number of data rows read from the payload (Số dòng); null when the payload could not be read.';


--
-- Name: COLUMN report_revision.decided_at; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.report_revision.decided_at IS 'When the pipeline recorded this decision (Thời điểm xử lý), timestamptz.';


--
-- Name: revision_change; Type: VIEW; Schema: dq; Owner: -
--

CREATE VIEW dq.revision_change AS
 WITH accepted AS (
         SELECT province_report.payload_id,
            province_report.campaign_id,
            province_report.province_code,
            province_report.report_date,
            province_report.revision,
            province_report.accepted_at,
            lag(province_report.payload_id) OVER day_revisions AS previous_payload_id,
            lag(province_report.revision) OVER day_revisions AS previous_revision
           FROM core.province_report
          WINDOW day_revisions AS (PARTITION BY province_report.campaign_id, province_report.province_code, province_report.report_date ORDER BY province_report.revision)
        ), pairs AS (
         SELECT accepted.payload_id,
            accepted.campaign_id,
            accepted.province_code,
            accepted.report_date,
            accepted.revision,
            accepted.accepted_at,
            accepted.previous_payload_id,
            accepted.previous_revision
           FROM accepted
          WHERE (accepted.previous_payload_id IS NOT NULL)
        ), new_rows AS (
         SELECT fact.payload_id,
            fact.campaign_id,
            fact.report_date,
            fact.province_code,
            fact.commune_code,
            fact.section,
            fact.citizen_group,
            fact.eligible,
            fact.participated,
            fact.agreed
           FROM (pairs pairs_1
             JOIN core.commune_report fact ON ((fact.payload_id = pairs_1.payload_id)))
        ), old_rows AS (
         SELECT pairs_1.payload_id AS superseded_by,
            fact.payload_id,
            fact.campaign_id,
            fact.report_date,
            fact.province_code,
            fact.commune_code,
            fact.section,
            fact.citizen_group,
            fact.eligible,
            fact.participated,
            fact.agreed
           FROM (pairs pairs_1
             JOIN core.commune_report fact ON ((fact.payload_id = pairs_1.previous_payload_id)))
        ), changes AS (
         SELECT COALESCE(new_rows.payload_id, old_rows.superseded_by) AS payload_id,
            COALESCE(new_rows.commune_code, old_rows.commune_code) AS commune_code,
            COALESCE(new_rows.section, old_rows.section) AS section,
            COALESCE(new_rows.citizen_group, old_rows.citizen_group) AS citizen_group,
            old_rows.eligible AS previous_eligible,
            new_rows.eligible,
            old_rows.participated AS previous_participated,
            new_rows.participated,
            old_rows.agreed AS previous_agreed,
            new_rows.agreed
           FROM (new_rows
             FULL JOIN old_rows ON (((old_rows.superseded_by = new_rows.payload_id) AND (old_rows.commune_code = new_rows.commune_code) AND (old_rows.section = new_rows.section) AND (old_rows.citizen_group = new_rows.citizen_group))))
          WHERE (((new_rows.eligible IS DISTINCT FROM old_rows.eligible) OR (new_rows.participated IS DISTINCT FROM old_rows.participated)) OR (new_rows.agreed IS DISTINCT FROM old_rows.agreed))
        )
 SELECT pairs.campaign_id,
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
   FROM (changes
     JOIN pairs ON ((pairs.payload_id = changes.payload_id)));


--
-- Name: VIEW revision_change; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON VIEW dq.revision_change IS 'Corrections row by row (Thay đổi giữa các lần gửi): for each accepted revision that superseded an earlier accepted one of the same province-day, the rows whose eligible, participated or agreed differ. A row added or dropped by the correction has nulls on the side where it is absent. Not readable by bi_reader.';


--
-- Name: COLUMN revision_change.campaign_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân).';


--
-- Name: COLUMN revision_change.province_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.province_code IS 'Province code (Mã tỉnh), 2 digits.';


--
-- Name: COLUMN revision_change.report_date; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh.';


--
-- Name: COLUMN revision_change.previous_revision; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.previous_revision IS 'Revision number (Lần gửi) of the superseded accepted revision.';


--
-- Name: COLUMN revision_change.revision; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.revision IS 'Revision number (Lần gửi) of the correcting accepted revision.';


--
-- Name: COLUMN revision_change.previous_payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.previous_payload_id IS 'Payload id of the superseded revision (raw.report_payload).';


--
-- Name: COLUMN revision_change.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.payload_id IS 'Payload id of the correcting revision (raw.report_payload).';


--
-- Name: COLUMN revision_change.accepted_at; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.accepted_at IS 'When the correcting revision was accepted (Thời điểm tiếp nhận), timestamptz.';


--
-- Name: COLUMN revision_change.commune_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.commune_code IS 'Commune code (Mã xã) of the changed row, 5 digits.';


--
-- Name: COLUMN revision_change.section; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.section IS 'Section of the draft (Phần/chương) of the changed row; empty string for a commune total.';


--
-- Name: COLUMN revision_change.citizen_group; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.citizen_group IS 'Citizen group (Nhóm đối tượng) of the changed row; empty string for a commune total.';


--
-- Name: COLUMN revision_change.previous_eligible; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.previous_eligible IS 'eligible (Số công dân có tài khoản định danh điện tử mức 2) in the superseded revision, persons; null when the row was added by the correction.';


--
-- Name: COLUMN revision_change.eligible; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.eligible IS 'eligible in the correcting revision, persons; null when the row was dropped by the correction.';


--
-- Name: COLUMN revision_change.previous_participated; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.previous_participated IS 'participated (Số công dân đã tham gia góp ý) in the superseded revision, persons; null when the row was added.';


--
-- Name: COLUMN revision_change.participated; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.participated IS 'participated in the correcting revision, persons; null when the row was dropped.';


--
-- Name: COLUMN revision_change.previous_agreed; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.previous_agreed IS 'agreed (Số công dân tán thành) in the superseded revision, persons; null when the row was added or agreed was not reported.';


--
-- Name: COLUMN revision_change.agreed; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.revision_change.agreed IS 'agreed in the correcting revision, persons; null when the row was dropped or agreed was not reported.';


--
-- Name: sign_off_answer; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.sign_off_answer (
    request_id bigint NOT NULL,
    decision text NOT NULL,
    answered_by text,
    answered_at timestamp with time zone NOT NULL,
    reason text,
    outcome text NOT NULL,
    outcome_detail text,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sign_off_answer_decision_check CHECK ((decision = ANY (ARRAY['approved'::text, 'rejected'::text, 'unanswered'::text]))),
    CONSTRAINT sign_off_answer_outcome_check CHECK ((outcome = ANY (ARRAY['applied'::text, 'stale'::text, 'expired'::text])))
);


--
-- Name: TABLE sign_off_answer; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.sign_off_answer IS 'The answer to a request: approved, rejected (with the reviewer''s reason) or unanswered by its deadline; outcome stale when a newer publication had superseded the figures it was shown, which then changes nothing.';


--
-- Name: sign_off_request; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.sign_off_request (
    request_id bigint NOT NULL,
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    fingerprint text NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    reviewers text[] NOT NULL,
    dag_run_id text,
    shown jsonb NOT NULL
);


--
-- Name: TABLE sign_off_request; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.sign_off_request IS 'One review request per publication put before Cục C06 (vneid_sign_off, or make run APPROVE=<name>): the figures'' fingerprint and what the request showed.';


--
-- Name: sign_off_request_request_id_seq; Type: SEQUENCE; Schema: dq; Owner: -
--

ALTER TABLE dq.sign_off_request ALTER COLUMN request_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dq.sign_off_request_request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: validation_failure; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.validation_failure (
    payload_id bigint NOT NULL,
    failure_number integer NOT NULL,
    rule text NOT NULL,
    row_number integer,
    commune_code text,
    column_name text,
    value text,
    message text NOT NULL
);


--
-- Name: TABLE validation_failure; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.validation_failure IS 'One row per rule violation of a quarantined payload (Lỗi kiểm tra dữ liệu), the same list as the province''s feedback file. Key (payload_id, failure_number).';


--
-- Name: COLUMN validation_failure.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.payload_id IS 'Payload id (Mã bản tin), references raw.report_payload; part of the key.';


--
-- Name: COLUMN validation_failure.failure_number; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.failure_number IS 'Sequence number of the violation within the payload, from 1; part of the key.';


--
-- Name: COLUMN validation_failure.rule; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.rule IS 'Broken rule (Quy tắc), e.g. participated_le_eligible, cumulative_regression, province_total_reconciles (docs/contracts.md section 6).';


--
-- Name: COLUMN validation_failure.row_number; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.row_number IS 'Data row number (Dòng), counted from 1 without the header; null for file-level problems.';


--
-- Name: COLUMN validation_failure.commune_code; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.commune_code IS 'Commune code (Mã xã) of the offending row as normalised; null when not applicable.';


--
-- Name: COLUMN validation_failure.column_name; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.column_name IS 'Column at fault (Cột); null when not applicable.';


--
-- Name: COLUMN validation_failure.value; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.value IS 'Offending value as received (Giá trị), as text; null when absent.';


--
-- Name: COLUMN validation_failure.message; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_failure.message IS 'Explanation of the violation (Mô tả).';


--
-- Name: validation_result; Type: TABLE; Schema: dq; Owner: -
--

CREATE TABLE dq.validation_result (
    payload_id bigint NOT NULL,
    expectation_number integer NOT NULL,
    rule text NOT NULL,
    expectation_type text NOT NULL,
    column_name text,
    success boolean NOT NULL,
    unexpected_count bigint,
    element_count bigint
);


--
-- Name: TABLE validation_result; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON TABLE dq.validation_result IS 'Outcome of every expectation of the Great Expectations suite for each validated payload (Kết quả kiểm tra dữ liệu): passes as well as failures; the failing rows themselves are in dq.validation_failure.';


--
-- Name: COLUMN validation_result.payload_id; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.payload_id IS 'Validated payload (raw.report_payload).';


--
-- Name: COLUMN validation_result.expectation_number; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.expectation_number IS 'Position of the expectation in the suite run (1-based); part of the key.';


--
-- Name: COLUMN validation_result.rule; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.rule IS 'Rule name from the expectation''s meta (as in quarantine reasons and feedback files).';


--
-- Name: COLUMN validation_result.expectation_type; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.expectation_type IS 'Great Expectations expectation type, e.g. expect_column_values_to_not_be_null.';


--
-- Name: COLUMN validation_result.column_name; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.column_name IS 'Column the expectation checks; null for table-level expectations.';


--
-- Name: COLUMN validation_result.success; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.success IS 'True when the payload met the expectation.';


--
-- Name: COLUMN validation_result.unexpected_count; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.unexpected_count IS 'Rows that broke the expectation, when Great Expectations counted them; null otherwise.';


--
-- Name: COLUMN validation_result.element_count; Type: COMMENT; Schema: dq; Owner: -
--

COMMENT ON COLUMN dq.validation_result.element_count IS 'Rows the expectation looked at, when counted; null otherwise.';


--
-- Name: commune_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.commune_daily (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    commune_code text NOT NULL,
    commune_name text NOT NULL,
    district_code text,
    province_code text NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    rank_in_province integer,
    target_rate numeric,
    target_gap numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE commune_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.commune_daily IS 'Commune figures per campaign and report day (Xã/phường/thị trấn theo ngày). Key (campaign_id, report_date, commune_code). One row per commune-total row in the current revision of an accepted province; a commune left out of its province''s report, or in a province that is not accepted, has no row.';


--
-- Name: COLUMN commune_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN commune_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN commune_daily.commune_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.commune_code IS 'Commune code (Mã xã), 5 digits as text with leading zeros; part of the key.';


--
-- Name: COLUMN commune_daily.commune_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.commune_name IS 'Commune name (Tên xã/phường/thị trấn/đặc khu) from the administrative version (the name a province sends is ignored), Unicode NFC.';


--
-- Name: COLUMN commune_daily.district_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.district_code IS 'Parent district code (Mã huyện), 3 digits, in versions with districts; null in versions without districts (vn-2025-07).';


--
-- Name: COLUMN commune_daily.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.province_code IS 'Province code (Mã tỉnh), 2 digits.';


--
-- Name: COLUMN commune_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative, as reported in the commune-total row.';


--
-- Name: COLUMN commune_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative, as reported.';


--
-- Name: COLUMN commune_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.participated_new IS 'New participants (Số người tham gia mới) = participated today minus the commune''s participated on the province''s previous accepted day; null when there is no such day or the commune was not in that report. Negative when the figure fell.';


--
-- Name: COLUMN commune_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons, as reported; null = not reported (unknown), never 0.';


--
-- Name: COLUMN commune_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN commune_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN commune_daily.rank_in_province; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.rank_in_province IS 'Rank within the province (Xếp hạng trong tỉnh): 1, 2, 3 ... among the communes of the province with a non-null participation_rate, by participation_rate descending, ties broken by commune_code ascending; null when the rate is null.';


--
-- Name: COLUMN commune_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the commune''s province (core.campaign_target, else the campaign''s target_rate), fraction in [0,1].';


--
-- Name: COLUMN commune_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target, negative = above; null when participation_rate is null.';


--
-- Name: COLUMN commune_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: commune_daily_by_citizen_group; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.commune_daily_by_citizen_group (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    commune_code text NOT NULL,
    province_code text NOT NULL,
    citizen_group text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE commune_daily_by_citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.commune_daily_by_citizen_group IS 'Commune figures by citizen group (Theo nhóm đối tượng, e.g. cán bộ công chức, công nhân khu công nghiệp, học sinh sinh viên, lực lượng vũ trang, người dân khác), from the breakdown rows with a citizen_group and no section in the current revision of an accepted province. Key (campaign_id, report_date, commune_code, citizen_group). Commune totals are in mart.commune_daily.';


--
-- Name: COLUMN commune_daily_by_citizen_group.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN commune_daily_by_citizen_group.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN commune_daily_by_citizen_group.commune_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.commune_code IS 'Commune code (Mã xã), 5 digits; part of the key.';


--
-- Name: COLUMN commune_daily_by_citizen_group.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.province_code IS 'Province code (Mã tỉnh), 2 digits.';


--
-- Name: COLUMN commune_daily_by_citizen_group.citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.citizen_group IS 'Citizen group (Nhóm đối tượng), free text as sent by the province (trimmed, Unicode NFC), never empty; part of the key.';


--
-- Name: COLUMN commune_daily_by_citizen_group.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.eligible IS 'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative, as reported.';


--
-- Name: COLUMN commune_daily_by_citizen_group.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.participated IS 'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative, as reported.';


--
-- Name: COLUMN commune_daily_by_citizen_group.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.agreed IS 'Participants of the group who chose Tán thành (Số công dân tán thành), persons; null when not reported (unknown).';


--
-- Name: COLUMN commune_daily_by_citizen_group.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN commune_daily_by_citizen_group.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN commune_daily_by_citizen_group.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_citizen_group.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: commune_daily_by_section; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.commune_daily_by_section (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    commune_code text NOT NULL,
    province_code text NOT NULL,
    section text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE commune_daily_by_section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.commune_daily_by_section IS 'Commune figures by section of the draft (Theo phần/chương của dự thảo), from the breakdown rows with a section in the current revision of an accepted province, summed over citizen groups when a report crosses both. Key (campaign_id, report_date, commune_code, section). Only communes whose province sent section breakdowns have rows; commune totals are in mart.commune_daily.';


--
-- Name: COLUMN commune_daily_by_section.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN commune_daily_by_section.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN commune_daily_by_section.commune_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.commune_code IS 'Commune code (Mã xã), 5 digits; part of the key.';


--
-- Name: COLUMN commune_daily_by_section.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.province_code IS 'Province code (Mã tỉnh), 2 digits.';


--
-- Name: COLUMN commune_daily_by_section.section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.section IS 'Section of the draft (Phần/chương của dự thảo), free text as sent by the province (trimmed, Unicode NFC), never empty; part of the key.';


--
-- Name: COLUMN commune_daily_by_section.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons, cumulative; sum of the section''s rows.';


--
-- Name: COLUMN commune_daily_by_section.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.participated IS 'Residents who gave an opinion on this section through VNeID (Số công dân đã góp ý phần này), persons, cumulative; sum of the section''s rows.';


--
-- Name: COLUMN commune_daily_by_section.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.agreed IS 'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every row of the section has agreed, otherwise null (unknown).';


--
-- Name: COLUMN commune_daily_by_section.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN commune_daily_by_section.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN commune_daily_by_section.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_by_section.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: commune_daily_current_units; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.commune_daily_current_units (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    current_version_id text NOT NULL,
    commune_code text NOT NULL,
    commune_name text NOT NULL,
    province_code text NOT NULL,
    restatement text NOT NULL,
    is_exact boolean NOT NULL,
    former_commune_codes text,
    former_communes_expected integer NOT NULL,
    former_communes_reported integer NOT NULL,
    former_communes_partial integer NOT NULL,
    is_complete boolean NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    eligible_from_partial_parents bigint,
    partial_parent_share numeric,
    target_rate numeric,
    target_gap numeric,
    published_at timestamp with time zone NOT NULL,
    CONSTRAINT commune_daily_current_units_restatement_check CHECK ((restatement = ANY (ARRAY['exact'::text, 'not_exact'::text, 'no_pre_reform_commune'::text])))
);


--
-- Name: TABLE commune_daily_current_units; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.commune_daily_current_units IS 'Commune figures of a campaign held in an older administrative version, restated in the communes of the latest version (Số liệu quy đổi theo xã, phường hiện hành), e.g. hien-phap-2025 (10,051 communes) in the 3,321 communes of vn-2025-07. Built from mart.commune_daily through core.commune_crosswalk, without apportioning. Key (campaign_id, report_date, commune_code); every commune of the latest version has a row. Only rows with is_exact carry exact sums; sum exact rows only, never all rows (a split former commune counts in full in each current commune it went into).';


--
-- Name: COLUMN commune_daily_current_units.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân) being restated; part of the key.';


--
-- Name: COLUMN commune_daily_current_units.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN commune_daily_current_units.current_version_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.current_version_id IS 'The latest administrative version (Phiên bản đơn vị hành chính hiện hành), today vn-2025-07.';


--
-- Name: COLUMN commune_daily_current_units.commune_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.commune_code IS 'Current commune code (Mã xã hiện hành) in current_version_id, 5 digits; part of the key.';


--
-- Name: COLUMN commune_daily_current_units.commune_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.commune_name IS 'Current commune name (Tên xã hiện hành), Unicode NFC.';


--
-- Name: COLUMN commune_daily_current_units.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.province_code IS 'Current province of the commune (Mã tỉnh hiện hành), 2 digits.';


--
-- Name: COLUMN commune_daily_current_units.restatement; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.restatement IS 'How the row was restated (Cách quy đổi): exact (every former commune went whole into this commune alone, in both directions of the table), not_exact (at least one former commune was split or only partly merged), no_pre_reform_commune (a unit created in 2025 with no former commune, e.g. the special zone Hoàng Sa: no figures).';


--
-- Name: COLUMN commune_daily_current_units.is_exact; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.is_exact IS 'True when restatement = exact (Quy đổi chính xác): the sums are the exact figures of this commune''s territory.';


--
-- Name: COLUMN commune_daily_current_units.former_commune_codes; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.former_commune_codes IS 'Former communes that contributed to it (Mã các xã cũ), comma-separated in code order; null for no_pre_reform_commune.';


--
-- Name: COLUMN commune_daily_current_units.former_communes_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.former_communes_expected IS 'How many former communes contributed to it (Số xã cũ).';


--
-- Name: COLUMN commune_daily_current_units.former_communes_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.former_communes_reported IS 'How many of those have a figure that day in mart.commune_daily (Số xã cũ có số liệu).';


--
-- Name: COLUMN commune_daily_current_units.former_communes_partial; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.former_communes_partial IS 'How many of those were split between several current communes or marked partly merged in either direction (Số xã cũ bị chia tách hoặc sáp nhập một phần).';


--
-- Name: COLUMN commune_daily_current_units.is_complete; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.is_complete IS 'True when every former commune has a figure that day (Đủ số xã cũ có số liệu); false for no_pre_reform_commune. An incomplete row sums fewer former communes than it stands for.';


--
-- Name: COLUMN commune_daily_current_units.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons: sum over the former communes with a figure, each counted in full; exact only when is_exact; null when none has a figure.';


--
-- Name: COLUMN commune_daily_current_units.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, summed as eligible.';


--
-- Name: COLUMN commune_daily_current_units.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.participated_new IS 'New participants since the previous accepted day (Số người tham gia mới), summed as eligible; null when any former commune with a figure has none.';


--
-- Name: COLUMN commune_daily_current_units.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), summed as eligible; null when any former commune with a figure has no agreed figure (unknown).';


--
-- Name: COLUMN commune_daily_current_units.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible of the sums, exact numeric fraction in [0,1]; null when eligible is 0 or null. For a row that is not exact it is the rate of all its former communes together, not of this commune.';


--
-- Name: COLUMN commune_daily_current_units.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated of the sums; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN commune_daily_current_units.eligible_from_partial_parents; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.eligible_from_partial_parents IS 'Part of eligible that comes from former communes that were split or partly merged (Số tài khoản mức 2 thuộc xã cũ bị chia tách), persons; 0 for an exact row; null when eligible is null.';


--
-- Name: COLUMN commune_daily_current_units.partial_parent_share; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.partial_parent_share IS 'eligible_from_partial_parents / eligible (Tỷ trọng từ xã cũ bị chia tách), fraction in [0,1]: how much of the row rests on figures not wholly this commune''s; null when eligible is 0 or null.';


--
-- Name: COLUMN commune_daily_current_units.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.target_rate IS 'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not restated.';


--
-- Name: COLUMN commune_daily_current_units.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, for exact rows only (null otherwise): positive = below target.';


--
-- Name: COLUMN commune_daily_current_units.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.commune_daily_current_units.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: district_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.district_daily (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    district_code text NOT NULL,
    district_name text NOT NULL,
    province_code text NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    communes_reported integer NOT NULL,
    communes_expected integer NOT NULL,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE district_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.district_daily IS 'District figures per campaign and report day (Huyện/quận theo ngày), summed from mart.commune_daily. Key (campaign_id, report_date, district_code). Only for administrative versions with districts (vn-2025-01), empty otherwise; one row per district with at least one reported commune; no rank.';


--
-- Name: COLUMN district_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN district_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN district_daily.district_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.district_code IS 'District code (Mã huyện), 3 digits as text with leading zeros; part of the key.';


--
-- Name: COLUMN district_daily.district_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.district_name IS 'District name (Tên huyện/quận/thị xã/thành phố thuộc tỉnh) in the administrative version, Unicode NFC.';


--
-- Name: COLUMN district_daily.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.province_code IS 'Province code (Mã tỉnh) of the district, 2 digits.';


--
-- Name: COLUMN district_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the district''s rows in mart.commune_daily.';


--
-- Name: COLUMN district_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the district''s communes.';


--
-- Name: COLUMN district_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.participated_new IS 'New participants (Số người tham gia mới): sum of the non-null participated_new of the district''s communes; null when all are null. Can be negative.';


--
-- Name: COLUMN district_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every reported commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN district_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN district_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN district_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the district''s province (core.campaign_target, else the campaign''s target_rate), fraction in [0,1].';


--
-- Name: COLUMN district_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';


--
-- Name: COLUMN district_daily.communes_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.communes_reported IS 'Communes of the district with a row in mart.commune_daily that day (Số xã đã báo cáo).';


--
-- Name: COLUMN district_daily.communes_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.communes_expected IS 'Communes of the district in the administrative version (Số xã phải báo cáo).';


--
-- Name: COLUMN district_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: district_daily_by_citizen_group; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.district_daily_by_citizen_group (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    district_code text NOT NULL,
    province_code text NOT NULL,
    citizen_group text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE district_daily_by_citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.district_daily_by_citizen_group IS 'District figures by citizen group (Huyện theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group. Key (campaign_id, report_date, district_code, citizen_group). Only for administrative versions with districts (vn-2025-01), empty otherwise.';


--
-- Name: COLUMN district_daily_by_citizen_group.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN district_daily_by_citizen_group.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN district_daily_by_citizen_group.district_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.district_code IS 'District code (Mã huyện), 3 digits; part of the key.';


--
-- Name: COLUMN district_daily_by_citizen_group.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.province_code IS 'Province code (Mã tỉnh) of the district, 2 digits.';


--
-- Name: COLUMN district_daily_by_citizen_group.citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.citizen_group IS 'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN district_daily_by_citizen_group.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.eligible IS 'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the district''s communes.';


--
-- Name: COLUMN district_daily_by_citizen_group.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.participated IS 'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the district''s communes.';


--
-- Name: COLUMN district_daily_by_citizen_group.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.agreed IS 'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN district_daily_by_citizen_group.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN district_daily_by_citizen_group.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN district_daily_by_citizen_group.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_citizen_group.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: district_daily_by_section; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.district_daily_by_section (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    district_code text NOT NULL,
    province_code text NOT NULL,
    section text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE district_daily_by_section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.district_daily_by_section IS 'District figures by section of the draft (Huyện theo phần/chương của dự thảo), summed from mart.commune_daily_by_section. Key (campaign_id, report_date, district_code, section). Only for administrative versions with districts (vn-2025-01), empty otherwise.';


--
-- Name: COLUMN district_daily_by_section.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN district_daily_by_section.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN district_daily_by_section.district_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.district_code IS 'District code (Mã huyện), 3 digits; part of the key.';


--
-- Name: COLUMN district_daily_by_section.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.province_code IS 'Province code (Mã tỉnh) of the district, 2 digits.';


--
-- Name: COLUMN district_daily_by_section.section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.section IS 'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN district_daily_by_section.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over the district''s communes.';


--
-- Name: COLUMN district_daily_by_section.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.participated IS 'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over the district''s communes.';


--
-- Name: COLUMN district_daily_by_section.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.agreed IS 'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN district_daily_by_section.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN district_daily_by_section.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN district_daily_by_section.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.district_daily_by_section.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: national_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.national_daily (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    provinces_reported integer NOT NULL,
    provinces_expected integer NOT NULL,
    published_at timestamp with time zone NOT NULL,
    provinces_on_time integer,
    provinces_late integer,
    provinces_quarantined integer,
    provinces_missing integer,
    is_complete boolean,
    figures_status text DEFAULT 'provisional'::text NOT NULL,
    approved_by text,
    approved_at timestamp with time zone,
    fingerprint text,
    CONSTRAINT national_daily_figures_status_check CHECK ((figures_status = ANY (ARRAY['provisional'::text, 'official'::text])))
);


--
-- Name: TABLE national_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.national_daily IS 'Nation-wide figures per campaign and report day (Toàn quốc theo ngày), summed over the provinces with report_status = ''accepted'' only. Key (campaign_id, report_date). National figures fall when a province is missing or quarantined: check is_complete before comparing two days. Replaced a whole campaign-day at a time by the publish DAG in one transaction.';


--
-- Name: COLUMN national_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân), e.g. hien-phap-2025; part of the key.';


--
-- Name: COLUMN national_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.report_date IS 'Report day (Ngày báo cáo): calendar day in Asia/Ho_Chi_Minh the cumulative figures describe; part of the key.';


--
-- Name: COLUMN national_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN national_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative since the campaign opened; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN national_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.participated_new IS 'Change in participated since the previous accepted day (Số người tham gia mới), persons: sum of the non-null participated_new of the accepted provinces; null when all are null (e.g. first day). Can be negative when a figure fell.';


--
-- Name: COLUMN national_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.agreed IS 'Participants who chose Tán thành for the draft as a whole (Số công dân tán thành), persons, cumulative; sum over accepted provinces only when every accepted province has agreed, otherwise null (unknown).';


--
-- Name: COLUMN national_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1] (not rounded, not a percentage); null when eligible is 0 or null.';


--
-- Name: COLUMN national_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN national_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the campaign, fraction in [0,1] (core.campaign.target_rate, e.g. 0.90).';


--
-- Name: COLUMN national_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, exact fraction: positive = still below target, negative = above it; null when participation_rate is null.';


--
-- Name: COLUMN national_daily.provinces_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_reported IS 'Number of provinces with report_status = ''accepted'' that day (Số tỉnh đã báo cáo); the figures are summed over these only.';


--
-- Name: COLUMN national_daily.provinces_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_expected IS 'Number of provinces in the campaign''s administrative version (Số tỉnh phải báo cáo): 63 for vn-2025-01, 34 for vn-2025-07.';


--
-- Name: COLUMN national_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz; the same for every mart row of one publication.';


--
-- Name: COLUMN national_daily.provinces_on_time; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_on_time IS 'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn, by 15:00 +07:00 on the report day).';


--
-- Name: COLUMN national_daily.provinces_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_late IS 'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';


--
-- Name: COLUMN national_daily.provinces_quarantined; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_quarantined IS 'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly): no accepted revision, at least one rejected.';


--
-- Name: COLUMN national_daily.provinces_missing; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.provinces_missing IS 'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo): nothing received for the day.';


--
-- Name: COLUMN national_daily.is_complete; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.is_complete IS 'True when every expected province is accepted, late or not (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo).';


--
-- Name: COLUMN national_daily.figures_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.figures_status IS 'provisional (Số liệu tạm tính) until Cục C06 approves these figures, then official (Số liệu chính thức). A later publication whose figures differ is provisional again.';


--
-- Name: COLUMN national_daily.approved_by; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.approved_by IS 'The Airflow user who approved these figures; null while provisional.';


--
-- Name: COLUMN national_daily.approved_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.approved_at IS 'When these figures were approved; null while provisional.';


--
-- Name: COLUMN national_daily.fingerprint; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily.fingerprint IS 'SHA-256 of the day''s national and province figures (not of publication times): a review request names it, and an answer counts only while the publication still has it.';


--
-- Name: national_daily_by_citizen_group; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.national_daily_by_citizen_group (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    citizen_group text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE national_daily_by_citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.national_daily_by_citizen_group IS 'Nation-wide figures by citizen group (Toàn quốc theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group over the accepted provinces that sent citizen-group breakdowns (not necessarily all provinces). Key (campaign_id, report_date, citizen_group).';


--
-- Name: COLUMN national_daily_by_citizen_group.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN national_daily_by_citizen_group.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN national_daily_by_citizen_group.citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.citizen_group IS 'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN national_daily_by_citizen_group.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.eligible IS 'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over all communes with this group.';


--
-- Name: COLUMN national_daily_by_citizen_group.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.participated IS 'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over all communes with this group.';


--
-- Name: COLUMN national_daily_by_citizen_group.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.agreed IS 'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN national_daily_by_citizen_group.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN national_daily_by_citizen_group.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN national_daily_by_citizen_group.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_citizen_group.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: national_daily_by_section; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.national_daily_by_section (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    section text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE national_daily_by_section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.national_daily_by_section IS 'Nation-wide figures by section of the draft (Toàn quốc theo phần/chương của dự thảo), summed from mart.commune_daily_by_section over the accepted provinces that sent section breakdowns (not necessarily all provinces: compare with mart.national_daily with care). Key (campaign_id, report_date, section).';


--
-- Name: COLUMN national_daily_by_section.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN national_daily_by_section.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN national_daily_by_section.section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.section IS 'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN national_daily_by_section.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over all communes with this section.';


--
-- Name: COLUMN national_daily_by_section.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.participated IS 'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over all communes with this section.';


--
-- Name: COLUMN national_daily_by_section.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.agreed IS 'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN national_daily_by_section.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN national_daily_by_section.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN national_daily_by_section.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_daily_by_section.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: national_forecast; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.national_forecast (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    participation_rate numeric,
    target_rate numeric NOT NULL,
    pace_from_date date NOT NULL,
    daily_gain numeric,
    projected_target_date date,
    campaign_last_day date NOT NULL,
    target_reached boolean,
    at_risk boolean,
    provinces_at_risk integer NOT NULL,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE national_forecast; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.national_forecast IS 'National forecast per report day (Dự báo toàn quốc): the national participation rate carrying forward each province''s latest accepted report, its pace over the last seven days, the projected day the campaign target is reached, and how many provinces are at risk. Key (campaign_id, report_date).';


--
-- Name: COLUMN national_forecast.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN national_forecast.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.report_date IS 'Report day the forecast is made on (Ngày dự báo); part of the key.';


--
-- Name: COLUMN national_forecast.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.participation_rate IS 'National participation rate (Tỷ lệ tham gia toàn quốc) on report_date, each province counted with its latest accepted report on or before that day (unlike mart.national_daily, which counts only that day''s accepted reports); exact fraction.';


--
-- Name: COLUMN national_forecast.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.target_rate IS 'Campaign target participation rate (Chỉ tiêu), fraction in [0,1].';


--
-- Name: COLUMN national_forecast.pace_from_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.pace_from_date IS 'Start of the pace window: seven days before report_date, or the day before the campaign opened when that is later.';


--
-- Name: COLUMN national_forecast.daily_gain; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.daily_gain IS 'National participation-rate gain per day since pace_from_date (Tốc độ tăng bình quân mỗi ngày), fraction per day.';


--
-- Name: COLUMN national_forecast.projected_target_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.projected_target_date IS 'Projected day the national target is reached at the recent pace (Ngày dự kiến đạt chỉ tiêu); null when reached, not progressing, or without data.';


--
-- Name: COLUMN national_forecast.campaign_last_day; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.campaign_last_day IS 'Last day of the campaign (Ngày kết thúc đợt lấy ý kiến).';


--
-- Name: COLUMN national_forecast.target_reached; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.target_reached IS 'True when the national participation_rate >= target_rate (Đã đạt chỉ tiêu).';


--
-- Name: COLUMN national_forecast.at_risk; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.at_risk IS 'At risk (Có nguy cơ không đạt chỉ tiêu): not reached and the pace is not positive or the projected day is after campaign_last_day.';


--
-- Name: COLUMN national_forecast.provinces_at_risk; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.provinces_at_risk IS 'Number of provinces flagged at_risk in mart.province_forecast that day (Số tỉnh có nguy cơ).';


--
-- Name: COLUMN national_forecast.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.national_forecast.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố).';


--
-- Name: official_national_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.official_national_daily (
    approval_id bigint NOT NULL,
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    approved_by text NOT NULL,
    approved_at timestamp with time zone NOT NULL,
    fingerprint text NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    provinces_reported integer NOT NULL,
    provinces_expected integer NOT NULL,
    provinces_on_time integer,
    provinces_late integer,
    provinces_quarantined integer,
    provinces_missing integer,
    is_complete boolean,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE official_national_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.official_national_daily IS 'The national figures of every approval (history): one row per approval; the last one per day is in official.national_daily.';


--
-- Name: COLUMN official_national_daily.approval_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.approval_id IS 'The request (dq.sign_off_request) whose approval made these figures official.';


--
-- Name: COLUMN official_national_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân), e.g. hien-phap-2025; part of the key.';


--
-- Name: COLUMN official_national_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.report_date IS 'Report day (Ngày báo cáo): calendar day in Asia/Ho_Chi_Minh the cumulative figures describe; part of the key.';


--
-- Name: COLUMN official_national_daily.approved_by; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.approved_by IS 'The Airflow user who approved.';


--
-- Name: COLUMN official_national_daily.approved_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.approved_at IS 'When they approved.';


--
-- Name: COLUMN official_national_daily.fingerprint; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.fingerprint IS 'The fingerprint of the approved figures (mart.national_daily.fingerprint).';


--
-- Name: COLUMN official_national_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN official_national_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative since the campaign opened; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN official_national_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.participated_new IS 'Change in participated since the previous accepted day (Số người tham gia mới), persons: sum of the non-null participated_new of the accepted provinces; null when all are null (e.g. first day). Can be negative when a figure fell.';


--
-- Name: COLUMN official_national_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.agreed IS 'Participants who chose Tán thành for the draft as a whole (Số công dân tán thành), persons, cumulative; sum over accepted provinces only when every accepted province has agreed, otherwise null (unknown).';


--
-- Name: COLUMN official_national_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1] (not rounded, not a percentage); null when eligible is 0 or null.';


--
-- Name: COLUMN official_national_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN official_national_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the campaign, fraction in [0,1] (core.campaign.target_rate, e.g. 0.90).';


--
-- Name: COLUMN official_national_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, exact fraction: positive = still below target, negative = above it; null when participation_rate is null.';


--
-- Name: COLUMN official_national_daily.provinces_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_reported IS 'Number of provinces with report_status = ''accepted'' that day (Số tỉnh đã báo cáo); the figures are summed over these only.';


--
-- Name: COLUMN official_national_daily.provinces_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_expected IS 'Number of provinces in the campaign''s administrative version (Số tỉnh phải báo cáo): 63 for vn-2025-01, 34 for vn-2025-07.';


--
-- Name: COLUMN official_national_daily.provinces_on_time; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_on_time IS 'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn, by 15:00 +07:00 on the report day).';


--
-- Name: COLUMN official_national_daily.provinces_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_late IS 'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';


--
-- Name: COLUMN official_national_daily.provinces_quarantined; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_quarantined IS 'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly): no accepted revision, at least one rejected.';


--
-- Name: COLUMN official_national_daily.provinces_missing; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.provinces_missing IS 'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo): nothing received for the day.';


--
-- Name: COLUMN official_national_daily.is_complete; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.is_complete IS 'True when every expected province is accepted, late or not (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo).';


--
-- Name: COLUMN official_national_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_national_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz; the same for every mart row of one publication.';


--
-- Name: official_province_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.official_province_daily (
    approval_id bigint NOT NULL,
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    province_name text NOT NULL,
    region_code text,
    region_name text,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    rank_change integer,
    target_gap numeric,
    report_status text NOT NULL,
    is_late boolean
);


--
-- Name: TABLE official_province_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.official_province_daily IS 'The province figures of every approval (history), keyed by approval_id as in mart.official_national_daily.';


--
-- Name: COLUMN official_province_daily.approval_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.approval_id IS 'The approval, as in mart.official_national_daily.';


--
-- Name: COLUMN official_province_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN official_province_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN official_province_daily.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.province_code IS 'Province code (Mã tỉnh), 2 digits as text with leading zero (e.g. 01), in the campaign''s administrative version; part of the key.';


--
-- Name: COLUMN official_province_daily.province_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.province_name IS 'Province name (Tên tỉnh/thành phố) in the campaign''s administrative version, Unicode NFC.';


--
-- Name: COLUMN official_province_daily.region_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.region_code IS 'Region of the province in that grouping (Mã vùng); see mart.region_daily.';


--
-- Name: COLUMN official_province_daily.region_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.region_name IS 'Region name (Tên vùng), Unicode NFC.';


--
-- Name: COLUMN official_province_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the commune-total rows of the current accepted revision; null when the province is not accepted.';


--
-- Name: COLUMN official_province_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the commune totals of the current revision; null when not accepted.';


--
-- Name: COLUMN official_province_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.participated_new IS 'New participants (Số người tham gia mới) = participated today minus participated on the province''s previous accepted day (latest earlier report date with an accepted revision, not necessarily yesterday); null when there is none or the province is not accepted. Negative when the figure fell.';


--
-- Name: COLUMN official_province_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons, cumulative; sum over the communes only when every commune reported agreed, otherwise null (unknown); null when not accepted.';


--
-- Name: COLUMN official_province_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or the province has no accepted report.';


--
-- Name: COLUMN official_province_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN official_province_daily.national_rank; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.national_rank IS 'National rank (Xếp hạng toàn quốc): 1, 2, 3 ... over the provinces with an accepted report and a non-null participation_rate that day, by participation_rate descending, ties broken by province_code ascending; null for the others.';


--
-- Name: COLUMN official_province_daily.rank_change; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.rank_change IS 'Rank change (Thay đổi thứ hạng) = national_rank on the previous calendar day minus national_rank today, yesterday ranked the same way from its current revisions (later corrections included). Positive = moved up. Null on the campaign''s first day and whenever the province is unranked on either day.';


--
-- Name: COLUMN official_province_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = still below target, negative = above; null when participation_rate is null.';


--
-- Name: COLUMN official_province_daily.report_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.report_status IS 'Report status (Trạng thái báo cáo), as in mart.report_status.status: accepted, quarantined or missing.';


--
-- Name: COLUMN official_province_daily.is_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.official_province_daily.is_late IS 'Late (Trễ hạn): the published revision''s own timestamp (generated_at, or file modification time) is after 15:00 +07:00 on the report day; as in mart.report_status; null when missing.';


--
-- Name: province_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.province_daily (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    province_name text NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    rank_change integer,
    target_rate numeric,
    target_gap numeric,
    communes_reported integer NOT NULL,
    communes_expected integer NOT NULL,
    report_status text NOT NULL,
    is_late boolean,
    revision integer,
    published_at timestamp with time zone NOT NULL,
    communes_regressed integer,
    communes_outlying integer,
    region_grouping_id text,
    region_code text,
    region_name text,
    figures_status text DEFAULT 'provisional'::text NOT NULL,
    approved_by text,
    approved_at timestamp with time zone,
    CONSTRAINT province_daily_figures_status_check CHECK ((figures_status = ANY (ARRAY['provisional'::text, 'official'::text])))
);


--
-- Name: TABLE province_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.province_daily IS 'Province figures per campaign and report day (Tỉnh/thành phố theo ngày), with national ranking and target. Key (campaign_id, report_date, province_code). One row for every province of the campaign''s administrative version; a province that is not accepted has null figures, rates and rank.';


--
-- Name: COLUMN province_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN province_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN province_daily.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.province_code IS 'Province code (Mã tỉnh), 2 digits as text with leading zero (e.g. 01), in the campaign''s administrative version; part of the key.';


--
-- Name: COLUMN province_daily.province_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.province_name IS 'Province name (Tên tỉnh/thành phố) in the campaign''s administrative version, Unicode NFC.';


--
-- Name: COLUMN province_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the commune-total rows of the current accepted revision; null when the province is not accepted.';


--
-- Name: COLUMN province_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the commune totals of the current revision; null when not accepted.';


--
-- Name: COLUMN province_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.participated_new IS 'New participants (Số người tham gia mới) = participated today minus participated on the province''s previous accepted day (latest earlier report date with an accepted revision, not necessarily yesterday); null when there is none or the province is not accepted. Negative when the figure fell.';


--
-- Name: COLUMN province_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons, cumulative; sum over the communes only when every commune reported agreed, otherwise null (unknown); null when not accepted.';


--
-- Name: COLUMN province_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or the province has no accepted report.';


--
-- Name: COLUMN province_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN province_daily.national_rank; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.national_rank IS 'National rank (Xếp hạng toàn quốc): 1, 2, 3 ... over the provinces with an accepted report and a non-null participation_rate that day, by participation_rate descending, ties broken by province_code ascending; null for the others.';


--
-- Name: COLUMN province_daily.rank_change; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.rank_change IS 'Rank change (Thay đổi thứ hạng) = national_rank on the previous calendar day minus national_rank today, yesterday ranked the same way from its current revisions (later corrections included). Positive = moved up. Null on the campaign''s first day and whenever the province is unranked on either day.';


--
-- Name: COLUMN province_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]: the province''s row of core.campaign_target if any, else the campaign''s target_rate.';


--
-- Name: COLUMN province_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = still below target, negative = above; null when participation_rate is null.';


--
-- Name: COLUMN province_daily.communes_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.communes_reported IS 'Commune-total rows in the current accepted revision (Số xã đã báo cáo); 0 when the province is not accepted.';


--
-- Name: COLUMN province_daily.communes_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.communes_expected IS 'Communes of the province in the administrative version (Số xã phải báo cáo).';


--
-- Name: COLUMN province_daily.report_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.report_status IS 'Report status (Trạng thái báo cáo), as in mart.report_status.status: accepted, quarantined or missing.';


--
-- Name: COLUMN province_daily.is_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.is_late IS 'Late (Trễ hạn): the published revision''s own timestamp (generated_at, or file modification time) is after 15:00 +07:00 on the report day; as in mart.report_status; null when missing.';


--
-- Name: COLUMN province_daily.revision; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.revision IS 'Revision number (Lần gửi) of the accepted revision, else of the latest quarantined one; null when missing.';


--
-- Name: COLUMN province_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz; the same for every mart of one publication.';


--
-- Name: COLUMN province_daily.communes_regressed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.communes_regressed IS 'Communes with at least one row in dq.regression for the current revision (Số xã có số liệu lũy kế giảm): warnings only, since a quarantining fall keeps a revision out; null when not accepted.';


--
-- Name: COLUMN province_daily.communes_outlying; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.communes_outlying IS 'Communes flagged in dq.outlier for the current revision (Số xã có mức tăng bất thường), modified z-score of the increment rate beyond the threshold; null when not accepted.';


--
-- Name: COLUMN province_daily.region_grouping_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.region_grouping_id IS 'Primary regional grouping of the campaign''s version (Cách phân vùng), whose region is shown here; null when the version has none.';


--
-- Name: COLUMN province_daily.region_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.region_code IS 'Region of the province in that grouping (Mã vùng); see mart.region_daily.';


--
-- Name: COLUMN province_daily.region_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.region_name IS 'Region name (Tên vùng), Unicode NFC.';


--
-- Name: COLUMN province_daily.figures_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.figures_status IS 'The status of the day''s figures, as in mart.national_daily.';


--
-- Name: COLUMN province_daily.approved_by; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.approved_by IS 'As in mart.national_daily.';


--
-- Name: COLUMN province_daily.approved_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily.approved_at IS 'As in mart.national_daily.';


--
-- Name: province_daily_by_citizen_group; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.province_daily_by_citizen_group (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    citizen_group text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE province_daily_by_citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.province_daily_by_citizen_group IS 'Province figures by citizen group (Tỉnh theo nhóm đối tượng), summed from mart.commune_daily_by_citizen_group. Key (campaign_id, report_date, province_code, citizen_group). Only accepted provinces that sent citizen-group breakdowns have rows.';


--
-- Name: COLUMN province_daily_by_citizen_group.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN province_daily_by_citizen_group.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN province_daily_by_citizen_group.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.province_code IS 'Province code (Mã tỉnh), 2 digits; part of the key.';


--
-- Name: COLUMN province_daily_by_citizen_group.citizen_group; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.citizen_group IS 'Citizen group (Nhóm đối tượng), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN province_daily_by_citizen_group.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.eligible IS 'Residents of the group with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the province''s communes.';


--
-- Name: COLUMN province_daily_by_citizen_group.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.participated IS 'Residents of the group who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the province''s communes.';


--
-- Name: COLUMN province_daily_by_citizen_group.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.agreed IS 'Participants of the group who chose Tán thành (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN province_daily_by_citizen_group.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN province_daily_by_citizen_group.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN province_daily_by_citizen_group.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_citizen_group.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: province_daily_by_section; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.province_daily_by_section (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    section text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE province_daily_by_section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.province_daily_by_section IS 'Province figures by section of the draft (Tỉnh theo phần/chương của dự thảo), summed from mart.commune_daily_by_section. Key (campaign_id, report_date, province_code, section). Only accepted provinces that sent section breakdowns have rows.';


--
-- Name: COLUMN province_daily_by_section.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN province_daily_by_section.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN province_daily_by_section.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.province_code IS 'Province code (Mã tỉnh), 2 digits; part of the key.';


--
-- Name: COLUMN province_daily_by_section.section; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.section IS 'Section of the draft (Phần/chương của dự thảo), free text as sent, never empty; part of the key.';


--
-- Name: COLUMN province_daily_by_section.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2) counted for this section, persons; sum over the province''s communes.';


--
-- Name: COLUMN province_daily_by_section.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.participated IS 'Residents who gave an opinion on this section (Số công dân đã góp ý phần này), persons, cumulative; sum over the province''s communes.';


--
-- Name: COLUMN province_daily_by_section.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.agreed IS 'Participants who chose Tán thành for this section (Số công dân tán thành), persons; sum only when every commune has agreed, otherwise null (unknown).';


--
-- Name: COLUMN province_daily_by_section.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0.';


--
-- Name: COLUMN province_daily_by_section.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN province_daily_by_section.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_by_section.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: province_daily_current_units; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.province_daily_current_units (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    current_version_id text NOT NULL,
    province_code text NOT NULL,
    province_name text NOT NULL,
    former_province_codes text NOT NULL,
    former_provinces_expected integer NOT NULL,
    former_provinces_reported integer NOT NULL,
    is_complete boolean NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    national_rank integer,
    target_rate numeric,
    target_gap numeric,
    published_at timestamp with time zone NOT NULL,
    region_grouping_id text,
    region_code text,
    region_name text
);


--
-- Name: TABLE province_daily_current_units; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.province_daily_current_units IS 'Province figures of a campaign held in an older administrative version, restated in the provinces of the latest version (Số liệu quy đổi theo đơn vị hành chính hiện hành), e.g. hien-phap-2025 (63 provinces) in the 34 provinces of vn-2025-07, for comparison with van-kien-dai-hoi-xiv. Built from mart.province_daily through whole-unit crosswalk rows. Key (campaign_id, report_date, province_code). No rows for a campaign already in the latest version. Check is_complete before comparing.';


--
-- Name: COLUMN province_daily_current_units.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân) being restated; part of the key.';


--
-- Name: COLUMN province_daily_current_units.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN province_daily_current_units.current_version_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.current_version_id IS 'The latest administrative version (Phiên bản đơn vị hành chính hiện hành): greatest valid_from in core.admin_version, today vn-2025-07.';


--
-- Name: COLUMN province_daily_current_units.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.province_code IS 'Current province code (Mã tỉnh hiện hành) in current_version_id, 2 digits; part of the key.';


--
-- Name: COLUMN province_daily_current_units.province_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.province_name IS 'Current province name (Tên tỉnh hiện hành) in the latest version, Unicode NFC.';


--
-- Name: COLUMN province_daily_current_units.former_province_codes; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.former_province_codes IS 'Former provinces that formed it (Mã các tỉnh cũ), comma-separated in code order, e.g. 30,31.';


--
-- Name: COLUMN province_daily_current_units.former_provinces_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.former_provinces_expected IS 'How many former provinces map to this current province (Số tỉnh cũ).';


--
-- Name: COLUMN province_daily_current_units.former_provinces_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.former_provinces_reported IS 'How many of those former provinces have report_status = ''accepted'' that day (Số tỉnh cũ đã báo cáo).';


--
-- Name: COLUMN province_daily_current_units.is_complete; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.is_complete IS 'True when every former province is accepted (former_provinces_reported = former_provinces_expected) (Đủ số tỉnh cũ báo cáo); an incomplete row sums fewer provinces than it stands for.';


--
-- Name: COLUMN province_daily_current_units.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons; sum over the accepted former provinces only; null when none is accepted.';


--
-- Name: COLUMN province_daily_current_units.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons; sum over the accepted former provinces only; null when none is accepted.';


--
-- Name: COLUMN province_daily_current_units.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.participated_new IS 'New participants (Số người tham gia mới): sum of the non-null participated_new of the accepted former provinces; null when all are null.';


--
-- Name: COLUMN province_daily_current_units.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every accepted former province has agreed, otherwise null (unknown).';


--
-- Name: COLUMN province_daily_current_units.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible of the restated sums, exact numeric fraction in [0,1]; null when eligible is 0 or null.';


--
-- Name: COLUMN province_daily_current_units.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated of the restated sums, exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN province_daily_current_units.national_rank; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.national_rank IS 'Rank among the current provinces of this mart (Xếp hạng toàn quốc theo đơn vị hiện hành) with a non-null participation_rate: 1, 2, 3 ... by participation_rate descending, ties broken by province_code ascending; null for the others. No rank_change.';


--
-- Name: COLUMN province_daily_current_units.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.target_rate IS 'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not restated.';


--
-- Name: COLUMN province_daily_current_units.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';


--
-- Name: COLUMN province_daily_current_units.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: COLUMN province_daily_current_units.region_grouping_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.region_grouping_id IS 'Primary regional grouping of the latest version (Cách phân vùng), whose region is shown here; null when that version has none.';


--
-- Name: COLUMN province_daily_current_units.region_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.region_code IS 'Region of the current province in that grouping (Mã vùng); see mart.region_daily.';


--
-- Name: COLUMN province_daily_current_units.region_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_daily_current_units.region_name IS 'Region name (Tên vùng), Unicode NFC.';


--
-- Name: province_forecast; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.province_forecast (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    province_name text NOT NULL,
    as_of_date date,
    participation_rate numeric,
    target_rate numeric NOT NULL,
    pace_from_date date,
    daily_gain numeric,
    projected_target_date date,
    campaign_last_day date NOT NULL,
    target_reached boolean,
    at_risk boolean,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE province_forecast; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.province_forecast IS 'Forecast per province and report day (Dự báo hoàn thành chỉ tiêu): the day the province reaches its target participation rate if it keeps the pace of the last seven days, and whether that is after the campaign''s last day. Every expected province has a row. Key (campaign_id, report_date, province_code). Replaced with the rest of the campaign-day by the publish DAG.';


--
-- Name: COLUMN province_forecast.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN province_forecast.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.report_date IS 'Report day the forecast is made on (Ngày dự báo); part of the key.';


--
-- Name: COLUMN province_forecast.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.province_code IS 'Province code (Mã tỉnh) in the campaign''s administrative version; part of the key.';


--
-- Name: COLUMN province_forecast.province_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.province_name IS 'Province name in Vietnamese (Tên tỉnh).';


--
-- Name: COLUMN province_forecast.as_of_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.as_of_date IS 'Day of the province''s latest accepted report on or before report_date (Số liệu tính đến ngày); earlier than report_date when that day''s report is missing or quarantined; null when the province has no accepted report yet.';


--
-- Name: COLUMN province_forecast.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.participation_rate IS 'Participation rate (Tỷ lệ tham gia) on as_of_date = participated / eligible, exact fraction in [0,1]; null without an accepted report.';


--
-- Name: COLUMN province_forecast.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.target_rate IS 'Target participation rate (Chỉ tiêu) of the province: its own core.campaign_target, else the campaign''s; fraction in [0,1].';


--
-- Name: COLUMN province_forecast.pace_from_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.pace_from_date IS 'Start of the pace window (Tính tốc độ từ ngày): the latest accepted report at least seven days before as_of_date, else the day before the campaign opened (when participation was zero).';


--
-- Name: COLUMN province_forecast.daily_gain; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.daily_gain IS 'Recent pace (Tốc độ tăng bình quân mỗi ngày): participation-rate gain per day between pace_from_date and as_of_date, fraction per day (0.01 = one percentage point a day); can be zero or negative.';


--
-- Name: COLUMN province_forecast.projected_target_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.projected_target_date IS 'Projected day the target is reached at the recent pace (Ngày dự kiến đạt chỉ tiêu) = as_of_date + ceil((target_rate - participation_rate) / daily_gain); null when the target is already reached, the pace is not positive, or there is no data.';


--
-- Name: COLUMN province_forecast.campaign_last_day; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.campaign_last_day IS 'Last day of the campaign (Ngày kết thúc đợt lấy ý kiến).';


--
-- Name: COLUMN province_forecast.target_reached; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.target_reached IS 'True when participation_rate >= target_rate on as_of_date (Đã đạt chỉ tiêu); null without data.';


--
-- Name: COLUMN province_forecast.at_risk; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.at_risk IS 'At risk (Có nguy cơ không đạt chỉ tiêu): target not reached and either the pace is not positive or projected_target_date is after campaign_last_day; null without data.';


--
-- Name: COLUMN province_forecast.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.province_forecast.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố).';


--
-- Name: region_daily; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.region_daily (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    grouping_id text NOT NULL,
    region_code text NOT NULL,
    region_name text NOT NULL,
    grouping_status text NOT NULL,
    version_id text NOT NULL,
    is_restated boolean NOT NULL,
    provinces_expected integer NOT NULL,
    provinces_reported integer NOT NULL,
    provinces_on_time integer NOT NULL,
    provinces_late integer NOT NULL,
    provinces_quarantined integer NOT NULL,
    provinces_missing integer NOT NULL,
    is_complete boolean NOT NULL,
    eligible bigint,
    participated bigint,
    participated_new bigint,
    agreed bigint,
    participation_rate numeric,
    agree_rate numeric,
    target_rate numeric,
    target_gap numeric,
    region_rank integer,
    published_at timestamp with time zone NOT NULL
);


--
-- Name: TABLE region_daily; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.region_daily IS 'Region figures per campaign, report day and regional grouping (Vùng kinh tế - xã hội theo ngày), summed over the accepted provinces of each region. Key (campaign_id, report_date, grouping_id, region_code). A campaign has rows for every grouping of its own administrative version and, when it is restated in current units (mart.province_daily_current_units), for every grouping of the latest version too (is_restated). Never compare regions of different groupings: a region code means something only within its grouping.';


--
-- Name: COLUMN region_daily.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN region_daily.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN region_daily.grouping_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.grouping_id IS 'Regional grouping (Cách phân vùng), e.g. vung-kt-xh-2023 (Nghị quyết 81/2023/QH15, 63 provinces) or vung-kt-xh-2025 (draft, 34 provinces); part of the key.';


--
-- Name: COLUMN region_daily.region_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.region_code IS 'Region code (Mã vùng) within the grouping, e.g. DBSH; part of the key. The same code in two groupings is two different regions.';


--
-- Name: COLUMN region_daily.region_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.region_name IS 'Region name (Tên vùng), Unicode NFC, e.g. Đồng bằng sông Hồng.';


--
-- Name: COLUMN region_daily.grouping_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.grouping_status IS 'Status of the grouping (Tình trạng văn bản): official (adopted text) or draft (proposed, not verified as adopted): label draft figures as such.';


--
-- Name: COLUMN region_daily.version_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.version_id IS 'Administrative version the grouping is drawn over (Phiên bản đơn vị hành chính), e.g. vn-2025-01 or vn-2025-07.';


--
-- Name: COLUMN region_daily.is_restated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.is_restated IS 'True when the row sums the campaign restated in the latest version''s provinces (mart.province_daily_current_units), false when it sums mart.province_daily in the campaign''s own version.';


--
-- Name: COLUMN region_daily.provinces_expected; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_expected IS 'Provinces of the campaign''s own version that make up the region (Số tỉnh phải báo cáo); for a restated row, the former provinces that formed its current provinces (whole-unit crosswalk).';


--
-- Name: COLUMN region_daily.provinces_reported; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_reported IS 'Of those, provinces with report_status = ''accepted'' (Số tỉnh đã báo cáo); the figures are summed over these only.';


--
-- Name: COLUMN region_daily.provinces_on_time; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_on_time IS 'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn).';


--
-- Name: COLUMN region_daily.provinces_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_late IS 'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';


--
-- Name: COLUMN region_daily.provinces_quarantined; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_quarantined IS 'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly).';


--
-- Name: COLUMN region_daily.provinces_missing; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.provinces_missing IS 'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo).';


--
-- Name: COLUMN region_daily.is_complete; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.is_complete IS 'True when every province of the region is accepted (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo); an incomplete region sums fewer provinces than it stands for.';


--
-- Name: COLUMN region_daily.eligible; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the accepted provinces of the region; null when none is accepted.';


--
-- Name: COLUMN region_daily.participated; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the accepted provinces of the region; null when none is accepted.';


--
-- Name: COLUMN region_daily.participated_new; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.participated_new IS 'New participants (Số người tham gia mới): sum of the non-null participated_new of the accepted provinces; null when all are null. Can be negative.';


--
-- Name: COLUMN region_daily.agreed; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons; sum only when every accepted province has agreed, otherwise null (unknown).';


--
-- Name: COLUMN region_daily.participation_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or null.';


--
-- Name: COLUMN region_daily.agree_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN region_daily.target_rate; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.target_rate IS 'The campaign''s target_rate (Chỉ tiêu tỷ lệ tham gia), fraction in [0,1]; per-province targets are not summed into regions.';


--
-- Name: COLUMN region_daily.target_gap; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = below target; null when participation_rate is null.';


--
-- Name: COLUMN region_daily.region_rank; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.region_rank IS 'Rank among the regions of the same grouping that day (Xếp hạng vùng): 1, 2, 3 ... by participation_rate descending, ties broken by region_code ascending; null when participation_rate is null.';


--
-- Name: COLUMN region_daily.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.region_daily.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: report_status; Type: TABLE; Schema: mart; Owner: -
--

CREATE TABLE mart.report_status (
    campaign_id text NOT NULL,
    report_date date NOT NULL,
    province_code text NOT NULL,
    status text NOT NULL,
    is_late boolean,
    revision integer,
    received_at timestamp with time zone,
    reason text,
    published_at timestamp with time zone NOT NULL,
    CONSTRAINT report_status_status_check CHECK ((status = ANY (ARRAY['accepted'::text, 'quarantined'::text, 'missing'::text])))
);


--
-- Name: TABLE report_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON TABLE mart.report_status IS 'Reporting status of every province per campaign and report day (Tình trạng báo cáo của tỉnh): accepted, quarantined or missing, with lateness and reason. Key (campaign_id, report_date, province_code); one row for every province of the campaign''s administrative version.';


--
-- Name: COLUMN report_status.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN report_status.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN report_status.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.province_code IS 'Province code (Mã tỉnh), 2 digits; part of the key.';


--
-- Name: COLUMN report_status.status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.status IS 'Status (Trạng thái): accepted = the day has a current accepted revision (đã tiếp nhận); quarantined = no accepted revision, at least one rejected (bị cách ly); missing = neither (chưa báo cáo).';


--
-- Name: COLUMN report_status.is_late; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.is_late IS 'Late (Trễ hạn) of the accepted revision, else of the latest quarantined one: its own timestamp is after 15:00 +07:00 on the report day; null when missing.';


--
-- Name: COLUMN report_status.revision; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.revision IS 'Revision number (Lần gửi) of the accepted revision, else of the latest quarantined one; null when missing or unreadable.';


--
-- Name: COLUMN report_status.received_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.received_at IS 'When the pipeline first landed that payload (Thời điểm tiếp nhận), timestamptz; informational, not used for lateness; null when missing.';


--
-- Name: COLUMN report_status.reason; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.reason IS 'Reason (Lý do): null when accepted; ''a later revision N was quarantined: ...'' when accepted but a later payload was rejected; the validation reason when quarantined; the ingest attempt detail or ''no report received'' when missing.';


--
-- Name: COLUMN report_status.published_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.report_status.published_at IS 'Time of the publication that wrote this row (Thời điểm công bố), timestamptz.';


--
-- Name: validation_outcome; Type: VIEW; Schema: mart; Owner: -
--

CREATE VIEW mart.validation_outcome AS
 SELECT revision.campaign_id,
    revision.report_date,
    revision.province_code,
    revision.revision,
    revision.payload_id,
    revision.status AS report_status,
    revision.decided_at,
    result.expectation_number,
    result.rule,
    result.expectation_type,
    result.column_name,
    result.success,
    result.unexpected_count,
    result.element_count
   FROM (dq.validation_result result
     JOIN dq.report_revision revision ON ((revision.payload_id = result.payload_id)));


--
-- Name: VIEW validation_outcome; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON VIEW mart.validation_outcome IS 'Validation outcomes for BI (Kết quả kiểm tra dữ liệu theo quy tắc): one row per validated payload and expectation of the suite, with the payload''s province-day, revision and fate. Passes and failures; which rows failed is in the feedback files and, for engineers, dq.validation_failure.';


--
-- Name: COLUMN validation_outcome.campaign_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.campaign_id IS 'Consultation campaign of the payload.';


--
-- Name: COLUMN validation_outcome.report_date; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.report_date IS 'Report day the payload is for.';


--
-- Name: COLUMN validation_outcome.province_code; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.province_code IS 'Province that sent the payload.';


--
-- Name: COLUMN validation_outcome.revision; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.revision IS 'Revision number the province gave the payload (Lần gửi); null when it could not be read.';


--
-- Name: COLUMN validation_outcome.payload_id; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.payload_id IS 'Payload identifier (raw.report_payload), to tell revisions apart.';


--
-- Name: COLUMN validation_outcome.report_status; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.report_status IS 'Fate of the payload: accepted, quarantined or ignored (dq.report_revision.status).';


--
-- Name: COLUMN validation_outcome.decided_at; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.decided_at IS 'When the pipeline decided the payload''s fate.';


--
-- Name: COLUMN validation_outcome.expectation_number; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.expectation_number IS 'Position of the expectation in the suite run (1-based).';


--
-- Name: COLUMN validation_outcome.rule; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.rule IS 'Rule name (as in quarantine reasons and feedback files), e.g. participated_le_eligible.';


--
-- Name: COLUMN validation_outcome.expectation_type; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.expectation_type IS 'Great Expectations expectation type.';


--
-- Name: COLUMN validation_outcome.column_name; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.column_name IS 'Column the expectation checks; null for table-level expectations.';


--
-- Name: COLUMN validation_outcome.success; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.success IS 'True when the payload met the expectation.';


--
-- Name: COLUMN validation_outcome.unexpected_count; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.unexpected_count IS 'Rows that broke the expectation, when counted; null otherwise.';


--
-- Name: COLUMN validation_outcome.element_count; Type: COMMENT; Schema: mart; Owner: -
--

COMMENT ON COLUMN mart.validation_outcome.element_count IS 'Rows the expectation looked at, when counted; null otherwise.';


--
-- Name: national_daily; Type: VIEW; Schema: official; Owner: -
--

CREATE VIEW official.national_daily AS
 SELECT DISTINCT ON (official_national_daily.campaign_id, official_national_daily.report_date) official_national_daily.campaign_id,
    official_national_daily.report_date,
    official_national_daily.eligible,
    official_national_daily.participated,
    official_national_daily.participated_new,
    official_national_daily.agreed,
    official_national_daily.participation_rate,
    official_national_daily.agree_rate,
    official_national_daily.target_rate,
    official_national_daily.target_gap,
    official_national_daily.provinces_reported,
    official_national_daily.provinces_expected,
    official_national_daily.provinces_on_time,
    official_national_daily.provinces_late,
    official_national_daily.provinces_quarantined,
    official_national_daily.provinces_missing,
    official_national_daily.is_complete,
    official_national_daily.approved_by,
    official_national_daily.approved_at,
    official_national_daily.approval_id
   FROM mart.official_national_daily
  ORDER BY official_national_daily.campaign_id, official_national_daily.report_date, official_national_daily.approved_at DESC, official_national_daily.approval_id DESC;


--
-- Name: VIEW national_daily; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON VIEW official.national_daily IS 'The last approved national figures of each campaign-day (Số liệu chính thức); a day never approved is absent.';


--
-- Name: COLUMN national_daily.campaign_id; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân), e.g. hien-phap-2025; part of the key.';


--
-- Name: COLUMN national_daily.report_date; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.report_date IS 'Report day (Ngày báo cáo): calendar day in Asia/Ho_Chi_Minh the cumulative figures describe; part of the key.';


--
-- Name: COLUMN national_daily.eligible; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN national_daily.participated; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative since the campaign opened; sum over accepted provinces; null when no province is accepted.';


--
-- Name: COLUMN national_daily.participated_new; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.participated_new IS 'Change in participated since the previous accepted day (Số người tham gia mới), persons: sum of the non-null participated_new of the accepted provinces; null when all are null (e.g. first day). Can be negative when a figure fell.';


--
-- Name: COLUMN national_daily.agreed; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.agreed IS 'Participants who chose Tán thành for the draft as a whole (Số công dân tán thành), persons, cumulative; sum over accepted provinces only when every accepted province has agreed, otherwise null (unknown).';


--
-- Name: COLUMN national_daily.participation_rate; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1] (not rounded, not a percentage); null when eligible is 0 or null.';


--
-- Name: COLUMN national_daily.agree_rate; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN national_daily.target_rate; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.target_rate IS 'Target participation rate (Chỉ tiêu tỷ lệ tham gia) of the campaign, fraction in [0,1] (core.campaign.target_rate, e.g. 0.90).';


--
-- Name: COLUMN national_daily.target_gap; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate, exact fraction: positive = still below target, negative = above it; null when participation_rate is null.';


--
-- Name: COLUMN national_daily.provinces_reported; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_reported IS 'Number of provinces with report_status = ''accepted'' that day (Số tỉnh đã báo cáo); the figures are summed over these only.';


--
-- Name: COLUMN national_daily.provinces_expected; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_expected IS 'Number of provinces in the campaign''s administrative version (Số tỉnh phải báo cáo): 63 for vn-2025-01, 34 for vn-2025-07.';


--
-- Name: COLUMN national_daily.provinces_on_time; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_on_time IS 'Accepted provinces whose published revision is not late (Số tỉnh báo cáo đúng hạn, by 15:00 +07:00 on the report day).';


--
-- Name: COLUMN national_daily.provinces_late; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_late IS 'Accepted provinces whose published revision is late (Số tỉnh báo cáo trễ hạn); provinces_on_time + provinces_late = provinces_reported.';


--
-- Name: COLUMN national_daily.provinces_quarantined; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_quarantined IS 'Provinces with report_status = ''quarantined'' (Số tỉnh có báo cáo bị cách ly): no accepted revision, at least one rejected.';


--
-- Name: COLUMN national_daily.provinces_missing; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.provinces_missing IS 'Provinces with report_status = ''missing'' (Số tỉnh chưa báo cáo): nothing received for the day.';


--
-- Name: COLUMN national_daily.is_complete; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.is_complete IS 'True when every expected province is accepted, late or not (provinces_reported = provinces_expected) (Đủ số tỉnh báo cáo).';


--
-- Name: COLUMN national_daily.approved_by; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.approved_by IS 'The Airflow user who approved these figures; null while provisional.';


--
-- Name: COLUMN national_daily.approved_at; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.approved_at IS 'When these figures were approved; null while provisional.';


--
-- Name: COLUMN national_daily.approval_id; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.national_daily.approval_id IS 'The approval whose figures these are (mart.official_national_daily).';


--
-- Name: province_daily; Type: VIEW; Schema: official; Owner: -
--

CREATE VIEW official.province_daily AS
 SELECT province.campaign_id,
    province.report_date,
    province.province_code,
    province.province_name,
    province.region_code,
    province.region_name,
    province.eligible,
    province.participated,
    province.participated_new,
    province.agreed,
    province.participation_rate,
    province.agree_rate,
    province.national_rank,
    province.rank_change,
    province.target_gap,
    province.report_status,
    province.is_late,
    "national".approved_by,
    "national".approved_at,
    "national".approval_id
   FROM (official.national_daily "national"
     JOIN mart.official_province_daily province ON ((province.approval_id = "national".approval_id)));


--
-- Name: VIEW province_daily; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON VIEW official.province_daily IS 'The province figures of the last approval of each campaign-day.';


--
-- Name: COLUMN province_daily.campaign_id; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.campaign_id IS 'Consultation campaign (Đợt lấy ý kiến Nhân dân); part of the key.';


--
-- Name: COLUMN province_daily.report_date; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.report_date IS 'Report day (Ngày báo cáo), calendar day in Asia/Ho_Chi_Minh; part of the key.';


--
-- Name: COLUMN province_daily.province_code; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.province_code IS 'Province code (Mã tỉnh), 2 digits as text with leading zero (e.g. 01), in the campaign''s administrative version; part of the key.';


--
-- Name: COLUMN province_daily.province_name; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.province_name IS 'Province name (Tên tỉnh/thành phố) in the campaign''s administrative version, Unicode NFC.';


--
-- Name: COLUMN province_daily.region_code; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.region_code IS 'Region of the province in that grouping (Mã vùng); see mart.region_daily.';


--
-- Name: COLUMN province_daily.region_name; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.region_name IS 'Region name (Tên vùng), Unicode NFC.';


--
-- Name: COLUMN province_daily.eligible; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.eligible IS 'Residents with an active level-2 VNeID account (Số công dân có tài khoản định danh điện tử mức 2), persons, cumulative; sum over the commune-total rows of the current accepted revision; null when the province is not accepted.';


--
-- Name: COLUMN province_daily.participated; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.participated IS 'Residents who gave an opinion through VNeID (Số công dân đã tham gia góp ý), persons, cumulative; sum over the commune totals of the current revision; null when not accepted.';


--
-- Name: COLUMN province_daily.participated_new; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.participated_new IS 'New participants (Số người tham gia mới) = participated today minus participated on the province''s previous accepted day (latest earlier report date with an accepted revision, not necessarily yesterday); null when there is none or the province is not accepted. Negative when the figure fell.';


--
-- Name: COLUMN province_daily.agreed; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.agreed IS 'Participants who chose Tán thành (Số công dân tán thành), persons, cumulative; sum over the communes only when every commune reported agreed, otherwise null (unknown); null when not accepted.';


--
-- Name: COLUMN province_daily.participation_rate; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.participation_rate IS 'Participation rate (Tỷ lệ tham gia) = participated / eligible as an exact numeric fraction in [0,1]; null when eligible is 0 or the province has no accepted report.';


--
-- Name: COLUMN province_daily.agree_rate; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.agree_rate IS 'Agreement rate (Tỷ lệ tán thành) = agreed / participated as an exact numeric fraction in [0,1]; null when participated is 0 or agreed is null.';


--
-- Name: COLUMN province_daily.national_rank; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.national_rank IS 'National rank (Xếp hạng toàn quốc): 1, 2, 3 ... over the provinces with an accepted report and a non-null participation_rate that day, by participation_rate descending, ties broken by province_code ascending; null for the others.';


--
-- Name: COLUMN province_daily.rank_change; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.rank_change IS 'Rank change (Thay đổi thứ hạng) = national_rank on the previous calendar day minus national_rank today, yesterday ranked the same way from its current revisions (later corrections included). Positive = moved up. Null on the campaign''s first day and whenever the province is unranked on either day.';


--
-- Name: COLUMN province_daily.target_gap; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.target_gap IS 'Gap to target (Khoảng cách so với chỉ tiêu) = target_rate - participation_rate: positive = still below target, negative = above; null when participation_rate is null.';


--
-- Name: COLUMN province_daily.report_status; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.report_status IS 'Report status (Trạng thái báo cáo), as in mart.report_status.status: accepted, quarantined or missing.';


--
-- Name: COLUMN province_daily.is_late; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.is_late IS 'Late (Trễ hạn): the published revision''s own timestamp (generated_at, or file modification time) is after 15:00 +07:00 on the report day; as in mart.report_status; null when missing.';


--
-- Name: COLUMN province_daily.approved_by; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.approved_by IS 'As in mart.national_daily.';


--
-- Name: COLUMN province_daily.approved_at; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.approved_at IS 'As in mart.national_daily.';


--
-- Name: COLUMN province_daily.approval_id; Type: COMMENT; Schema: official; Owner: -
--

COMMENT ON COLUMN official.province_daily.approval_id IS 'The approval whose figures these are (mart.official_national_daily).';


--
-- Name: schema_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migration (
    version integer NOT NULL,
    filename text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: report_payload; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.report_payload (
    payload_id bigint NOT NULL,
    campaign_id text NOT NULL,
    province_code text NOT NULL,
    report_date date NOT NULL,
    source text NOT NULL,
    source_uri text NOT NULL,
    content_format text NOT NULL,
    content bytea NOT NULL,
    checksum text NOT NULL,
    byte_size bigint NOT NULL,
    source_timestamp timestamp with time zone,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT report_payload_content_format_check CHECK ((content_format = ANY (ARRAY['json'::text, 'csv'::text, 'xlsx'::text]))),
    CONSTRAINT report_payload_source_check CHECK ((source = ANY (ARRAY['http'::text, 'files'::text])))
);
ALTER TABLE ONLY raw.report_payload ALTER COLUMN content SET COMPRESSION lz4;


--
-- Name: report_payload_payload_id_seq; Type: SEQUENCE; Schema: raw; Owner: -
--

ALTER TABLE raw.report_payload ALTER COLUMN payload_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME raw.report_payload_payload_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: commune_report; Type: TABLE; Schema: staging; Owner: -
--

CREATE UNLOGGED TABLE staging.commune_report (
    payload_id bigint NOT NULL,
    row_number integer NOT NULL,
    commune_code text NOT NULL,
    section text NOT NULL,
    citizen_group text NOT NULL,
    eligible bigint NOT NULL,
    participated bigint NOT NULL,
    agreed bigint
);


--
-- Name: admin_unit admin_unit_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.admin_unit
    ADD CONSTRAINT admin_unit_pkey PRIMARY KEY (version_id, unit_code);


--
-- Name: admin_version admin_version_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.admin_version
    ADD CONSTRAINT admin_version_pkey PRIMARY KEY (version_id);


--
-- Name: admin_version admin_version_valid_from_key; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.admin_version
    ADD CONSTRAINT admin_version_valid_from_key UNIQUE (valid_from);


--
-- Name: campaign campaign_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.campaign
    ADD CONSTRAINT campaign_pkey PRIMARY KEY (campaign_id);


--
-- Name: campaign_target campaign_target_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.campaign_target
    ADD CONSTRAINT campaign_target_pkey PRIMARY KEY (campaign_id, province_code);


--
-- Name: commune_crosswalk commune_crosswalk_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.commune_crosswalk
    ADD CONSTRAINT commune_crosswalk_pkey PRIMARY KEY (from_version_id, from_commune_code, to_version_id, to_commune_code);


--
-- Name: commune_report commune_report_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.commune_report
    ADD CONSTRAINT commune_report_pkey PRIMARY KEY (payload_id, commune_code, section, citizen_group);


--
-- Name: province_crosswalk province_crosswalk_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_crosswalk
    ADD CONSTRAINT province_crosswalk_pkey PRIMARY KEY (from_version_id, from_province_code, to_version_id, to_province_code);


--
-- Name: province_report province_report_campaign_id_province_code_report_date_revis_key; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_report
    ADD CONSTRAINT province_report_campaign_id_province_code_report_date_revis_key UNIQUE (campaign_id, province_code, report_date, revision);


--
-- Name: province_report province_report_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_report
    ADD CONSTRAINT province_report_pkey PRIMARY KEY (payload_id);


--
-- Name: reference_load reference_load_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.reference_load
    ADD CONSTRAINT reference_load_pkey PRIMARY KEY (checksum);


--
-- Name: region_grouping region_grouping_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region_grouping
    ADD CONSTRAINT region_grouping_pkey PRIMARY KEY (grouping_id);


--
-- Name: region region_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region
    ADD CONSTRAINT region_pkey PRIMARY KEY (grouping_id, region_code);


--
-- Name: region_province region_province_pkey; Type: CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region_province
    ADD CONSTRAINT region_province_pkey PRIMARY KEY (grouping_id, province_code);


--
-- Name: ingest_attempt ingest_attempt_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.ingest_attempt
    ADD CONSTRAINT ingest_attempt_pkey PRIMARY KEY (campaign_id, report_date, province_code);


--
-- Name: official_reopen official_reopen_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.official_reopen
    ADD CONSTRAINT official_reopen_pkey PRIMARY KEY (reopen_id);


--
-- Name: outlier outlier_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.outlier
    ADD CONSTRAINT outlier_pkey PRIMARY KEY (payload_id, commune_code);


--
-- Name: reconciliation reconciliation_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.reconciliation
    ADD CONSTRAINT reconciliation_pkey PRIMARY KEY (payload_id, column_name);


--
-- Name: reference_change reference_change_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.reference_change
    ADD CONSTRAINT reference_change_pkey PRIMARY KEY (change_id);


--
-- Name: regression regression_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.regression
    ADD CONSTRAINT regression_pkey PRIMARY KEY (payload_id, commune_code, section, citizen_group);


--
-- Name: report_revision report_revision_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.report_revision
    ADD CONSTRAINT report_revision_pkey PRIMARY KEY (payload_id);


--
-- Name: sign_off_answer sign_off_answer_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.sign_off_answer
    ADD CONSTRAINT sign_off_answer_pkey PRIMARY KEY (request_id);


--
-- Name: sign_off_request sign_off_request_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.sign_off_request
    ADD CONSTRAINT sign_off_request_pkey PRIMARY KEY (request_id);


--
-- Name: validation_failure validation_failure_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.validation_failure
    ADD CONSTRAINT validation_failure_pkey PRIMARY KEY (payload_id, failure_number);


--
-- Name: validation_result validation_result_pkey; Type: CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.validation_result
    ADD CONSTRAINT validation_result_pkey PRIMARY KEY (payload_id, expectation_number);


--
-- Name: commune_daily_by_citizen_group commune_daily_by_citizen_group_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.commune_daily_by_citizen_group
    ADD CONSTRAINT commune_daily_by_citizen_group_pkey PRIMARY KEY (campaign_id, report_date, commune_code, citizen_group);


--
-- Name: commune_daily_by_section commune_daily_by_section_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.commune_daily_by_section
    ADD CONSTRAINT commune_daily_by_section_pkey PRIMARY KEY (campaign_id, report_date, commune_code, section);


--
-- Name: commune_daily_current_units commune_daily_current_units_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.commune_daily_current_units
    ADD CONSTRAINT commune_daily_current_units_pkey PRIMARY KEY (campaign_id, report_date, commune_code);


--
-- Name: commune_daily commune_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.commune_daily
    ADD CONSTRAINT commune_daily_pkey PRIMARY KEY (campaign_id, report_date, commune_code);


--
-- Name: district_daily_by_citizen_group district_daily_by_citizen_group_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.district_daily_by_citizen_group
    ADD CONSTRAINT district_daily_by_citizen_group_pkey PRIMARY KEY (campaign_id, report_date, district_code, citizen_group);


--
-- Name: district_daily_by_section district_daily_by_section_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.district_daily_by_section
    ADD CONSTRAINT district_daily_by_section_pkey PRIMARY KEY (campaign_id, report_date, district_code, section);


--
-- Name: district_daily district_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.district_daily
    ADD CONSTRAINT district_daily_pkey PRIMARY KEY (campaign_id, report_date, district_code);


--
-- Name: national_daily_by_citizen_group national_daily_by_citizen_group_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.national_daily_by_citizen_group
    ADD CONSTRAINT national_daily_by_citizen_group_pkey PRIMARY KEY (campaign_id, report_date, citizen_group);


--
-- Name: national_daily_by_section national_daily_by_section_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.national_daily_by_section
    ADD CONSTRAINT national_daily_by_section_pkey PRIMARY KEY (campaign_id, report_date, section);


--
-- Name: national_daily national_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.national_daily
    ADD CONSTRAINT national_daily_pkey PRIMARY KEY (campaign_id, report_date);


--
-- Name: national_forecast national_forecast_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.national_forecast
    ADD CONSTRAINT national_forecast_pkey PRIMARY KEY (campaign_id, report_date);


--
-- Name: official_national_daily official_national_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.official_national_daily
    ADD CONSTRAINT official_national_daily_pkey PRIMARY KEY (approval_id);


--
-- Name: official_province_daily official_province_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.official_province_daily
    ADD CONSTRAINT official_province_daily_pkey PRIMARY KEY (approval_id, province_code);


--
-- Name: province_daily_by_citizen_group province_daily_by_citizen_group_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.province_daily_by_citizen_group
    ADD CONSTRAINT province_daily_by_citizen_group_pkey PRIMARY KEY (campaign_id, report_date, province_code, citizen_group);


--
-- Name: province_daily_by_section province_daily_by_section_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.province_daily_by_section
    ADD CONSTRAINT province_daily_by_section_pkey PRIMARY KEY (campaign_id, report_date, province_code, section);


--
-- Name: province_daily_current_units province_daily_current_units_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.province_daily_current_units
    ADD CONSTRAINT province_daily_current_units_pkey PRIMARY KEY (campaign_id, report_date, province_code);


--
-- Name: province_daily province_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.province_daily
    ADD CONSTRAINT province_daily_pkey PRIMARY KEY (campaign_id, report_date, province_code);


--
-- Name: province_forecast province_forecast_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.province_forecast
    ADD CONSTRAINT province_forecast_pkey PRIMARY KEY (campaign_id, report_date, province_code);


--
-- Name: region_daily region_daily_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.region_daily
    ADD CONSTRAINT region_daily_pkey PRIMARY KEY (campaign_id, report_date, grouping_id, region_code);


--
-- Name: report_status report_status_pkey; Type: CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.report_status
    ADD CONSTRAINT report_status_pkey PRIMARY KEY (campaign_id, report_date, province_code);


--
-- Name: schema_migration schema_migration_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (version);


--
-- Name: report_payload report_payload_campaign_id_province_code_report_date_checks_key; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.report_payload
    ADD CONSTRAINT report_payload_campaign_id_province_code_report_date_checks_key UNIQUE (campaign_id, province_code, report_date, checksum);


--
-- Name: report_payload report_payload_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.report_payload
    ADD CONSTRAINT report_payload_pkey PRIMARY KEY (payload_id);


--
-- Name: admin_unit_province_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX admin_unit_province_idx ON core.admin_unit USING btree (version_id, province_code, level);


--
-- Name: commune_crosswalk_to_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX commune_crosswalk_to_idx ON core.commune_crosswalk USING btree (from_version_id, to_version_id, to_commune_code);


--
-- Name: commune_report_total_day_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX commune_report_total_day_idx ON core.commune_report USING btree (campaign_id, report_date, province_code) WHERE ((section = ''::text) AND (citizen_group = ''::text));


--
-- Name: province_report_current_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE UNIQUE INDEX province_report_current_idx ON core.province_report USING btree (campaign_id, province_code, report_date) WHERE is_current;


--
-- Name: province_report_day_idx; Type: INDEX; Schema: core; Owner: -
--

CREATE INDEX province_report_day_idx ON core.province_report USING btree (campaign_id, report_date);


--
-- Name: region_grouping_one_primary_per_version; Type: INDEX; Schema: core; Owner: -
--

CREATE UNIQUE INDEX region_grouping_one_primary_per_version ON core.region_grouping USING btree (version_id) WHERE is_primary;


--
-- Name: reference_change_unit_idx; Type: INDEX; Schema: dq; Owner: -
--

CREATE INDEX reference_change_unit_idx ON dq.reference_change USING btree (version_id, unit_code);


--
-- Name: report_revision_day_idx; Type: INDEX; Schema: dq; Owner: -
--

CREATE INDEX report_revision_day_idx ON dq.report_revision USING btree (campaign_id, report_date, province_code);


--
-- Name: sign_off_request_by_day; Type: INDEX; Schema: dq; Owner: -
--

CREATE INDEX sign_off_request_by_day ON dq.sign_off_request USING btree (campaign_id, report_date, fingerprint);


--
-- Name: official_national_daily_by_day; Type: INDEX; Schema: mart; Owner: -
--

CREATE INDEX official_national_daily_by_day ON mart.official_national_daily USING btree (campaign_id, report_date, approved_at);


--
-- Name: province_forecast_risk_idx; Type: INDEX; Schema: mart; Owner: -
--

CREATE INDEX province_forecast_risk_idx ON mart.province_forecast USING btree (campaign_id, report_date, at_risk);


--
-- Name: province_report province_report_keeps_its_rows; Type: TRIGGER; Schema: core; Owner: -
--

CREATE TRIGGER province_report_keeps_its_rows BEFORE DELETE OR UPDATE OF payload_id ON core.province_report FOR EACH ROW EXECUTE FUNCTION core.refuse_orphaning_commune_report();


--
-- Name: report_payload report_payload_immutable; Type: TRIGGER; Schema: raw; Owner: -
--

CREATE TRIGGER report_payload_immutable BEFORE DELETE OR UPDATE ON raw.report_payload FOR EACH ROW EXECUTE FUNCTION raw.refuse_change();


--
-- Name: admin_unit admin_unit_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.admin_unit
    ADD CONSTRAINT admin_unit_version_id_fkey FOREIGN KEY (version_id) REFERENCES core.admin_version(version_id);


--
-- Name: campaign campaign_admin_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.campaign
    ADD CONSTRAINT campaign_admin_version_id_fkey FOREIGN KEY (admin_version_id) REFERENCES core.admin_version(version_id);


--
-- Name: campaign_target campaign_target_campaign_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.campaign_target
    ADD CONSTRAINT campaign_target_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES core.campaign(campaign_id);


--
-- Name: commune_crosswalk commune_crosswalk_from_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.commune_crosswalk
    ADD CONSTRAINT commune_crosswalk_from_version_id_fkey FOREIGN KEY (from_version_id) REFERENCES core.admin_version(version_id);


--
-- Name: commune_crosswalk commune_crosswalk_to_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.commune_crosswalk
    ADD CONSTRAINT commune_crosswalk_to_version_id_fkey FOREIGN KEY (to_version_id) REFERENCES core.admin_version(version_id);


--
-- Name: province_crosswalk province_crosswalk_from_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_crosswalk
    ADD CONSTRAINT province_crosswalk_from_version_id_fkey FOREIGN KEY (from_version_id) REFERENCES core.admin_version(version_id);


--
-- Name: province_crosswalk province_crosswalk_to_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_crosswalk
    ADD CONSTRAINT province_crosswalk_to_version_id_fkey FOREIGN KEY (to_version_id) REFERENCES core.admin_version(version_id);


--
-- Name: province_report province_report_campaign_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_report
    ADD CONSTRAINT province_report_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES core.campaign(campaign_id);


--
-- Name: province_report province_report_payload_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.province_report
    ADD CONSTRAINT province_report_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: region region_grouping_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region
    ADD CONSTRAINT region_grouping_id_fkey FOREIGN KEY (grouping_id) REFERENCES core.region_grouping(grouping_id);


--
-- Name: region_grouping region_grouping_version_id_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region_grouping
    ADD CONSTRAINT region_grouping_version_id_fkey FOREIGN KEY (version_id) REFERENCES core.admin_version(version_id);


--
-- Name: region_province region_province_grouping_id_region_code_fkey; Type: FK CONSTRAINT; Schema: core; Owner: -
--

ALTER TABLE ONLY core.region_province
    ADD CONSTRAINT region_province_grouping_id_region_code_fkey FOREIGN KEY (grouping_id, region_code) REFERENCES core.region(grouping_id, region_code);


--
-- Name: official_reopen official_reopen_approval_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.official_reopen
    ADD CONSTRAINT official_reopen_approval_id_fkey FOREIGN KEY (approval_id) REFERENCES mart.official_national_daily(approval_id);


--
-- Name: outlier outlier_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.outlier
    ADD CONSTRAINT outlier_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: reconciliation reconciliation_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.reconciliation
    ADD CONSTRAINT reconciliation_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: regression regression_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.regression
    ADD CONSTRAINT regression_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: report_revision report_revision_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.report_revision
    ADD CONSTRAINT report_revision_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: sign_off_answer sign_off_answer_request_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.sign_off_answer
    ADD CONSTRAINT sign_off_answer_request_id_fkey FOREIGN KEY (request_id) REFERENCES dq.sign_off_request(request_id);


--
-- Name: sign_off_request sign_off_request_campaign_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.sign_off_request
    ADD CONSTRAINT sign_off_request_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES core.campaign(campaign_id);


--
-- Name: validation_failure validation_failure_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.validation_failure
    ADD CONSTRAINT validation_failure_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: validation_result validation_result_payload_id_fkey; Type: FK CONSTRAINT; Schema: dq; Owner: -
--

ALTER TABLE ONLY dq.validation_result
    ADD CONSTRAINT validation_result_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.report_payload(payload_id);


--
-- Name: official_national_daily official_national_daily_approval_id_fkey; Type: FK CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.official_national_daily
    ADD CONSTRAINT official_national_daily_approval_id_fkey FOREIGN KEY (approval_id) REFERENCES dq.sign_off_request(request_id);


--
-- Name: official_province_daily official_province_daily_approval_id_fkey; Type: FK CONSTRAINT; Schema: mart; Owner: -
--

ALTER TABLE ONLY mart.official_province_daily
    ADD CONSTRAINT official_province_daily_approval_id_fkey FOREIGN KEY (approval_id) REFERENCES mart.official_national_daily(approval_id);


--
-- Name: SCHEMA core; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA core TO vneid_loader;


--
-- Name: SCHEMA dq; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA dq TO vneid_loader;


--
-- Name: SCHEMA mart; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA mart TO vneid_loader;
GRANT USAGE ON SCHEMA mart TO bi_reader;


--
-- Name: SCHEMA meta; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA meta TO vneid_loader;


--
-- Name: SCHEMA official; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA official TO official_reader;
GRANT USAGE ON SCHEMA official TO bi_reader;
GRANT USAGE ON SCHEMA official TO vneid_loader;


--
-- Name: SCHEMA raw; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA raw TO vneid_loader;


--
-- Name: SCHEMA staging; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA staging TO vneid_loader;


--
-- Name: TABLE admin_unit; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.admin_unit TO vneid_loader;


--
-- Name: TABLE admin_version; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.admin_version TO vneid_loader;


--
-- Name: TABLE campaign; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.campaign TO vneid_loader;


--
-- Name: TABLE campaign_target; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.campaign_target TO vneid_loader;


--
-- Name: TABLE commune_crosswalk; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.commune_crosswalk TO vneid_loader;


--
-- Name: TABLE commune_report; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.commune_report TO vneid_loader;


--
-- Name: TABLE province_report; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.province_report TO vneid_loader;


--
-- Name: TABLE current_commune_report; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.current_commune_report TO vneid_loader;


--
-- Name: TABLE current_commune_total; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.current_commune_total TO vneid_loader;


--
-- Name: TABLE current_province_total; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.current_province_total TO vneid_loader;


--
-- Name: TABLE latest_admin_version; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.latest_admin_version TO vneid_loader;


--
-- Name: TABLE region; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.region TO vneid_loader;


--
-- Name: TABLE region_grouping; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.region_grouping TO vneid_loader;


--
-- Name: TABLE region_province; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.region_province TO vneid_loader;


--
-- Name: TABLE primary_region; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.primary_region TO vneid_loader;


--
-- Name: TABLE province_crosswalk; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.province_crosswalk TO vneid_loader;


--
-- Name: TABLE reference_load; Type: ACL; Schema: core; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE core.reference_load TO vneid_loader;


--
-- Name: TABLE ingest_attempt; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.ingest_attempt TO vneid_loader;


--
-- Name: TABLE official_reopen; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.official_reopen TO vneid_loader;


--
-- Name: TABLE outlier; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.outlier TO vneid_loader;


--
-- Name: TABLE reconciliation; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.reconciliation TO vneid_loader;


--
-- Name: TABLE reference_change; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT ON TABLE dq.reference_change TO vneid_loader;


--
-- Name: TABLE regression; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.regression TO vneid_loader;


--
-- Name: TABLE report_revision; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.report_revision TO vneid_loader;


--
-- Name: TABLE revision_change; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.revision_change TO vneid_loader;


--
-- Name: TABLE sign_off_answer; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.sign_off_answer TO vneid_loader;


--
-- Name: TABLE sign_off_request; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.sign_off_request TO vneid_loader;


--
-- Name: TABLE validation_failure; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.validation_failure TO vneid_loader;


--
-- Name: TABLE validation_result; Type: ACL; Schema: dq; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE dq.validation_result TO vneid_loader;


--
-- Name: TABLE commune_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.commune_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.commune_daily TO bi_reader;


--
-- Name: TABLE commune_daily_by_citizen_group; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.commune_daily_by_citizen_group TO vneid_loader;
GRANT SELECT ON TABLE mart.commune_daily_by_citizen_group TO bi_reader;


--
-- Name: TABLE commune_daily_by_section; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.commune_daily_by_section TO vneid_loader;
GRANT SELECT ON TABLE mart.commune_daily_by_section TO bi_reader;


--
-- Name: TABLE commune_daily_current_units; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.commune_daily_current_units TO vneid_loader;
GRANT SELECT ON TABLE mart.commune_daily_current_units TO bi_reader;


--
-- Name: TABLE district_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.district_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.district_daily TO bi_reader;


--
-- Name: TABLE district_daily_by_citizen_group; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.district_daily_by_citizen_group TO vneid_loader;
GRANT SELECT ON TABLE mart.district_daily_by_citizen_group TO bi_reader;


--
-- Name: TABLE district_daily_by_section; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.district_daily_by_section TO vneid_loader;
GRANT SELECT ON TABLE mart.district_daily_by_section TO bi_reader;


--
-- Name: TABLE national_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.national_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.national_daily TO bi_reader;


--
-- Name: TABLE national_daily_by_citizen_group; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.national_daily_by_citizen_group TO vneid_loader;
GRANT SELECT ON TABLE mart.national_daily_by_citizen_group TO bi_reader;


--
-- Name: TABLE national_daily_by_section; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.national_daily_by_section TO vneid_loader;
GRANT SELECT ON TABLE mart.national_daily_by_section TO bi_reader;


--
-- Name: TABLE national_forecast; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.national_forecast TO vneid_loader;
GRANT SELECT ON TABLE mart.national_forecast TO bi_reader;


--
-- Name: TABLE official_national_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.official_national_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.official_national_daily TO bi_reader;


--
-- Name: TABLE official_province_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.official_province_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.official_province_daily TO bi_reader;


--
-- Name: TABLE province_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.province_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.province_daily TO bi_reader;


--
-- Name: TABLE province_daily_by_citizen_group; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.province_daily_by_citizen_group TO vneid_loader;
GRANT SELECT ON TABLE mart.province_daily_by_citizen_group TO bi_reader;


--
-- Name: TABLE province_daily_by_section; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.province_daily_by_section TO vneid_loader;
GRANT SELECT ON TABLE mart.province_daily_by_section TO bi_reader;


--
-- Name: TABLE province_daily_current_units; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.province_daily_current_units TO vneid_loader;
GRANT SELECT ON TABLE mart.province_daily_current_units TO bi_reader;


--
-- Name: TABLE province_forecast; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.province_forecast TO vneid_loader;
GRANT SELECT ON TABLE mart.province_forecast TO bi_reader;


--
-- Name: TABLE region_daily; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.region_daily TO vneid_loader;
GRANT SELECT ON TABLE mart.region_daily TO bi_reader;


--
-- Name: TABLE report_status; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.report_status TO vneid_loader;
GRANT SELECT ON TABLE mart.report_status TO bi_reader;


--
-- Name: TABLE validation_outcome; Type: ACL; Schema: mart; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE mart.validation_outcome TO vneid_loader;
GRANT SELECT ON TABLE mart.validation_outcome TO bi_reader;


--
-- Name: TABLE national_daily; Type: ACL; Schema: official; Owner: -
--

GRANT SELECT ON TABLE official.national_daily TO official_reader;
GRANT SELECT ON TABLE official.national_daily TO bi_reader;


--
-- Name: TABLE province_daily; Type: ACL; Schema: official; Owner: -
--

GRANT SELECT ON TABLE official.province_daily TO official_reader;
GRANT SELECT ON TABLE official.province_daily TO bi_reader;


--
-- Name: TABLE schema_migration; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.schema_migration TO vneid_loader;


--
-- Name: TABLE report_payload; Type: ACL; Schema: raw; Owner: -
--

GRANT SELECT,INSERT ON TABLE raw.report_payload TO vneid_loader;


--
-- Name: TABLE commune_report; Type: ACL; Schema: staging; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE staging.commune_report TO vneid_loader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: core; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA core GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO vneid_loader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: dq; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA dq GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO vneid_loader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: mart; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA mart GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO vneid_loader;
ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA mart GRANT SELECT ON TABLES  TO bi_reader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: raw; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA raw GRANT SELECT,INSERT ON TABLES  TO vneid_loader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: staging; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE vneid_owner IN SCHEMA staging GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO vneid_loader;


--
-- PostgreSQL database dump complete
--
