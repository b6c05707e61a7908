"""Deterministic generation of province reports for the bundled feed simulator.

Every figure is a pure function of (seed, campaign, province, commune, day): static parameters are
drawn from `random.Random` instances seeded with a SHA-256 of those keys, so two simulators with the
same seed produce identical reports whatever order they are asked in, in any process.

The model, per province:
- an eligible total roughly proportional to its number of communes (wards weigh more than rural
  communes), with province-level noise, kept between 0.25 and 7.5 million;
- a logistic (S-shaped) cumulative participation curve over the campaign days with its own final
  level, midpoint and steepness, so provinces progress differently and rankings move;
- per commune: a size (300 to 100,000), a very slight growth of eligible accounts, a multiplicative
  variation of the province's final level, a shifted midpoint and steepness, and an agree share.

Cumulative `participated` is `floor(eligible(day) * rate(day))` with both factors non-decreasing in
the day, and `agreed` is `floor(participated * agree_share)`, so both never fall from one day to the
next and `0 <= agreed <= participated <= eligible` always holds unless a fault breaks it on purpose.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import threading
from dataclasses import dataclass

from vneid_pipeline import reference

REPORT_TZ = dt.timezone(dt.timedelta(hours=7))
SCHEMA_VERSION = 1

FAULT_KINDS = frozenset({"missing", "late", "server_error", "timeout", "malformed", "out_of_range"})

MIN_COMMUNE_ELIGIBLE = 300
MAX_COMMUNE_ELIGIBLE = 100_000
MIN_PROVINCE_TARGET = 250_000
MAX_PROVINCE_TARGET = 7_500_000
# Level-2 VNeID accounts nationwide, spread over the communes of whichever version a campaign uses.
NATIONAL_ELIGIBLE = 60_000_000
# Mean of (type weight * lognormal noise) over a typical commune mix; keeps the national sum near
# NATIONAL_ELIGIBLE.
_MEAN_COMMUNE_WEIGHT = 1.15
_COMMUNE_SIZE_SIGMA = 0.55
_MAX_RATE = 0.995

# Normal publication window and the window used by the "late" fault (seconds after midnight, +07:00).
_NORMAL_WINDOW = (12 * 3600, 14 * 3600 + 55 * 60)
_LATE_WINDOW = (16 * 3600 + 10 * 60, 18 * 3600)


def stable_rng(*parts: object) -> random.Random:
    """A `random.Random` seeded from a SHA-256 of the parts (stable across processes and runs)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


@dataclass(frozen=True)
class Fault:
    """A fault injected for one (province, report date).

    kind: "missing" (never published), "late" (generated after the 15:00 deadline),
    "server_error" (HTTP 503 for the first `count` requests), "timeout" (the server sleeps
    `delay_seconds` before answering the first `count` requests), "malformed" (truncated JSON over
    HTTP; a non-numeric `eligible` in files), "out_of_range" (one row with participated > eligible).
    """

    kind: str
    count: int = 1
    delay_seconds: float = 5.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; expected one of {', '.join(sorted(FAULT_KINDS))}")
        if self.count < 1:
            raise ValueError(f"fault count must be at least 1, got {self.count}")
        if self.delay_seconds < 0:
            raise ValueError(f"fault delay_seconds must not be negative, got {self.delay_seconds}")


@dataclass(frozen=True)
class _Commune:
    code: str
    name: str
    base_eligible: int
    growth: float  # share by which eligible grows from the first to the last campaign day
    final_rate: float
    midpoint: float
    steepness: float
    agree_share: float
    curve_offset: float  # logistic value at x = 0
    curve_span: float  # logistic(1) - logistic(0), to normalise the curve to [0, 1]


@dataclass(frozen=True)
class _Province:
    code: str
    name: str
    communes: tuple[_Commune, ...]


def _logistic(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp_value = math.exp(value)
    return exp_value / (1.0 + exp_value)


def _type_weight(name: str) -> float:
    """Urban wards hold more residents than rural communes; special zones (đặc khu) are small."""
    if name.startswith("Phường"):
        return 1.8
    if name.startswith("Thị trấn"):
        return 1.1
    if name.startswith("Đặc khu"):
        return 0.5
    return 0.8


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _fit_sizes(weights: list[float], target: float) -> list[int]:
    """Commune sizes proportional to the weights, clipped to the commune range, summing near target."""
    factor = target / sum(weights)
    sizes: list[int] = []
    for _ in range(10):
        sizes = [int(_clip(round(weight * factor), MIN_COMMUNE_ELIGIBLE, MAX_COMMUNE_ELIGIBLE)) for weight in weights]
        total = sum(sizes)
        if abs(total - target) <= 0.002 * target:
            break
        factor *= target / total
    return sizes


class FeedSimulator:
    """Generates the daily reports of every province of one campaign, deterministically from a seed.

    `faults` maps (province_code, report_date) to a `Fault`. Content faults ("late",
    "out_of_range") show in `report()`; "missing" shows in `is_published()`; transport faults are
    applied by the HTTP server and the landing writer.
    """

    def __init__(
        self,
        campaign_id: str,
        seed: int = 2025,
        faults: dict[tuple[str, dt.date], Fault] | None = None,
    ) -> None:
        self.campaign = reference.campaign(campaign_id)
        self.version = reference.version_of(self.campaign)
        self.seed = seed
        self.faults: dict[tuple[str, dt.date], Fault] = {
            (str(code), _as_date(day)): fault for (code, day), fault in (faults or {}).items()
        }
        self._days = self.campaign.days()
        self._provinces_raw = {unit.unit_code: unit for unit in self.version.provinces()}
        self._communes_raw: dict[str, list[reference.AdminUnit]] = {code: [] for code in self._provinces_raw}
        for unit in self.version.units:
            if unit.level == "commune" and unit.province_code in self._communes_raw:
                self._communes_raw[unit.province_code].append(unit)
        self._total_communes = sum(len(units) for units in self._communes_raw.values())
        self._cache: dict[str, _Province] = {}
        self._lock = threading.Lock()

    # -- public API -------------------------------------------------------------------------

    @property
    def campaign_id(self) -> str:
        return self.campaign.campaign_id

    def province_codes(self) -> list[str]:
        return sorted(self._provinces_raw)

    def province_name(self, province_code: str) -> str:
        return self._province(province_code).name

    def commune_names(self, province_code: str) -> dict[str, str]:
        """Reference names (NFC) of the province's communes, keyed by commune code."""
        return {commune.code: commune.name for commune in self._province(province_code).communes}

    def fault(self, province_code: str, report_date: dt.date) -> Fault | None:
        return self.faults.get((province_code, _as_date(report_date)))

    def is_published(self, province_code: str, report_date: dt.date) -> bool:
        fault = self.fault(province_code, report_date)
        return fault is None or fault.kind != "missing"

    def generated_at(self, province_code: str, report_date: dt.date) -> dt.datetime:
        """When the province produced its report: 12:00-14:55 +07:00, or 16:10-18:00 when late."""
        report_date = self._check(province_code, report_date)
        fault = self.fault(province_code, report_date)
        low, high = _LATE_WINDOW if fault is not None and fault.kind == "late" else _NORMAL_WINDOW
        rng = stable_rng(self.seed, self.campaign_id, "generated_at", province_code, report_date.isoformat())
        midnight = dt.datetime.combine(report_date, dt.time(), tzinfo=REPORT_TZ)
        return midnight + dt.timedelta(seconds=rng.randint(low, high))

    def report(self, province_code: str, report_date: dt.date) -> dict:
        """The report as the HTTP feed serves it (design: "Province feed over HTTP")."""
        report_date = self._check(province_code, report_date)
        province = self._province(province_code)
        day_index = (report_date - self.campaign.first_day).days
        last_index = len(self._days) - 1
        progress = (day_index + 1) / len(self._days)
        growth_progress = day_index / last_index if last_index else 1.0

        rows = []
        for commune in province.communes:
            eligible = min(
                MAX_COMMUNE_ELIGIBLE,
                commune.base_eligible + int(commune.base_eligible * commune.growth * growth_progress),
            )
            curve = (
                _logistic(commune.steepness * (progress - commune.midpoint)) - commune.curve_offset
            ) / commune.curve_span
            rate = commune.final_rate * _clip(curve, 0.0, 1.0)
            participated = int(eligible * rate)
            agreed = int(participated * commune.agree_share)
            rows.append(
                {"commune_code": commune.code, "eligible": eligible, "participated": participated, "agreed": agreed}
            )

        fault = self.fault(province_code, report_date)
        if fault is not None and fault.kind == "out_of_range" and rows:
            row = rows[self.faulty_row_index(province_code, report_date)]
            rng = stable_rng(self.seed, self.campaign_id, "out_of_range", province_code, report_date.isoformat())
            row["participated"] = row["eligible"] + max(1, int(row["eligible"] * rng.uniform(0.01, 0.08)))

        return {
            "schema_version": SCHEMA_VERSION,
            "campaign_id": self.campaign_id,
            "province_code": province_code,
            "report_date": report_date.isoformat(),
            "generated_at": self.generated_at(province_code, report_date).isoformat(),
            "revision": 1,
            "province_total": {
                "eligible": sum(row["eligible"] for row in rows),
                "participated": sum(row["participated"] for row in rows),
                "agreed": sum(row["agreed"] for row in rows),
            },
            "rows": rows,
        }

    def faulty_row_index(self, province_code: str, report_date: dt.date) -> int:
        """Index (in report row order) of the row a content fault damages for that report."""
        count = len(self._province(province_code).communes)
        rng = stable_rng(self.seed, self.campaign_id, "faulty_row", province_code, _as_date(report_date).isoformat())
        return rng.randrange(count)

    # -- internals --------------------------------------------------------------------------

    def _check(self, province_code: str, report_date: dt.date) -> dt.date:
        if province_code not in self._provinces_raw:
            raise LookupError(
                f"province {province_code!r} does not exist in administrative version {self.version.version_id}"
            )
        report_date = _as_date(report_date)
        if not self.campaign.covers(report_date):
            raise LookupError(
                f"{report_date.isoformat()} is outside campaign {self.campaign_id} "
                f"({self.campaign.first_day.isoformat()} to {self.campaign.last_day.isoformat()})"
            )
        return report_date

    def _province(self, province_code: str) -> _Province:
        cached = self._cache.get(province_code)
        if cached is not None:
            return cached
        if province_code not in self._provinces_raw:
            raise LookupError(
                f"province {province_code!r} does not exist in administrative version {self.version.version_id}"
            )
        with self._lock:
            if province_code not in self._cache:
                self._cache[province_code] = self._build_province(province_code)
            return self._cache[province_code]

    def _build_province(self, province_code: str) -> _Province:
        units = sorted(self._communes_raw[province_code], key=lambda unit: unit.unit_code)
        rng = stable_rng(self.seed, self.campaign_id, "province", province_code)
        province_noise = math.exp(rng.gauss(0.0, 0.3))
        final_level = rng.uniform(0.55, 0.98)
        midpoint = rng.uniform(0.25, 0.7)
        steepness = rng.uniform(5.0, 12.0)
        agree_level = rng.uniform(0.90, 0.97)

        commune_rngs = [
            stable_rng(self.seed, self.campaign_id, "commune", province_code, unit.unit_code) for unit in units
        ]
        weights = [
            _type_weight(unit.name) * math.exp(r.gauss(0.0, _COMMUNE_SIZE_SIGMA))
            for unit, r in zip(units, commune_rngs)
        ]
        average = NATIONAL_ELIGIBLE / self._total_communes / _MEAN_COMMUNE_WEIGHT
        target = _clip(average * sum(weights) * province_noise, MIN_PROVINCE_TARGET, MAX_PROVINCE_TARGET)
        sizes = _fit_sizes(weights, target) if units else []

        communes = []
        for unit, commune_rng, size in zip(units, commune_rngs, sizes):
            commune_midpoint = _clip(midpoint + commune_rng.gauss(0.0, 0.06), 0.1, 0.9)
            commune_steepness = steepness * commune_rng.uniform(0.8, 1.2)
            offset = _logistic(-commune_steepness * commune_midpoint)
            span = _logistic(commune_steepness * (1.0 - commune_midpoint)) - offset
            communes.append(
                _Commune(
                    code=unit.unit_code,
                    name=unit.name,
                    base_eligible=size,
                    growth=commune_rng.uniform(0.0, 0.006),
                    final_rate=min(_MAX_RATE, final_level * _clip(math.exp(commune_rng.gauss(0.0, 0.08)), 0.75, 1.2)),
                    midpoint=commune_midpoint,
                    steepness=commune_steepness,
                    agree_share=_clip(agree_level + commune_rng.gauss(0.0, 0.02), 0.88, 0.99),
                    curve_offset=offset,
                    curve_span=span,
                )
            )
        return _Province(code=province_code, name=self._provinces_raw[province_code].name, communes=tuple(communes))


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def parse_fault_spec(text: str) -> tuple[tuple[str, dt.date], Fault]:
    """PROVINCE:DATE:KIND[:COUNT[:DELAY]], e.g. 30:2025-05-16:server_error:2."""
    parts = text.split(":")
    if not 3 <= len(parts) <= 5:
        raise ValueError(f"expected PROVINCE:DATE:KIND[:COUNT[:DELAY]], got {text!r}")
    try:
        day = dt.date.fromisoformat(parts[1])
        fault = Fault(
            kind=parts[2],
            count=int(parts[3]) if len(parts) > 3 else 1,
            delay_seconds=float(parts[4]) if len(parts) > 4 else 5.0,
        )
    except ValueError as error:
        raise ValueError(f"bad fault {text!r}: {error}") from error
    return (parts[0], day), fault
