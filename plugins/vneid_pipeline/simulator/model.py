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

Optional breakdown (`breakdown=True`): each commune's citizens are split into five citizen groups
by one deterministic "citizen sequence" per commune, ordered by when citizens give their opinion.
`split(m)` counts the members of each group among the first `m` citizens of the sequence: a chain of
four binary splits, each `floor(g(m))` for the group and `m - floor(g(m))` for the rest, with
`0 <= g' <= 0.9`, so every count is non-decreasing in `m` and the five counts sum to `m` exactly.
A group's eligible, participated and agreed are `split(eligible)`, `split(participated)` and
`split(agreed)` of the commune: they partition the commune's figures exactly, keep
`agreed <= participated <= eligible` and never fall from one day to the next. Officials and the
armed forces are early in the sequence (they take part first and nearly all), students late. A
(section, group) row has the group's eligible, `floor(c * participated_g)` participants (`c` in
[0.40, 0.95], fixed per commune, section and group) and `floor(c * k * agreed_g)` agreed
(`k` in [0.85, 1], how well the section is received).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import threading
import unicodedata
from array import array
from collections.abc import Iterator
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


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
DEFAULT_SECTIONS = tuple(unicodedata.normalize("NFC", f"Chương {numeral}") for numeral in _ROMAN)
CAMPAIGN_SECTIONS: dict[str, tuple[str, ...]] = {
    "van-kien-dai-hoi-xiv": tuple(
        unicodedata.normalize("NFC", label)
        for label in (
            "Báo cáo chính trị",
            "Báo cáo kinh tế - xã hội",
            "Báo cáo tổng kết công tác xây dựng Đảng",
            "Điều lệ Đảng (sửa đổi)",
            "Chương trình hành động",
            "Báo cáo tổng kết 40 năm đổi mới",
            "Báo cáo tổng kết thi hành Điều lệ Đảng",
            "Báo cáo tổng kết nhiệm kỳ khóa XIII",
        )
    ),
}
CITIZEN_GROUPS = tuple(
    unicodedata.normalize("NFC", label)
    for label in (
        "Cán bộ, công chức, viên chức",
        "Công nhân khu công nghiệp",
        "Học sinh, sinh viên",
        "Lực lượng vũ trang",
        "Người dân khác",
    )
)
# How much more (or less) a group reads the sections, by position in CITIZEN_GROUPS.
_GROUP_SECTION_EFFECT = (0.05, -0.03, 0.0, 0.04, -0.02)
_MAX_SPLIT_SLOPE = 0.9
_MIN_SECTION_SHARE = 0.40
_MAX_SECTION_SHARE = 0.95


def sections_for(campaign_id: str) -> tuple[str, ...]:
    """Section labels the breakdown uses for a campaign (Chương I to X unless the campaign has its own)."""
    return CAMPAIGN_SECTIONS.get(campaign_id, DEFAULT_SECTIONS)


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


@dataclass(frozen=True)
class _Split:
    """Parameters of one commune's citizen-sequence split (see the module docstring).

    The chain splits off officials, the armed forces, industrial workers and students in turn;
    everybody else is the remainder. Steps 1-3 are saturating, g(m) = n * (1 - exp(-a * m)); step 4 is convex,
    g(m) = scale * (m / length) ** power up to `length`, then linear with slope `tail_slope`.
    """

    a1: float
    n1: float
    a2: float
    n2: float
    a3: float
    n3: float
    length: float
    scale: float
    power: float
    tail_slope: float

    def __call__(self, m: int) -> tuple[int, int, int, int, int]:
        """Members of each group (CITIZEN_GROUPS order) among the first m citizens; they sum to m."""
        officials = int(self.n1 * (1.0 - math.exp(-self.a1 * m)))
        m -= officials
        armed = int(self.n2 * (1.0 - math.exp(-self.a2 * m)))
        m -= armed
        workers = int(self.n3 * (1.0 - math.exp(-self.a3 * m)))
        m -= workers
        if m <= self.length:
            students = int(self.scale * (m / self.length) ** self.power)
        else:
            students = int(self.scale + self.tail_slope * (m - self.length))
        return (officials, workers, students, armed, m - students)


@dataclass(frozen=True)
class _Breakdown:
    """Breakdown parameters of one province: per commune, its split and its (section, group) shares.

    `shares[i]` and `agree_shares[i]` hold, for commune i, one factor per (section, group) in row
    order (section-major, groups in CITIZEN_GROUPS order): a cross row's participated is
    `floor(share * group participated)`, its agreed `floor(agree_share * group agreed)`, and
    `agree_share <= share`. Arrays of doubles keep a national day's parameters small.
    """

    splits: tuple[_Split, ...]
    shares: tuple[array, ...]
    agree_shares: tuple[array, ...]


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


def _saturating(share: float, steepness: float, length: float) -> tuple[float, float]:
    """(a, n) of g(m) = n * (1 - exp(-a * m)) with g(length) = share * length and slope <= 0.9."""
    if not 0.0 < share < _MAX_SPLIT_SLOPE:
        raise ValueError(f"a group's share of the rest must lie in (0, {_MAX_SPLIT_SLOPE}), got {share}")
    # The slope is largest at m = 0, share * steepness / (1 - exp(-steepness)), and falls towards
    # `share` as the steepness falls: lower the steepness until the slope is under the cap.
    steepness = max(steepness, 1e-3)
    while steepness > 1e-3 and share * steepness / -math.expm1(-steepness) > _MAX_SPLIT_SLOPE:
        steepness *= 0.9
    n = share * length / -math.expm1(-steepness)
    return steepness / length, n


def _build_split(rng: random.Random, base_eligible: int, ward: bool) -> _Split:
    officials = rng.uniform(0.04, 0.09) * (1.3 if ward else 1.0)
    armed = rng.uniform(0.008, 0.03)
    workers = rng.uniform(0.02, 0.22) * (0.7 if ward else 1.0)
    students = rng.uniform(0.08, 0.18) * (1.2 if ward else 1.0)
    length = float(base_eligible)
    a1, n1 = _saturating(officials, rng.uniform(3.0, 6.0), length)
    length *= 1.0 - officials
    a2, n2 = _saturating(armed / (1.0 - officials), rng.uniform(4.0, 8.0), length)
    length *= 1.0 - armed / (1.0 - officials)
    rest = 1.0 - officials - armed
    a3, n3 = _saturating(workers / rest, rng.uniform(0.3, 1.5), length)
    length *= 1.0 - workers / rest
    share = students / (rest - workers)
    # Slope of the convex step: at most power * share, with power >= 1 (else infinite at m = 0).
    power = rng.uniform(1.2, 1.8)
    if power * share > _MAX_SPLIT_SLOPE:
        power = _MAX_SPLIT_SLOPE / share
        if power < 1.0:
            raise ValueError(f"students' share of the rest is too large for the split: {share}")
    return _Split(a1, n1, a2, n2, a3, n3, length, share * length, power, power * share)


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

    `breakdown=True` adds, per commune, one row per citizen group and one per (section, citizen
    group), with `section` and `citizen_group` keys on every row ("" for the blank dimension); the
    labels are `sections` and `citizen_groups`. Without it, reports are exactly the commune totals.
    """

    def __init__(
        self,
        campaign_id: str,
        seed: int = 2025,
        faults: dict[tuple[str, dt.date], Fault] | None = None,
        breakdown: bool = False,
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
        self._breakdown_cache: dict[str, _Breakdown] = {}
        self._lock = threading.Lock()
        self.breakdown = bool(breakdown)
        self.sections: tuple[str, ...] = sections_for(self.campaign.campaign_id)
        self.citizen_groups: tuple[str, ...] = CITIZEN_GROUPS

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

    @property
    def rows_per_commune(self) -> int:
        """Rows per commune in a report: 1, or with the breakdown 1 + groups + sections x groups."""
        if not self.breakdown:
            return 1
        return 1 + len(self.citizen_groups) * (1 + len(self.sections))

    def report(self, province_code: str, report_date: dt.date) -> dict:
        """The report as the HTTP feed serves it (design: "Province feed over HTTP").

        With the breakdown, `rows` holds per commune its total row, then one row per citizen group,
        then one row per (section, citizen group); `province_total` sums the commune total rows only.
        """
        report_date = self._check(province_code, report_date)
        blocks = list(self._blocks(province_code, report_date))
        rows = [row for block in blocks for row in block]
        province_total = {column: sum(block[0][column] for block in blocks) for column in ("eligible", "participated", "agreed")}
        return {
            "schema_version": SCHEMA_VERSION,
            "campaign_id": self.campaign_id,
            "province_code": province_code,
            "report_date": report_date.isoformat(),
            "generated_at": self.generated_at(province_code, report_date).isoformat(),
            "revision": 1,
            "province_total": province_total,
            "rows": rows,
        }

    def iter_report_rows(self, province_code: str, report_date: dt.date) -> Iterator[dict]:
        """The rows of `report()`, one dict at a time, without holding the whole province in memory.

        Arguments are checked at the call (LookupError), not at the first row.
        """
        report_date = self._check(province_code, report_date)
        return (row for block in self._blocks(province_code, report_date) for row in block)

    def faulty_row_index(self, province_code: str, report_date: dt.date) -> int:
        """Index (in report row order) of the row a content fault damages for that report.

        Always a commune total row: with the breakdown, the first row of that commune's block.
        """
        return self._faulty_commune_index(province_code, report_date) * self.rows_per_commune

    # -- internals --------------------------------------------------------------------------

    def _faulty_commune_index(self, province_code: str, report_date: dt.date) -> int:
        count = len(self._province(province_code).communes)
        rng = stable_rng(self.seed, self.campaign_id, "faulty_row", province_code, _as_date(report_date).isoformat())
        return rng.randrange(count)

    def _blocks(self, province_code: str, report_date: dt.date) -> Iterator[list[dict]]:
        """Per commune (in code order), its rows: the total row first, then any breakdown rows."""
        province = self._province(province_code)
        day_index = (report_date - self.campaign.first_day).days
        last_index = len(self._days) - 1
        progress = (day_index + 1) / len(self._days)
        growth_progress = day_index / last_index if last_index else 1.0

        broken = -1
        fault = self.fault(province_code, report_date)
        if fault is not None and fault.kind == "out_of_range" and province.communes:
            broken = self._faulty_commune_index(province_code, report_date)
        breakdown = self._breakdown(province_code) if self.breakdown else None
        groups = self.citizen_groups
        cross_keys = [(section, group) for section in self.sections for group in range(len(groups))]

        for index, commune in enumerate(province.communes):
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
            code = commune.code
            total = {"commune_code": code, "eligible": eligible, "participated": participated, "agreed": agreed}
            if breakdown is None:
                block = [total]
            else:
                total["section"] = ""
                total["citizen_group"] = ""
                split = breakdown.splits[index]
                group_eligible = split(eligible)
                group_participated = split(participated)
                group_agreed = split(agreed)
                block = [total]
                block.extend(
                    {
                        "commune_code": code,
                        "eligible": group_eligible[g],
                        "participated": group_participated[g],
                        "agreed": group_agreed[g],
                        "section": "",
                        "citizen_group": groups[g],
                    }
                    for g in range(len(groups))
                )
                block.extend(
                    {
                        "commune_code": code,
                        "eligible": group_eligible[g],
                        "participated": int(share * group_participated[g]),
                        "agreed": int(agree_share * group_agreed[g]),
                        "section": section,
                        "citizen_group": groups[g],
                    }
                    for (section, g), share, agree_share in zip(
                        cross_keys, breakdown.shares[index], breakdown.agree_shares[index], strict=True
                    )
                )
            if index == broken:
                rng = stable_rng(self.seed, self.campaign_id, "out_of_range", province_code, report_date.isoformat())
                total["participated"] = eligible + max(1, int(eligible * rng.uniform(0.01, 0.08)))
            yield block

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

    def _breakdown(self, province_code: str) -> _Breakdown:
        cached = self._breakdown_cache.get(province_code)
        if cached is not None:
            return cached
        province = self._province(province_code)
        with self._lock:
            if province_code not in self._breakdown_cache:
                self._breakdown_cache[province_code] = self._build_breakdown(province)
            return self._breakdown_cache[province_code]

    def _build_breakdown(self, province: _Province) -> _Breakdown:
        count = len(self.sections)
        campaign_rng = stable_rng(self.seed, self.campaign_id, "sections")
        # Earlier sections are read more; each section also has its own interest and reception.
        interest = [
            0.88 - 0.30 * index / max(1, count - 1) + campaign_rng.uniform(-0.06, 0.06) for index in range(count)
        ]
        reception = [campaign_rng.uniform(0.90, 1.0) for _ in range(count)]
        rng = stable_rng(self.seed, self.campaign_id, "breakdown", province.code)
        province_offset = rng.gauss(0.0, 0.03)
        group_offset = [effect + rng.gauss(0.0, 0.02) for effect in _GROUP_SECTION_EFFECT]
        agreement = [
            [_clip(reception[section] + rng.gauss(0.0, 0.015), 0.85, 1.0) for _ in group_offset]
            for section in range(count)
        ]
        splits = []
        shares = []
        agree_shares = []
        for commune in province.communes:
            commune_rng = stable_rng(self.seed, self.campaign_id, "breakdown", province.code, commune.code)
            splits.append(_build_split(commune_rng, commune.base_eligible, commune.name.startswith("Phường")))
            commune_shares = array("d")
            commune_agree = array("d")
            for section in range(count):
                base = interest[section] + province_offset
                for group, offset in enumerate(group_offset):
                    share = _clip(base + offset + commune_rng.gauss(0.0, 0.03), _MIN_SECTION_SHARE, _MAX_SECTION_SHARE)
                    commune_shares.append(share)
                    commune_agree.append(share * agreement[section][group])  # <= share: agreement <= 1
            shares.append(commune_shares)
            agree_shares.append(commune_agree)
        return _Breakdown(splits=tuple(splits), shares=tuple(shares), agree_shares=tuple(agree_shares))

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
            for unit, r in zip(units, commune_rngs, strict=True)
        ]
        average = NATIONAL_ELIGIBLE / self._total_communes / _MEAN_COMMUNE_WEIGHT
        target = _clip(average * sum(weights) * province_noise, MIN_PROVINCE_TARGET, MAX_PROVINCE_TARGET)
        sizes = _fit_sizes(weights, target) if units else []

        communes = []
        for unit, commune_rng, size in zip(units, commune_rngs, sizes, strict=True):
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
