from graph.glossary import GLOSSARY, expand_query


def test_english_word_expands_to_its_chinese_terms() -> None:
    assert expand_query("manganese") == ["manganese", "锰"]


def test_english_phrase_is_translated_word_run_by_word_run() -> None:
    assert "锰产业" in expand_query("Manganese  Industry")


def test_plural_finds_the_singular_entry() -> None:
    assert "大学" in expand_query("universities")


def test_chinese_query_is_searched_as_typed() -> None:
    assert expand_query("锰产业") == ["锰产业"]


def test_english_outside_the_glossary_is_searched_as_typed() -> None:
    assert expand_query("quantum teleportation") == ["quantum teleportation"]


def test_glossary_covers_the_common_industries_and_kinds() -> None:
    for word in (
        "new materials",
        "biomedicine",
        "graphene",
        "fluorochemical",
        "alliance",
        "incubator",
        "rice",
        "photovoltaic",
        "electronic information",
    ):
        assert word in GLOSSARY
    assert len(GLOSSARY) >= 60
