"""All configuration, read once from environment variables with defaults that run locally.

Connections follow Airflow's convention (`AIRFLOW_CONN_VNEID_WAREHOUSE` holds a postgres URI);
outside Airflow the same variable is read directly, so the package never needs Airflow for it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INCLUDE_DIR = PROJECT_ROOT / "include"
SQL_DIR = INCLUDE_DIR / "sql"
REFERENCE_DIR = Path(os.environ.get("VNEID_REFERENCE_DIR", INCLUDE_DIR / "reference"))
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

WAREHOUSE_CONN_ID = "vneid_warehouse"
REPORT_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_WAREHOUSE_URI = "postgresql://vneid_owner@127.0.0.1:55432/vneid"


def deadline_retry_policy() -> tuple[int, int]:
    """The publication-deadline check's retries and delay in seconds (VNEID_DEADLINE_RETRIES, 1, and
    VNEID_DEADLINE_RETRY_DELAY_SECONDS, 300): read when the DAG file is parsed, so set them for the
    dag-processor and workers alike (a test sets 0 so the alert fires at once)."""
    return (int(os.environ.get("VNEID_DEADLINE_RETRIES", "1")),
            int(os.environ.get("VNEID_DEADLINE_RETRY_DELAY_SECONDS", "300")))


def sign_off_timeout() -> dt.timedelta:
    """How long a sign-off request waits for its answer (VNEID_SIGN_OFF_TIMEOUT_MINUTES, 1440): read
    when the DAG file is parsed, like the deadline policy above; past it the review task fails and
    alerts, and the day stays provisional."""
    return dt.timedelta(minutes=float(os.environ.get("VNEID_SIGN_OFF_TIMEOUT_MINUTES", "1440")))


@dataclass(frozen=True)
class QualityPolicy:
    """What the quality checks beyond the contract suite tolerate (see quality.py)."""

    total_tolerance: float = 0.0  # relative difference allowed between province_total and the rows' sum
    regression_quarantine_share: float = 0.05  # a fall larger than this share of the previous count quarantines
    outlier_z_threshold: float = 3.5


@dataclass(frozen=True)
class Settings:
    warehouse_uri: str
    campaign_id: str
    source: str  # "http" or "files"
    feed_base_url: str
    landing_dir: Path
    publish_root: Path
    recheck_days: int
    http_timeout_seconds: float
    http_attempts: int
    deadline_hour: int
    quality: QualityPolicy
    sign_off_reviewers: tuple[str, ...]
    files_base_url: str | None

    def feed_token(self, province_code: str) -> str | None:
        """One bearer token per province: VNEID_FEED_TOKEN_<code>, else the shared VNEID_FEED_TOKEN."""
        return os.environ.get(f"VNEID_FEED_TOKEN_{province_code}") or os.environ.get("VNEID_FEED_TOKEN")


def load_settings() -> Settings:
    env = os.environ
    return Settings(
        warehouse_uri=env.get(f"AIRFLOW_CONN_{WAREHOUSE_CONN_ID.upper()}", DEFAULT_WAREHOUSE_URI),
        campaign_id=env.get("VNEID_CAMPAIGN", "hien-phap-2025"),
        source=env.get("VNEID_SOURCE", "http"),
        feed_base_url=env.get("VNEID_FEED_URL", "http://127.0.0.1:8765"),
        landing_dir=Path(env.get("VNEID_LANDING_DIR", PROJECT_ROOT / "landing")),
        publish_root=Path(env.get("VNEID_PUBLISH_ROOT", PROJECT_ROOT / "publish")),
        recheck_days=int(env.get("VNEID_RECHECK_DAYS", "3")),
        http_timeout_seconds=float(env.get("VNEID_HTTP_TIMEOUT", "10")),
        http_attempts=int(env.get("VNEID_HTTP_ATTEMPTS", "4")),
        deadline_hour=int(env.get("VNEID_DEADLINE_HOUR", "15")),
        quality=QualityPolicy(float(env.get("VNEID_TOTAL_TOLERANCE", "0")),
                              float(env.get("VNEID_REGRESSION_QUARANTINE_SHARE", "0.05")),
                              float(env.get("VNEID_OUTLIER_Z", "3.5"))),
        sign_off_reviewers=tuple(name.strip() for name in env.get("VNEID_SIGN_OFF_REVIEWERS", "reviewer").split(",")
                                 if name.strip()),
        files_base_url=env.get("VNEID_FILES_BASE_URL") or None,
    )
