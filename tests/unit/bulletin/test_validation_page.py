"""The validation summary page rendered from hand-built data."""

from __future__ import annotations

import unicodedata

from vneid_pipeline.bulletin.validation_page import render_validation_html

from .samples import parse, validation_data


def test_validation_page_lists_broken_rules_with_counts_and_expectations():
    document = render_validation_html(validation_data())
    assert '<html lang="vi">' in document and unicodedata.is_normalized("NFC", document)
    text = " ".join(parse(document).text)
    assert "20 đầu tiên trên tổng số 25 lỗi" in text
    assert "participated_le_eligible" in text and "5001" in text and "10507" in text
    assert "Bị cách ly" in text and "Không phát hiện vấn đề: Hà Nội (01)" in text
    assert "Không đạt" in text and "300" in text


def test_validation_page_says_when_expectation_results_are_absent():
    for results in (None, []):
        text = " ".join(parse(render_validation_html(validation_data(expectation_results=results))).text)
        assert "Chưa có kết quả chi tiết theo từng kỳ vọng" in text
