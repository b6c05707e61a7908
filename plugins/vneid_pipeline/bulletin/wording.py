"""How the bulletin says things: Vietnamese number and date formats ("1.290.087", "20,5 %",
dd/mm/yyyy, times in Asia/Ho_Chi_Minh), the sign-off stamp, the rank changes and the forecast's sentences."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from vneid_pipeline.bulletin.figures import NationalForecast, ProvinceForecast, SignOff
from vneid_pipeline.settings import REPORT_TIMEZONE
from vneid_pipeline.sign_off import REJECTED

LOCAL_TZ = ZoneInfo(REPORT_TIMEZONE)

MISSING = "—"
_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_int(value) -> str:
    """1290087 -> "1.290.087"; None -> "—"."""
    if value is None:
        return MISSING
    return f"{int(value):,}".replace(",", ".")


def format_decimal(value, digits: int = 1) -> str:
    """1234.56 -> "1.234,6"; None -> "—". Rounded half away from zero."""
    if value is None:
        return MISSING
    rounded = _decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,0"
    return f"{rounded:,.{digits}f}".translate(_SWAP_SEPARATORS)


def format_percent(rate, digits: int = 1) -> str:
    """A fraction as a percentage: 0.2053 -> "20,5 %"; None -> "—"."""
    return MISSING if rate is None else f"{format_decimal(_decimal(rate) * 100, digits)} %"


def format_points(rate, digits: int = 1) -> str:
    """A difference of fractions in percentage points: 0.032 -> "3,2 điểm %"."""
    return MISSING if rate is None else f"{format_decimal(_decimal(rate) * 100, digits)} điểm %"


def format_date(day: dt.date | None) -> str:
    """dd/mm/yyyy; None -> "—"."""
    return MISSING if day is None else day.strftime("%d/%m/%Y")


def format_datetime(moment: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh; None -> "—"."""
    if moment is None:
        return MISSING
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TZ)
    return moment.strftime("%d/%m/%Y %H:%M")


def format_rank_change(change: int | None) -> str:
    """▲ 3 (moved up three places), ▼ 2 (down two), – (unchanged); empty without a previous rank."""
    if change is None:
        return ""
    if change > 0:
        return f"▲ {change}"
    if change < 0:
        return f"▼ {-change}"
    return "–"


OFFICIAL_STAMP, PROVISIONAL_STAMP, REJECTED_STAMP = "Số liệu chính thức", "Số liệu tạm tính", "Từ chối phê duyệt"


def sign_off_stamp(sign_off: SignOff | None) -> tuple[str, str]:
    """The report's stamp and the sentence beneath it: official once approved (by whom, when), else
    provisional, with the rejection and its reason when the current figures were rejected."""
    if sign_off is not None and sign_off.figures_status == "official":
        return OFFICIAL_STAMP, (f"Đã được Cục C06 phê duyệt: {sign_off.approved_by}, lúc "
                                f"{format_datetime(sign_off.approved_at)}.")
    if sign_off is not None and sign_off.last_decision == REJECTED:
        return PROVISIONAL_STAMP, (f"{REJECTED_STAMP}: {sign_off.last_answered_by}, lúc "
                                   f"{format_datetime(sign_off.last_answered_at)}. Lý do: {sign_off.last_reason}. "
                                   "Số liệu có thể còn thay đổi.")
    return PROVISIONAL_STAMP, "Chưa được Cục C06 phê duyệt; số liệu có thể còn thay đổi."


def format_gap(gap) -> str:
    """Gap to target: "3,2 điểm %" still to go, or "vượt 1,5 điểm %" when above the target."""
    if gap is None:
        return MISSING
    return f"vượt {format_points(-gap)}" if gap < 0 else format_points(gap)


def format_daily_gain(gain) -> str:
    if gain is None:
        return MISSING
    return f"{'+' if gain > 0 else ''}{format_points(gain, 2)}/ngày"


def province_projection(forecast: ProvinceForecast | NationalForecast) -> str:
    if forecast.target_reached:
        return "Đã đạt chỉ tiêu"
    if forecast.projected_target_date is None:
        return "Không tiến triển"
    return format_date(forecast.projected_target_date)


def national_projection_sentence(forecast: NationalForecast | None, target_rate) -> str:
    if forecast is None:
        return "Chưa có dự báo toàn quốc cho ngày này."
    end = format_date(forecast.campaign_last_day)
    target = format_percent(forecast.target_rate if forecast.target_rate is not None else target_rate)
    rate = format_percent(forecast.participation_rate)
    if forecast.target_reached:
        return f"Toàn quốc đã đạt chỉ tiêu {target} (tỷ lệ tham gia {rate})."
    since = f" từ ngày {format_date(forecast.pace_from_date)}" if forecast.pace_from_date else ""
    if forecast.projected_target_date is None:
        return (f"Tỷ lệ tham gia toàn quốc ({rate}) không tăng{since}: chưa thể dự kiến ngày đạt chỉ tiêu {target}; "
                f"có nguy cơ không đạt chỉ tiêu trước ngày kết thúc đợt ({end}).")
    sentence = (f"Tỷ lệ tham gia toàn quốc {rate}; với tốc độ tăng bình quân {format_daily_gain(forecast.daily_gain)}"
                f"{since}, toàn quốc dự kiến đạt chỉ tiêu {target} vào ngày {format_date(forecast.projected_target_date)}")
    if forecast.at_risk:
        return sentence + f", sau ngày kết thúc đợt ({end}): có nguy cơ không đạt chỉ tiêu đúng hạn."
    return sentence + f", không muộn hơn ngày kết thúc đợt ({end})."
