"""Deterministic breakdown reports for the benchmarks: one province's CSV, as a province would send it.

A report holds, for each commune of the province, its total row (section and citizen_group
empty) followed by breakdown rows with distinct (section, citizen_group) labels, as many as needed
to reach the requested number of rows. Figures always satisfy 0 <= agreed <= participated <=
eligible, and a breakdown row never shows more participants than its commune's total.

Two files are written from the same rows in one pass:
- the report, in the file contract's layout
  (`commune_code,commune_name,eligible,participated,agreed,section,citizen_group`, UTF-8);
- the same rows in the layout of `staging.commune_report`
  (`payload_id,row_number,commune_code,section,citizen_group,eligible,participated,agreed`), which is
  what the raw `COPY` baseline loads.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

REPORT_HEADER = ("commune_code", "commune_name", "eligible", "participated", "agreed", "section", "citizen_group")
STAGING_HEADER = ("payload_id", "row_number", "commune_code", "section", "citizen_group", "eligible",
                  "participated", "agreed")
# The first labels read like real ones; beyond them the labels are numbered.
SECTION_NAMES = ("Lời nói đầu", "Chương I - Chế độ chính trị", "Chương III - Kinh tế, xã hội",
                 "Chương IX - Chính quyền địa phương", "Chương XI - Hiệu lực của Hiến pháp")
GROUP_NAMES = ("Cán bộ, công chức, viên chức", "Công nhân khu công nghiệp", "Học sinh, sinh viên",
               "Lực lượng vũ trang", "Người dân khác")
STAGING_PAYLOAD_ID = 1


@dataclass(frozen=True)
class GeneratedReport:
    province_code: str
    rows: int
    communes: int
    sections: int
    groups: int
    report_csv: Path
    staging_csv: Path | None

    @property
    def report_bytes(self) -> int:
        return self.report_csv.stat().st_size


def _labels(names: tuple[str, ...], count: int, prefix: str) -> list[str]:
    return [names[i] if i < len(names) else f"{prefix} {i + 1:03d}" for i in range(count)]


def grid_for(cross_rows_per_commune: int) -> tuple[int, int]:
    """Sections x groups, about square, with at least `cross_rows_per_commune` combinations."""
    if cross_rows_per_commune <= 0:
        return 0, 0
    sections = math.ceil(math.sqrt(cross_rows_per_commune))
    return sections, math.ceil(cross_rows_per_commune / sections)


def write_report(communes: list[tuple[str, str]], province_code: str, target_rows: int, seed: int,
                 report_csv: Path, staging_csv: Path | None = None) -> GeneratedReport:
    """Write exactly `target_rows` rows (at least one per commune) for `communes` [(code, name)]."""
    if target_rows < len(communes):
        raise ValueError(f"{target_rows} rows cannot hold a total row for each of {len(communes)} communes")
    base, extra = divmod(target_rows - len(communes), len(communes))
    sections, groups = grid_for(base + (1 if extra else 0))
    combos = [(section, group) for section in _labels(SECTION_NAMES, sections, "Phần")
              for group in _labels(GROUP_NAMES, groups, "Nhóm")]
    rng = random.Random(f"vneid-bench:{seed}:{province_code}")
    rand, randint = rng.random, rng.randint
    report_csv.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    staging_handle = staging_csv.open("w", encoding="utf-8", newline="") if staging_csv else None
    try:
        with report_csv.open("w", encoding="utf-8", newline="") as handle:
            report = csv.writer(handle, lineterminator="\n")
            report.writerow(REPORT_HEADER)
            staging = csv.writer(staging_handle, lineterminator="\n") if staging_handle else None
            if staging:
                staging.writerow(STAGING_HEADER)
            for index, (code, name) in enumerate(communes):
                eligible = randint(300, 100_000)
                participated = int(eligible * (0.2 + 0.75 * rand()))
                agreed = int(participated * (0.8 + 0.19 * rand()))
                rows = [(code, name, eligible, participated, agreed, "", "")]
                for section, group in combos[:base + (1 if index < extra else 0)]:
                    cross_eligible = int(eligible * rand())
                    cross_participated = int(min(cross_eligible, participated) * rand())
                    rows.append((code, name, cross_eligible, cross_participated, int(cross_participated * rand()),
                                 section, group))
                report.writerows(rows)
                if staging:
                    staging.writerows((STAGING_PAYLOAD_ID, written + number, code, section, group, e, p, a)
                                      for number, (code, _, e, p, a, section, group) in enumerate(rows, start=1))
                written += len(rows)
    finally:
        if staging_handle:
            staging_handle.close()
    return GeneratedReport(province_code, written, len(communes), sections, groups, report_csv, staging_csv)
