"""English → Chinese terms for common industries and kinds of body.

The graph's names are Chinese; an English query such as ``manganese`` or ``new
materials alliance`` is translated through this small glossary so that it can find
锰产业 or 新材料产业技术创新战略联盟. It is a fixed table, not a translator: a query
it cannot cover is searched as typed.
"""

from __future__ import annotations

import re

from graph.schema import normalize_name

#: English (lower case, single spaces) → Chinese terms, most specific first.
GLOSSARY: dict[str, tuple[str, ...]] = {
    # industries and fields
    "manganese": ("锰",),
    "electrolytic manganese": ("电解锰",),
    "new materials": ("新材料",),
    "new material": ("新材料",),
    "biomedicine": ("生物医药",),
    "biopharmaceutical": ("生物医药", "生物制药"),
    "pharmaceutical": ("制药", "医药"),
    "medicine": ("医药",),
    "ethnic medicine": ("民族医药",),
    "traditional chinese medicine": ("中医药", "中药"),
    "graphene": ("石墨烯",),
    "fluorochemical": ("氟化工",),
    "fluorine chemical": ("氟化工",),
    "chemical": ("化工",),
    "rice": ("水稻",),
    "photovoltaic": ("光伏",),
    "solar": ("太阳能", "光伏"),
    "electronic information": ("电子信息",),
    "electronics": ("电子",),
    "information technology": ("信息技术",),
    "software": ("软件",),
    "big data": ("大数据",),
    "artificial intelligence": ("人工智能",),
    "new energy": ("新能源",),
    "energy saving": ("节能",),
    "environmental protection": ("环保",),
    "equipment manufacturing": ("装备制造",),
    "advanced manufacturing": ("先进制造",),
    "metallurgy": ("冶金",),
    "alloy": ("合金",),
    "tea": ("茶叶", "茶"),
    "tobacco": ("烟叶", "烟草"),
    "citrus": ("柑橘",),
    "kiwifruit": ("猕猴桃",),
    "livestock": ("畜牧",),
    "animal husbandry": ("畜牧",),
    "agriculture": ("农业",),
    "agricultural": ("农业",),
    "forestry": ("林业",),
    "tourism": ("旅游",),
    "food": ("食品",),
    "food processing": ("农产品加工", "食品加工"),
    "plant extraction": ("植物资源提取", "植物提取"),
    "modern agriculture": ("现代农业",),
    "high tech": ("高新技术",),
    "high-tech": ("高新技术",),
    "strategic emerging industries": ("战略性新兴产业",),
    "emerging industry": ("新兴产业",),
    "industry": ("产业",),
    "industry chain": ("产业链",),
    # kinds of body
    "alliance": ("联盟",),
    "innovation alliance": ("技术创新战略联盟",),
    "university": ("大学",),
    "college": ("学院",),
    "incubator": ("孵化器", "孵化基地"),
    "maker space": ("众创空间",),
    "research institute": ("研究院", "研究所"),
    "institute": ("研究所", "研究院"),
    "academy of sciences": ("科学院",),
    "key laboratory": ("重点实验室",),
    "laboratory": ("实验室",),
    "lab": ("实验室",),
    "engineering research center": ("工程技术研究中心",),
    "research center": ("研究中心",),
    "technology center": ("技术中心",),
    "high-tech zone": ("高新区",),
    "industrial park": ("工业园区", "产业园"),
    "science park": ("科技园",),
    "park": ("园区", "园"),
    "base": ("基地",),
    "workstation": ("工作站",),
    "academician workstation": ("院士工作站",),
    "technology transfer": ("技术转移",),
    "service platform": ("服务平台",),
    "platform": ("平台",),
    "enterprise": ("企业",),
    "company": ("公司",),
    "group": ("集团",),
    "bureau of science and technology": ("科学技术局", "科技局"),
    "science and technology bureau": ("科学技术局", "科技局"),
    "government": ("人民政府", "政府"),
    "program": ("计划",),
    "programme": ("计划",),
    "special commissioner": ("科技特派员",),
    "technology commissioner": ("科技特派员",),
}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LONGEST_KEY = max(len(key.split()) for key in GLOSSARY)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _lookup(words: list[str]) -> tuple[str, ...] | None:
    phrase = " ".join(words)
    found = GLOSSARY.get(phrase)
    if found is None and words:
        found = GLOSSARY.get(" ".join([*words[:-1], _singular(words[-1])]))
    return found


def _greedy_translation(words: list[str]) -> str | None:
    """Translate word runs longest-first and join them: 'manganese industry' → 锰产业."""
    parts: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_KEY, len(words) - i), 0, -1):
            found = _lookup(words[i : i + size])
            if found is not None:
                parts.append(found[0])
                i += size
                break
        else:
            return None
    return "".join(parts)


def expand_query(query: str) -> list[str]:
    """The terms to search for ``query``: itself first, then its Chinese renderings.

    A query with Chinese characters, or English the glossary does not cover, is only
    itself.
    """
    terms = [query]
    text = query.strip().lower()
    if not text or _CJK.search(text):
        return terms
    words = _WORD.findall(text.replace("&", " and "))
    whole = _lookup(words)
    if whole is not None:
        terms.extend(whole)
    joined = _greedy_translation(words)
    if joined is not None:
        terms.append(joined)
    unique: dict[str, str] = {}
    for term in terms:
        unique.setdefault(normalize_name(term), term)
    return list(unique.values())
