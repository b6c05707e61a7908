"""Settings read from the environment: feed tokens, defaults and overrides."""

from __future__ import annotations

import os

from vneid_pipeline import settings as settings_module


def test_feed_token_prefers_the_province_token(monkeypatch):
    monkeypatch.setenv("VNEID_FEED_TOKEN", "shared")
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "token-30")
    settings = settings_module.load_settings()
    assert settings.feed_token("30") == "token-30"
    assert settings.feed_token("31") == "shared"


def test_feed_token_without_any_token_is_none(monkeypatch):
    for name in list(os.environ):
        if name.startswith("VNEID_FEED_TOKEN"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("VNEID_FEED_TOKEN_31", "token-31")
    settings = settings_module.load_settings()
    assert settings.feed_token("30") is None
    assert settings.feed_token("31") == "token-31"


def test_feed_token_is_read_when_asked_not_when_loaded(monkeypatch):
    monkeypatch.delenv("VNEID_FEED_TOKEN", raising=False)
    monkeypatch.delenv("VNEID_FEED_TOKEN_30", raising=False)
    settings = settings_module.load_settings()
    monkeypatch.setenv("VNEID_FEED_TOKEN_30", "rotated")
    assert settings.feed_token("30") == "rotated"


SETTINGS_VARIABLES = ("AIRFLOW_CONN_VNEID_WAREHOUSE", "VNEID_CAMPAIGN", "VNEID_SOURCE", "VNEID_FEED_URL",
                      "VNEID_LANDING_DIR", "VNEID_PUBLISH_ROOT", "VNEID_RECHECK_DAYS", "VNEID_HTTP_TIMEOUT",
                      "VNEID_HTTP_ATTEMPTS", "VNEID_DEADLINE_HOUR")


def test_load_settings_defaults(monkeypatch):
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    settings = settings_module.load_settings()
    assert settings.warehouse_uri == settings_module.DEFAULT_WAREHOUSE_URI
    assert settings.campaign_id == "hien-phap-2025"
    assert settings.source == "http"
    assert settings.recheck_days == 3
    assert settings.deadline_hour == 15
    assert settings.http_attempts >= 1 and settings.http_timeout_seconds > 0
    assert settings.publish_root == settings_module.PROJECT_ROOT / "publish"
    assert settings.landing_dir == settings_module.PROJECT_ROOT / "landing"


def test_load_settings_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("AIRFLOW_CONN_VNEID_WAREHOUSE", "postgresql://u@127.0.0.1:1/w")
    monkeypatch.setenv("VNEID_CAMPAIGN", "van-kien-dai-hoi-xiv")
    monkeypatch.setenv("VNEID_SOURCE", "files")
    monkeypatch.setenv("VNEID_LANDING_DIR", str(tmp_path / "in"))
    monkeypatch.setenv("VNEID_PUBLISH_ROOT", str(tmp_path / "out"))
    monkeypatch.setenv("VNEID_RECHECK_DAYS", "5")
    monkeypatch.setenv("VNEID_HTTP_TIMEOUT", "2.5")
    monkeypatch.setenv("VNEID_HTTP_ATTEMPTS", "2")
    monkeypatch.setenv("VNEID_DEADLINE_HOUR", "17")
    settings = settings_module.load_settings()
    assert settings.warehouse_uri == "postgresql://u@127.0.0.1:1/w"
    assert (settings.campaign_id, settings.source) == ("van-kien-dai-hoi-xiv", "files")
    assert settings.landing_dir == tmp_path / "in" and settings.publish_root == tmp_path / "out"
    assert (settings.recheck_days, settings.http_timeout_seconds, settings.http_attempts) == (5, 2.5, 2)
    assert settings.deadline_hour == 17


def test_quality_policy_reads_the_environment(monkeypatch):
    monkeypatch.setenv("VNEID_TOTAL_TOLERANCE", "0.01")
    monkeypatch.setenv("VNEID_REGRESSION_QUARANTINE_SHARE", "0.2")
    monkeypatch.setenv("VNEID_OUTLIER_Z", "5")
    assert settings_module.load_settings().quality == settings_module.QualityPolicy(0.01, 0.2, 5.0)
