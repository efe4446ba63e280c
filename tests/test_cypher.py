"""The Cypher in ``graph.cypher``: parameterised, whitelisted, and valid for Neo4j 5.

These run without a server. The syntax check uses Neo4j's own parser and semantic
analysis (``@neo4j-cypher/language-support``, installed by ``scripts/setup.sh`` into
``tests/cypher_lint``) through Node.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph import cypher
from graph.neo4j_rows import entity_labels
from graph.schema import Label, RelType

LINT_DIR = Path(__file__).parent / "cypher_lint"
INJECTION = "Alliance) DETACH DELETE n //"


def every_statement() -> dict[str, str]:
    """Each statement the store can send, built for every label set, type and bound."""
    statements = {
        name: value
        for name, value in vars(cypher).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("FULLTEXT_")
    }
    statements.update({f"schema[{i}]": s for i, s in enumerate(cypher.SCHEMA_STATEMENTS)})
    statements["FULLTEXT_INDEX_CONFIGS"] = cypher.FULLTEXT_INDEX_CONFIGS
    for label in Label:
        statements[f"merge_entities[{label}]"] = cypher.merge_entities(entity_labels(label))
    for rel_type in RelType:
        statements[f"merge_relations[{rel_type}]"] = cypher.merge_relations(rel_type)
    return statements


STRING_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
#: The only quoted strings the statements may contain: markers the store itself uses.
ALLOWED_LITERALS = {"", "\\n", "out", "in", "both", "cjk"}


def test_statements_carry_no_values_only_parameters() -> None:
    for name, statement in every_statement().items():
        literals = {a or b for a, b in STRING_LITERAL.findall(statement)}
        assert literals <= ALLOWED_LITERALS, (name, literals - ALLOWED_LITERALS)


def test_statements_pass_every_value_as_a_parameter() -> None:
    statement = cypher.merge_entities(["Platform", "Alliance"])
    assert "MERGE (e:Entity {id: row.id})" in statement
    assert "UNWIND $rows AS row" in statement
    assert "$document" in cypher.DROP_ENTITY_MENTIONS
    assert "$query" in cypher.SEARCH_CANDIDATES


def test_merge_entities_writes_its_labels_as_literals() -> None:
    statement = cypher.merge_entities(["Platform", "Alliance"])
    assert "SET e:Platform:Alliance," in statement


def test_merge_relations_writes_its_type_as_a_literal() -> None:
    assert "MERGE (a)-[r:BUILDS]->(b)" in cypher.merge_relations(RelType.BUILDS)


@pytest.mark.parametrize("label", [INJECTION, "entity", "Alliance`", "", "Alliance:Plan"])
def test_label_outside_whitelist_is_rejected(label: str) -> None:
    with pytest.raises(ValueError):
        cypher.merge_entities(["Platform", label])


@pytest.mark.parametrize("rel_type", ["BUILDS]->(b) DETACH DELETE a //", "builds", "KNOWS"])
def test_relationship_type_outside_whitelist_is_rejected(rel_type: str) -> None:
    with pytest.raises(ValueError):
        cypher.merge_relations(rel_type)


def test_empty_label_list_is_rejected() -> None:
    with pytest.raises(ValueError):
        cypher.merge_entities([])


def test_fulltext_index_covers_names_and_aliases_with_the_cjk_analyzer() -> None:
    (statement,) = [s for s in cypher.SCHEMA_STATEMENTS if "FULLTEXT" in s]
    assert f"FULLTEXT INDEX {cypher.FULLTEXT_INDEX} IF NOT EXISTS" in statement
    assert "ON EACH [e.name, e.aliases_text]" in statement
    assert "{indexConfig: {`fulltext.analyzer`: 'cjk'}}" in statement


def test_schema_statements_are_idempotent() -> None:
    assert all("IF NOT EXISTS" in s for s in cypher.SCHEMA_STATEMENTS)
    joined = "\n".join(cypher.SCHEMA_STATEMENTS)
    assert "FOR (e:Entity) REQUIRE e.id IS UNIQUE" in joined
    assert "FOR (d:Document) REQUIRE d.id IS UNIQUE" in joined
    assert "ON (e.norm_name)" in joined
    assert "ON (e.label)" in joined


def _lint(statements: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    if node is None or not (LINT_DIR / "node_modules").is_dir():
        pytest.skip("Cypher lint needs node and `npm ci --prefix tests/cypher_lint`")
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return report


def test_neo4j_parser_rejects_broken_cypher() -> None:
    report = _lint({"broken": "MATCH (n:Entity RETURN n", "unbound": "MATCH (n) RETURN m"})
    assert report["broken"] and report["unbound"]


@pytest.mark.slow
def test_every_statement_parses_and_analyses_cleanly_for_neo4j() -> None:
    report = _lint(every_statement())
    problems = {name: found for name, found in report.items() if found}
    assert problems == {}
