"""Scoring plan metadata against an annotation, the way issue 10 defines it.

The annotated values are entries of ``shared/eval/zhejiang-metadata.json``."""

from __future__ import annotations

import pytest

from ingest.metadata_eval import (
    GoldMetadata,
    MetadataGold,
    PredictedMetadata,
    doc_numbers_match,
    gold_names,
    names_match,
    regions_match,
    score_metadata,
    title_key,
)


@pytest.mark.parametrize(
    ("predicted", "annotated"),
    [
        # 444: the annotation keeps the notice; the plan's title is what it wraps
        (
            "湖州市支持和鼓励开放型经济发展十条政策",
            "湖州市人民政府关于印发湖州市支持和鼓励开放型经济发展十条政策的通知",
        ),
        # 551: in 《》
        (
            "嘉兴港区加快推进智能工厂建设三年行动计划（2017—2019年）",
            "《嘉兴港区加快推进智能工厂建设三年行动计划（2017—2019年）》",
        ),
        # 482: a title quoted inside the title, in <>
        (
            "<嘉兴市人民政府关于进一步推动科技创新的若干政策意见>有关内容的操作办法",
            "关于印发《<嘉兴市人民政府关于进一步推动科技创新的若干政策意见>有关内容的操作办法》的通知",
        ),
    ],
)
def test_titles_equal_once_quotes_and_the_notice_wrapper_are_dropped(
    predicted: str, annotated: str
) -> None:
    assert title_key(predicted) == title_key(annotated)


def test_a_title_with_its_issuer_is_not_the_title_without() -> None:
    assert title_key("瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见") != title_key(
        "关于鼓励企业并购重组进军资本市场的实施意见"
    )


def test_regions_equal_up_to_the_level_suffix_and_an_enclosing_name() -> None:
    assert regions_match("柯桥区", "柯桥区")
    assert regions_match("浙江省", "浙江")
    assert regions_match("临安市", "杭州市临安区")
    assert not regions_match("绍兴市", "柯桥区")


def test_document_numbers_whatever_the_brackets_and_without_the_code() -> None:
    assert doc_numbers_match("温政发〔2020〕57号", "温政发202057号")
    assert doc_numbers_match("仙政发〔2017〕185号", "〔2017〕185号")
    assert not doc_numbers_match("仙政发〔2017〕185号", "仙政发〔2017〕186号")
    assert not doc_numbers_match("仙政发〔2017〕185号", "嘉政发〔2017〕185号")


def test_annotated_entries_holding_two_bodies_count_as_two() -> None:
    # 495 (spaces) and 440 (run together)
    assert gold_names(["嘉兴市科学技术局\xa0\xa0嘉兴市财政局"]) == [
        "嘉兴市科学技术局",
        "嘉兴市财政局",
    ]
    assert gold_names(["中共东阳市委东阳市人民政府"]) == ["中共东阳市委", "东阳市人民政府"]


def test_an_annotated_name_abbreviated_to_its_level_matches_the_full_name() -> None:
    assert names_match("安吉县财政局", "县财政局")
    assert not names_match("县财政局", "安吉县财政局")


def test_each_field_is_scored_over_the_documents_annotated_for_it() -> None:
    gold = MetadataGold(
        documents={
            "430": GoldMetadata(
                issuers=["瑞安市人民政府"],
                regions=["瑞安市"],
                titles=["瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见"],
                dates=["2018年4月24日"],
                doc_numbers=["瑞政发〔2018〕46号"],
            ),
            "436": GoldMetadata(regions=["遂昌县"]),
        }
    )
    predicted = {
        "430": PredictedMetadata(
            issuers=["瑞安市人民政府", "瑞安市人民政府办公室"],
            region="瑞安市",
            title="瑞安市人民政府关于鼓励企业并购重组进军资本市场的实施意见",
            year=2018,
            doc_number="瑞政发〔2018〕46号",
        ),
        "436": PredictedMetadata(region="丽水市"),
    }

    report = score_metadata(gold, predicted)

    assert (report.issuers.precision, report.issuers.recall) == (0.5, 1.0)
    assert {f: (s.scored, s.correct) for f, s in report.fields.items()} == {
        "title": (1, 1),
        "region": (2, 1),
        "year": (1, 1),
        "doc_number": (1, 1),
    }
