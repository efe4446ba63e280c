"""What only a live Neo4j shows: schema, indexes, concurrency and retries on the server.

These run when NEO4J_URI is set (``scripts/test.sh`` starts a local Neo4j) and are
skipped with the reason otherwise. The behaviour every store shares is
``tests/test_store_contract.py``, which runs here on Neo4j as well.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager

import pytest

from graph import cypher
from graph.neo4j_store import Neo4jStore
from graph.schema import DocumentRecord, Entity, GraphBatch, Label, Provenance, Relation, RelType
from graph.service import GraphService
from tests.neo4j_live import open_neo4j_store

pytestmark = pytest.mark.neo4j


@pytest.fixture
def store() -> Iterator[Neo4jStore]:
    instance = open_neo4j_store()
    instance.clear()
    try:
        yield instance
    finally:
        instance.close()


def server_rows(store: Neo4jStore, statement: str, **params: object) -> list[dict[str, object]]:
    """Run an ad-hoc read on the server (inspection only; the store's Cypher is elsewhere)."""
    with store._driver.session() as session:
        return [record.data() for record in session.run(statement, params)]


@contextmanager
def server_session(store: Neo4jStore) -> Iterator[Callable[[str], object]]:
    """``with server_session(store) as run: run("...")``: one auto-committed statement each."""
    with store._driver.session() as session:
        yield lambda statement: session.run(statement).consume()


def indexes(store: Neo4jStore) -> list[dict[str, object]]:
    return server_rows(
        store,
        "SHOW INDEXES YIELD name, type, state, options "
        "WHERE type <> 'LOOKUP' "
        "RETURN name, type, state, options.indexConfig['fulltext.analyzer'] AS analyzer "
        "ORDER BY name",
    )


EXPECTED_INDEXES = [
    {"name": "document_id", "type": "RANGE", "state": "ONLINE", "analyzer": None},
    {"name": "entity_id", "type": "RANGE", "state": "ONLINE", "analyzer": None},
    {"name": "entity_label", "type": "RANGE", "state": "ONLINE", "analyzer": None},
    {"name": "entity_names", "type": "FULLTEXT", "state": "ONLINE", "analyzer": "cjk"},
    {"name": "entity_norm_aliases_text", "type": "TEXT", "state": "ONLINE", "analyzer": None},
    {"name": "entity_norm_name", "type": "RANGE", "state": "ONLINE", "analyzer": None},
    {"name": "entity_norm_name_text", "type": "TEXT", "state": "ONLINE", "analyzer": None},
]


def prov(document: str, sentence: str) -> Provenance:
    return Provenance(document=document, sentence=sentence, start=0, end=len(sentence))


def named(label: Label, name: str, document: str = "d1") -> Entity:
    return Entity.create(label, name, mentions=[prov(document, name)])


# -- schema -----------------------------------------------------------------------------


def test_start_makes_every_index_online_with_the_cjk_analyzer(store: Neo4jStore) -> None:
    assert indexes(store) == EXPECTED_INDEXES


def test_restarting_on_the_same_database_keeps_the_schema_and_the_data(
    store: Neo4jStore,
) -> None:
    alliance = named(Label.ALLIANCE, "锰产业技术创新战略联盟")
    store.upsert(GraphBatch(entities=[alliance]))
    for _ in range(2):
        open_neo4j_store().close()
    assert indexes(store) == EXPECTED_INDEXES
    assert store.get_entities([alliance.id]) == [alliance]


def test_stores_starting_together_all_start(store: Neo4jStore) -> None:
    with server_session(store) as run:
        run("DROP INDEX entity_names IF EXISTS")
        run("DROP CONSTRAINT document_id IF EXISTS")

    def start(_: int) -> None:
        open_neo4j_store().close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(start, range(4)))
    assert indexes(store) == EXPECTED_INDEXES


def test_start_rebuilds_a_fulltext_index_left_with_another_analyzer(store: Neo4jStore) -> None:
    with server_session(store) as run:
        run(f"DROP INDEX {cypher.FULLTEXT_INDEX}")
        run(
            f"CREATE FULLTEXT INDEX {cypher.FULLTEXT_INDEX} FOR (e:Entity) ON EACH [e.name] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}"
        )
    open_neo4j_store().close()
    assert indexes(store) == EXPECTED_INDEXES


# -- search -----------------------------------------------------------------------------


def test_cjk_fulltext_index_finds_names_by_two_or_more_characters(store: Neo4jStore) -> None:
    alliance = named(Label.ALLIANCE, "锰产业技术创新战略联盟")
    industry = named(Label.INDUSTRY, "锰产业")
    store.upsert(GraphBatch(entities=[alliance, industry, named(Label.LAB, "稀土实验室")]))
    hits = server_rows(
        store,
        f"CALL db.index.fulltext.queryNodes('{cypher.FULLTEXT_INDEX}', $q) "
        "YIELD node RETURN node.name AS name ORDER BY name",
        q="锰产业",
    )
    assert [h["name"] for h in hits] == ["锰产业", "锰产业技术创新战略联盟"]


def test_search_is_served_by_the_text_indexes(store: Neo4jStore) -> None:
    params = {"query": "锰", "labels": None}
    with store._driver.session() as session:
        summary = session.run("EXPLAIN " + cypher.SEARCH_CANDIDATES, params).consume()
    assert summary.plan is not None
    operators = set()
    todo = [summary.plan]
    while todo:
        step = todo.pop()
        operators.add(step["operatorType"].split("@")[0])
        todo.extend(step.get("children", []))
    assert "NodeIndexContainsScan" in operators
    assert "NodeByLabelScan" not in operators and "AllNodesScan" not in operators


# -- concurrency ------------------------------------------------------------------------


def version(label: Label, names: list[str]) -> GraphBatch:
    """One version of document ``doc``: a park and the enterprises located in it."""
    park = named(Label.PARK, "高新区", "doc")
    members = [named(label, n, "doc") for n in names]
    relations = [
        Relation.create(RelType.LOCATED_IN, m.id, park.id, evidence=[prov("doc", m.name)])
        for m in members
    ]
    return GraphBatch(entities=[park, *members], relations=relations)


def test_readers_see_a_replaced_document_before_or_after_never_between(
    store: Neo4jStore,
) -> None:
    record = DocumentRecord(id="doc", source="doc.txt", sha256="0" * 64)
    old = version(Label.ENTERPRISE, [f"旧企业{i}" for i in range(40)])
    new = version(Label.LAB, [f"新实验室{i}" for i in range(25)])
    store.replace_document(record, old)
    park = old.entities[0].id
    views = {frozenset(e.name for e in batch.entities[1:]): batch for batch in (old, new)}
    stop = threading.Event()
    seen: list[frozenset[str]] = []
    failures: list[str] = []

    def write() -> None:
        try:
            for i in range(30):
                store.replace_document(record, new if i % 2 == 0 else old)
        finally:
            stop.set()

    def read_neighbours() -> None:
        page = GraphService(store).neighbors(park, limit=100)
        names = frozenset(n.entity.name for n in page.items)
        seen.append(names)
        if names not in views or page.total != len(names):
            failures.append(f"half a document: {len(names)} neighbours, total {page.total}")

    def read_stats() -> None:
        entities = store.stats().entities
        if entities not in (41, 26):
            failures.append(f"stats between versions: {entities} entities")

    def keep_reading(read: Callable[[], None]) -> None:
        while not stop.is_set():
            try:
                read()
            except Exception as exc:  # any failure to answer is what this test looks for
                failures.append(repr(exc))

    readers = [read_neighbours, read_neighbours, read_stats]
    threads = [threading.Thread(target=keep_reading, args=(r,)) for r in readers]
    threads.append(threading.Thread(target=write))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(set(seen)) == 2, "the readers should have seen both versions"


def test_concurrent_writers_of_the_same_entities_all_succeed(
    store: Neo4jStore, caplog: pytest.LogCaptureFixture
) -> None:
    # Writers (each its own store, as separate processes would be) that MERGE the same
    # nodes in opposite orders lock them in opposite orders: Neo4j answers with
    # deadlocks, transient errors which the driver's managed transactions retry until
    # every write has gone through.
    members = [named(Label.ENTERPRISE, f"企业{i:02d}") for i in range(40)]

    def batch(writer: int) -> GraphBatch:
        order = members if writer % 2 == 0 else list(reversed(members))
        return GraphBatch(
            entities=order,
            relations=[
                Relation.create(
                    RelType.COLLABORATES_WITH, a.id, b.id, evidence=[prov(f"w{writer}", a.name)]
                )
                for a, b in itertools.pairwise(order)
            ],
        )

    def write(writer: int) -> None:
        with closing(open_neo4j_store()) as own:
            own.upsert(batch(writer))

    with caplog.at_level(logging.WARNING, logger="neo4j"), ThreadPoolExecutor(6) as pool:
        list(pool.map(write, range(12)))
    retried = [r for r in caplog.records if "will be retried" in r.getMessage()]
    assert any("DeadlockDetected" in r.getMessage() for r in retried)
    assert store.stats().entities == 40
    assert store.stats().relations == 39
    page = GraphService(store).neighbors(members[0].id, limit=100)
    assert [len(n.relation.evidence) for n in page.items] == [12]
