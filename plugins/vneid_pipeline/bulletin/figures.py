"""What the bulletin shows, read from the published marts and dq tables (SQL in include/sql/report/):
the day's `ReportData` and the provinces' statuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg
from psycopg.rows import class_row

from vneid_pipeline.reference import Campaign
from vneid_pipeline.sqlfiles import load_sql
from vneid_pipeline.warehouse import fetch_campaign

MIN_COMMUNE_ELIGIBLE = 100
COMMUNES_LISTED = 10


@dataclass(frozen=True)
class ProvinceStatus:
    """A province's row of mart.report_status, with its name."""
    province_code: str
    province_name: str
    status: str
    is_late: bool | None = None
    revision: int | None = None
    received_at: dt.datetime | None = None
    reason: str | None = None


@dataclass(frozen=True)
class NationalFigures:
    eligible: int | None
    participated: int | None
    participation_rate: Decimal | None
    target_rate: Decimal | None
    target_gap: Decimal | None
    provinces_reported: int
    provinces_expected: int
    participated_new: int | None = None
    agreed: int | None = None
    provinces_on_time: int | None = None
    provinces_late: int | None = None
    provinces_quarantined: int | None = None
    provinces_missing: int | None = None
    is_complete: bool | None = None


@dataclass(frozen=True)
class DayRate:
    day: dt.date
    participation_rate: Decimal | None
    target_rate: Decimal | None = None


@dataclass(frozen=True)
class ProvinceRow:
    province_code: str
    province_name: str
    report_status: str
    national_rank: int | None = None
    rank_change: int | None = None
    participated: int | None = None
    eligible: int | None = None
    participation_rate: Decimal | None = None
    target_rate: Decimal | None = None
    target_gap: Decimal | None = None
    is_late: bool | None = None
    revision: int | None = None


@dataclass(frozen=True)
class CommuneRow:
    commune_code: str
    commune_name: str
    province_name: str
    participated: int
    eligible: int
    participation_rate: Decimal


@dataclass(frozen=True)
class ProvinceForecast:
    province_code: str
    province_name: str
    as_of_date: dt.date | None
    participation_rate: Decimal | None
    target_rate: Decimal | None
    daily_gain: Decimal | None
    projected_target_date: dt.date | None
    campaign_last_day: dt.date | None
    target_reached: bool | None
    at_risk: bool | None
    pace_from_date: dt.date | None = None


@dataclass(frozen=True)
class NationalForecast:
    participation_rate: Decimal | None
    target_rate: Decimal | None
    daily_gain: Decimal | None
    projected_target_date: dt.date | None
    campaign_last_day: dt.date | None
    target_reached: bool | None
    at_risk: bool | None
    pace_from_date: dt.date | None = None
    provinces_at_risk: int | None = None


@dataclass(frozen=True)
class RegionRow:
    grouping_id: str
    grouping_title: str
    grouping_status: str
    is_restated: bool
    region_code: str
    region_name: str
    region_rank: int | None
    provinces_reported: int
    provinces_expected: int
    is_complete: bool
    participated: int | None = None
    eligible: int | None = None
    participation_rate: Decimal | None = None
    target_rate: Decimal | None = None
    target_gap: Decimal | None = None


@dataclass(frozen=True)
class SignOff:
    """Who stands behind the day's figures: sign_off/select_day_sign_off.sql."""
    figures_status: str
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    last_decision: str | None = None
    last_answered_by: str | None = None
    last_answered_at: dt.datetime | None = None
    last_reason: str | None = None


@dataclass(frozen=True)
class ReportData:
    campaign: Campaign
    report_date: dt.date
    national: NationalFigures | None
    series: list[DayRate]
    provinces: list[ProvinceRow]
    statuses: list[ProvinceStatus]
    top_communes: list[CommuneRow] = field(default_factory=list)
    bottom_communes: list[CommuneRow] = field(default_factory=list)
    province_forecasts: list[ProvinceForecast] = field(default_factory=list)
    national_forecast: NationalForecast | None = None
    regions: list[RegionRow] = field(default_factory=list)
    min_commune_eligible: int = MIN_COMMUNE_ELIGIBLE
    generated_at: dt.datetime | None = None
    sign_off: SignOff | None = None

    @property
    def target_rate(self) -> Decimal:
        if self.national is not None and self.national.target_rate is not None:
            return self.national.target_rate
        return self.campaign.target_rate

    @property
    def issues(self) -> list[ProvinceStatus]:
        """Provinces missing, quarantined, late, or with a note (a later revision quarantined)."""
        order = {"missing": 0, "quarantined": 1}
        return sorted((s for s in self.statuses if s.status != "accepted" or s.is_late or s.reason),
                      key=lambda s: (order.get(s.status, 2), s.province_code))


def fetch_rows(conn: psycopg.Connection, cls, sql_file: str, params: dict) -> list:
    with conn.cursor(row_factory=class_row(cls)) as cursor:
        return cursor.execute(load_sql(sql_file), params).fetchall()


def fetch_report_data(conn: psycopg.Connection, campaign_id: str, report_date: dt.date,
                      generated_at: dt.datetime | None = None) -> ReportData:
    params = {"campaign_id": campaign_id, "report_date": report_date}
    communes = {**params, "min_eligible": MIN_COMMUNE_ELIGIBLE, "row_limit": COMMUNES_LISTED}
    national = fetch_rows(conn, NationalFigures, "report/select_national_day.sql", params)
    national_forecast = fetch_rows(conn, NationalForecast, "report/select_national_forecast.sql", params)
    sign_off = fetch_rows(conn, SignOff, "sign_off/select_day_sign_off.sql", params)
    return ReportData(
        campaign=fetch_campaign(conn, campaign_id),
        report_date=report_date,
        national=national[0] if national else None,
        series=fetch_rows(conn, DayRate, "report/select_national_series.sql", params),
        provinces=fetch_rows(conn, ProvinceRow, "report/select_province_ranking.sql", params),
        statuses=fetch_rows(conn, ProvinceStatus, "report/select_report_status.sql", params),
        top_communes=fetch_rows(conn, CommuneRow, "report/select_top_communes.sql", communes),
        bottom_communes=fetch_rows(conn, CommuneRow, "report/select_bottom_communes.sql", communes),
        province_forecasts=fetch_rows(conn, ProvinceForecast, "report/select_province_forecast.sql", params),
        national_forecast=national_forecast[0] if national_forecast else None,
        regions=fetch_rows(conn, RegionRow, "report/select_region_ranking.sql", params),
        generated_at=generated_at,
        sign_off=sign_off[0] if sign_off else None,
    )
