"""What ``Neo4jStore`` does on its side of the wire, checked without a server.

A recording stand-in for the driver shows which statements a call sends, with which
rows, in how many transactions. The statements' behaviour on a live server is the
shared contract suite (``tests/test_store_contract.py``), run when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graph import cypher
from graph.errors import InvalidQueryError, StoreUnavailableError
from graph.neo4j_store import Neo4jStore
from graph.schema import Entity, GraphBatch, Label, Relation, RelType
from graph.service import GraphService


class FakeRecord:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def data(self) -> dict[str, Any]:
        return self._data


class FakeResult:
    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[FakeRecord]:
        return (FakeRecord(row) for row in self._rows)

    def single(self, strict: bool = False) -> FakeRecord:
        assert len(self._rows) == 1
        return FakeRecord(self._rows[0])

    def consume(self) -> None:
        return None


class FakeTx:
    def __init__(self, driver: FakeDriver) -> None:
        self.driver = driver

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kw: Any) -> FakeResult:
        params = {**(parameters or {}), **kw}
        self.driver.sent.append((query, params))
        if query == cypher.MISSING_ENTITY_IDS:
            return FakeResult([{"missing": [i for i in params["ids"] if i not in self.driver.ids]}])
        return FakeResult([])


class FakeSession:
    def __init__(self, driver: FakeDriver) -> None:
        self.driver = driver

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, work: Callable[[FakeTx], Any]) -> Any:
        self.driver.transactions += 1
        return work(FakeTx(self.driver))

    execute_read = execute_write


class FakeDriver:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.transactions = 0
        self.ids: set[str] = set()

    def verify_connectivity(self) -> None:
        return None

    def session(self, database: str) -> FakeSession:
        return FakeSession(self)

    def close(self) -> None:
        return None


@pytest.fixture
def driver(monkeypatch: pytest.MonkeyPatch) -> FakeDriver:
    fake = FakeDriver()
    monkeypatch.setattr("neo4j.GraphDatabase.driver", lambda uri, auth, **config: fake)
    return fake


def open_store(driver: FakeDriver, batch_size: int = 1000) -> Neo4jStore:
    store = Neo4jStore("bolt://fake:7687", user="neo4j", password="x", batch_size=batch_size)
    driver.sent.clear()
    driver.transactions = 0
    return store


def sent_rows(driver: FakeDriver, query: str) -> list[list[dict[str, Any]]]:
    return [params["rows"] for sent, params in driver.sent if sent == query]


def alliance(name: str) -> Entity:
    return Entity.create(Label.ALLIANCE, name)


def test_start_creates_every_index_and_constraint(driver: FakeDriver) -> None:
    Neo4jStore("bolt://fake:7687", user="neo4j", password="x")
    sent = [query for query, _ in driver.sent]
    assert [q for q in sent if q in cypher.SCHEMA_STATEMENTS] == list(cypher.SCHEMA_STATEMENTS)


def test_upsert_sends_rows_in_batches_of_batch_size_in_one_transaction(
    driver: FakeDriver,
) -> None:
    store = open_store(driver, batch_size=2)
    store.upsert(GraphBatch(entities=[alliance(f"联盟{i}") for i in range(5)]))
    rows = sent_rows(driver, cypher.merge_entities(["Platform", "Alliance"]))
    assert [len(batch) for batch in rows] == [2, 2, 1]
    assert driver.transactions == 1


def test_upsert_groups_entities_by_label_set(driver: FakeDriver) -> None:
    store = open_store(driver)
    plan = Entity.create(Label.PLAN, "工作要点")
    store.upsert(GraphBatch(entities=[alliance("甲联盟"), plan, alliance("乙联盟")]))
    platforms = sent_rows(driver, cypher.merge_entities(["Platform", "Alliance"]))
    plans = sent_rows(driver, cypher.merge_entities(["Plan"]))
    assert [len(batch) for batch in platforms] == [2]
    assert [len(batch) for batch in plans] == [1]


def test_repeated_entity_in_one_batch_is_merged_in_a_later_statement(driver: FakeDriver) -> None:
    store = open_store(driver)
    first, again = alliance("甲联盟"), alliance("甲联盟")
    store.upsert(GraphBatch(entities=[first, alliance("乙联盟"), again]))
    rows = sent_rows(driver, cypher.merge_entities(["Platform", "Alliance"]))
    assert [[row["id"] for row in batch] for batch in rows] == [
        [first.id, alliance("乙联盟").id],
        [again.id],
    ]


def test_relations_are_grouped_by_type_after_the_entities(driver: FakeDriver) -> None:
    store = open_store(driver)
    a, b = alliance("甲联盟"), alliance("乙联盟")
    batch = GraphBatch(
        entities=[a, b],
        relations=[
            Relation.create(RelType.COLLABORATES_WITH, a.id, b.id),
            Relation.create(RelType.PART_OF, a.id, b.id),
        ],
    )
    store.upsert(batch)
    sent = [query for query, _ in driver.sent]
    assert sent.index(cypher.merge_entities(["Platform", "Alliance"])) < sent.index(
        cypher.merge_relations("COLLABORATES_WITH")
    )
    assert cypher.merge_relations("PART_OF") in sent


def test_relation_to_a_missing_entity_is_refused_before_anything_is_written(
    driver: FakeDriver,
) -> None:
    store = open_store(driver)
    a = alliance("甲联盟")
    batch = GraphBatch(entities=[a], relations=[Relation.create(RelType.BUILDS, a.id, "nowhere")])
    with pytest.raises(InvalidQueryError, match="nowhere"):
        store.upsert(batch)
    assert [query for query, _ in driver.sent] == [cypher.MISSING_ENTITY_IDS]


def test_relation_to_a_stored_entity_is_accepted(driver: FakeDriver) -> None:
    store = open_store(driver)
    driver.ids.add("stored")
    a = alliance("甲联盟")
    store.upsert(
        GraphBatch(entities=[a], relations=[Relation.create(RelType.BUILDS, a.id, "stored")])
    )
    assert sent_rows(driver, cypher.merge_relations("BUILDS")) == [
        [
            {
                "source": a.id,
                "target": "stored",
                "evidence": [],
                "evidence_docs": [],
                "props": {},
                "keys": [],
                "nulls": [],
            }
        ]
    ]


def test_search_sends_the_normalised_query(driver: FakeDriver) -> None:
    GraphService(open_store(driver)).search(" ＡＢＣ 公司", labels=[Label.ENTERPRISE])
    assert driver.sent[-1] == (
        cypher.SEARCH_CANDIDATES,
        {"query": "abc公司", "labels": ["Enterprise"]},
    )  # and no entity read for an empty page


def test_blank_search_lists_every_candidate(driver: FakeDriver) -> None:
    GraphService(open_store(driver)).search("  ", labels=[])
    assert driver.sent[-1] == (cypher.LIST_CANDIDATES, {"query": "", "labels": None})


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_server_is_store_unavailable() -> None:
    with pytest.raises(StoreUnavailableError) as caught:
        Neo4jStore(f"bolt://127.0.0.1:{closed_port()}", user="neo4j", password="x")
    assert caught.value.__cause__ is not None


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(InvalidQueryError):
        Neo4jStore("bolt://127.0.0.1:7687", user="neo4j", password="x", batch_size=0)
