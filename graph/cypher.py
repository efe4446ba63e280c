"""Every Cypher statement ``Neo4jStore`` runs, and nothing else.

Keeping the queries in one module lets a reviewer (and ``tests/test_cypher.py``) see
at a glance that values only ever travel as ``$parameters``. The few things Cypher
cannot parameterise - node labels and relationship types - are interpolated only
after ``checked_label`` or ``checked_rel_type`` let them through, so no caller-supplied
text reaches the query string.

How the graph sits in Neo4j:

* every entity is a node ``:Entity:<Label>`` (plus ``:Institution`` or ``:Platform``
  where the ontology has an umbrella kind) with ``id``, ``name``, ``label``,
  ``aliases``, the search keys ``norm_name`` / ``norm_aliases`` (``normalize_name``
  applied in Python) and the joined texts ``aliases_text`` / ``norm_aliases_text``
  that the full-text and text indexes read;
* an entity's or relation's own properties are stored one Neo4j property each,
  prefixed ``p_`` (``year`` -> ``p_year``) so they never clash with the store's keys;
  Neo4j has no null properties, so the keys whose value is ``None`` are listed in
  ``null_props`` instead;
* provenance (``mentions`` on nodes, ``evidence`` on relationships) is a list of
  canonical JSON strings, because Neo4j properties cannot hold maps, with an aligned
  list of document ids (``mention_docs`` / ``evidence_docs``) so that a document's
  provenance can be dropped in Cypher without parsing JSON;
* each ingested document is a ``:Document`` node outside the ``:Entity`` label.

Search candidates are found with ``CONTAINS`` on ``norm_name`` / ``norm_aliases_text``
(served by text indexes), which is exactly the embedded store's substring rule. The CJK
full-text index ``entity_names`` is there for relevance-ranked lookups from Neo4j
Browser and other tools; the search does not rely on it because bigram analysis
misses one-character and mixed-script substrings that the contract requires.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.schema import checked_label, checked_rel_type

#: Name of the full-text index over entity names and aliases (CJK bigram analyzer).
FULLTEXT_INDEX = "entity_names"
#: Its analyzer: Lucene's CJK bigrams (so it matches two or more characters).
FULLTEXT_ANALYZER = "cjk"


def _label_expr(labels: Sequence[str]) -> str:
    if not labels:
        raise ValueError("at least one label is needed")
    return "".join(f":{checked_label(label)}" for label in labels)


# -- schema ----------------------------------------------------------------------------

SCHEMA_STATEMENTS: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE INDEX entity_norm_name IF NOT EXISTS FOR (e:Entity) ON (e.norm_name)",
    "CREATE INDEX entity_label IF NOT EXISTS FOR (e:Entity) ON (e.label)",
    # Text indexes (trigram-backed) serve CONTAINS, the search's exact substring test.
    "CREATE TEXT INDEX entity_norm_name_text IF NOT EXISTS FOR (e:Entity) ON (e.norm_name)",
    "CREATE TEXT INDEX entity_norm_aliases_text IF NOT EXISTS "
    "FOR (e:Entity) ON (e.norm_aliases_text)",
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
    "FOR (e:Entity) ON EACH [e.name, e.aliases_text] "
    f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}",
)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

#: The analyzer of each full-text index: ``IF NOT EXISTS`` keeps an index of that name
#: whatever its settings, so the store checks and rebuilds one made otherwise.
FULLTEXT_INDEX_CONFIGS = (
    "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options.indexConfig AS config"
)

DROP_FULLTEXT_INDEX = f"DROP INDEX {FULLTEXT_INDEX} IF EXISTS"


# -- writes ----------------------------------------------------------------------------

MISSING_ENTITY_IDS = """
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
WITH id, e WHERE e IS NULL
RETURN collect(id) AS missing
"""


def merge_entities(labels: Sequence[str]) -> str:
    """Merge a batch of entity rows that share one label set (e.g. Platform, Alliance).

    The first spelling stays the name: ``row.spellings`` is the row's name followed by
    its aliases, and each spelling the node lacks (other than its name) becomes an
    alias. Mentions are appended without duplicates; properties overwrite key by key.
    """
    label_expr = _label_expr(labels)
    return f"""
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
ON CREATE SET e{label_expr}, e.name = row.name, e.label = row.label,
    e.norm_name = row.norm_name, e.aliases = [], e.norm_aliases = [],
    e.mentions = [], e.mention_docs = []
WITH e, row,
    [i IN range(0, size(row.spellings) - 1)
        WHERE row.spellings[i] <> e.name AND NOT row.spellings[i] IN e.aliases] AS new_aliases,
    [i IN range(0, size(row.mentions) - 1) WHERE NOT row.mentions[i] IN e.mentions] AS new_mentions
SET e.aliases = e.aliases + [i IN new_aliases | row.spellings[i]],
    e.norm_aliases = e.norm_aliases + [i IN new_aliases | row.norm_spellings[i]],
    e.mentions = e.mentions + [i IN new_mentions | row.mentions[i]],
    e.mention_docs = e.mention_docs + [i IN new_mentions | row.mention_docs[i]],
    e += row.props,
    e.null_props = [k IN coalesce(e.null_props, []) WHERE NOT k IN row.keys] + row.nulls
SET e.aliases_text = reduce(s = '', a IN e.aliases | s + '\\n' + a),
    e.norm_aliases_text = reduce(s = '', a IN e.norm_aliases | s + '\\n' + a)
"""


def merge_relations(rel_type: str) -> str:
    """Merge a batch of relation rows of one type; new evidence is appended once."""
    type_ = checked_rel_type(rel_type)
    return f"""
UNWIND $rows AS row
MATCH (a:Entity {{id: row.source}})
MATCH (b:Entity {{id: row.target}})
MERGE (a)-[r:{type_}]->(b)
ON CREATE SET r.evidence = [], r.evidence_docs = []
WITH r, row,
    [i IN range(0, size(row.evidence) - 1) WHERE NOT row.evidence[i] IN r.evidence] AS fresh
SET r.evidence = r.evidence + [i IN fresh | row.evidence[i]],
    r.evidence_docs = r.evidence_docs + [i IN fresh | row.evidence_docs[i]],
    r += row.props,
    r.null_props = [k IN coalesce(r.null_props, []) WHERE NOT k IN row.keys] + row.nulls
"""


MERGE_DOCUMENT = """
MERGE (d:Document {id: $row.id})
SET d = $row
"""

# Dropping a document's provenance runs in three steps, in one transaction: trim the
# mentions and learn which entities are left with none (the orphans); trim or delete
# the relations whose evidence came from it, leaving those at an orphan to the last
# step; delete the orphans with every relationship they have.
DROP_ENTITY_MENTIONS = """
MATCH (e:Entity)
WHERE $document IN e.mention_docs
WITH e, [i IN range(0, size(e.mentions) - 1) WHERE e.mention_docs[i] <> $document] AS keep
SET e.mentions = [i IN keep | e.mentions[i]],
    e.mention_docs = [i IN keep | e.mention_docs[i]]
RETURN collect(CASE WHEN size(keep) = 0 THEN e.id END) AS orphaned,
       sum(CASE WHEN size(keep) = 0 THEN 0 ELSE 1 END) AS updated
"""

DROP_RELATION_EVIDENCE = """
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $document IN r.evidence_docs AND NOT a.id IN $orphaned AND NOT b.id IN $orphaned
WITH r, [i IN range(0, size(r.evidence) - 1) WHERE r.evidence_docs[i] <> $document] AS keep
SET r.evidence = [i IN keep | r.evidence[i]],
    r.evidence_docs = [i IN keep | r.evidence_docs[i]]
WITH r, size(keep) = 0 AS emptied
FOREACH (_ IN CASE WHEN emptied THEN [1] ELSE [] END | DELETE r)
RETURN sum(CASE WHEN emptied THEN 1 ELSE 0 END) AS removed,
       sum(CASE WHEN emptied THEN 0 ELSE 1 END) AS updated
"""

#: Removes entities with all their relationships, counting each relationship once.
DELETE_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[r]-()
WITH collect(DISTINCT e) AS nodes, collect(DISTINCT r) AS rels
FOREACH (n IN nodes | DETACH DELETE n)
RETURN size(nodes) AS removed, size(rels) AS relations_removed
"""

DELETE_DOCUMENT_NODE = """
MATCH (d:Document {id: $document})
DELETE d
RETURN count(d) AS removed
"""

CLEAR_CHUNK = """
MATCH (n) WHERE n:Entity OR n:Document
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(n) AS removed
"""


# -- reads -----------------------------------------------------------------------------


def _rel_map(var: str) -> str:
    """A relationship as the map ``neo4j_rows.relation_from_row`` reads."""
    return (
        f"{{type: type({var}), source: startNode({var}).id, "
        f"target: endNode({var}).id, props: properties({var})}}"
    )


GET_DOCUMENT = "MATCH (d:Document {id: $id}) RETURN properties(d) AS document"

LIST_DOCUMENTS = "MATCH (d:Document) RETURN properties(d) AS document ORDER BY d.id"

GET_ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN properties(e) AS entity
"""

ENTITY_EXISTS = "MATCH (e:Entity {id: $id}) RETURN count(e) > 0 AS found"

#: Every entity (of ``$labels``) as a search candidate: an empty query lists them all.
LIST_CANDIDATES = """
MATCH (e:Entity)
WHERE $labels IS NULL OR e.label IN $labels
RETURN e.id AS id, e.name AS name, [] AS spellings
"""

#: Substring search on the normalised name and aliases (the planner can answer each
#: side of the OR from its text index); ``graph.service`` ranks the candidates.
SEARCH_CANDIDATES = """
MATCH (e:Entity)
WHERE (e.norm_name CONTAINS $query OR e.norm_aliases_text CONTAINS $query)
  AND ($labels IS NULL OR e.label IN $labels)
RETURN e.id AS id, e.name AS name, [e.norm_name] + e.norm_aliases AS spellings
"""

#: An entity's relations as ``graph.store.NeighborRow`` lists; no row at all when the
#: entity does not exist (so one round trip answers both).
NEIGHBOR_ROWS = """
MATCH (a:Entity {id: $id})
OPTIONAL MATCH (a)-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($labels IS NULL OR b.label IN $labels)
  AND ($direction = 'both' OR type(r) IN $symmetric
       OR CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END = $direction)
RETURN a.id AS id, collect(CASE WHEN r IS NOT NULL THEN
    [type(r), b.name, b.id, CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END,
     startNode(r).id, endNode(r).id] END) AS rows
"""


#: The paths search (``graph.pathfinding``), one node at a time: its relations of
#: ``$types`` as (other end, relation key), self-loops aside.
PATH_STEPS = """
MATCH (a:Entity {id: $id})-[r]-(b:Entity)
WHERE type(r) IN $types AND b <> a
RETURN b.id AS other, [startNode(r).id, type(r), endNode(r).id] AS key
"""

#: Relations by key ``[source, type, target]``, for the paths found.
RELATIONS_BY_KEY = f"""
UNWIND $keys AS key
MATCH (a:Entity {{id: key[0]}})-[r]->(b:Entity {{id: key[2]}})
WHERE type(r) = key[1]
RETURN key, {_rel_map("r")} AS relation
"""


#: One breadth-first step of ``subgraph`` and of the paths search: the unseen entities
#: next to the frontier.
EXPAND_FRONTIER = """
UNWIND $frontier AS fid
MATCH (:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $seen
  AND ($types IS NULL OR type(r) IN $types)
  AND ($labels IS NULL OR b.label IN $labels)
RETURN DISTINCT b.id AS id
"""

#: How many relations (of ``$types``) each entity has, self-loops aside.
DEGREES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, size([(e)-[r]-(o) WHERE o <> e AND ($types IS NULL OR type(r) IN $types) | r])
    AS degree
"""

#: The relations among a set of entities (each once, in its stored direction).
RELATIONS_AMONG = f"""
UNWIND $ids AS id
MATCH (a:Entity {{id: id}})-[r]->(b:Entity)
WHERE b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
RETURN {_rel_map("r")} AS relation
"""

ENTITIES_WITH_LABEL = "MATCH (e:Entity) WHERE e.label = $label RETURN properties(e) AS entity"

ENTITY_PAGE = """
MATCH (e:Entity) WHERE e.id > $after
RETURN properties(e) AS entity
ORDER BY e.id
LIMIT $limit
"""

#: Relations paged by source entity id, so that paging needs no relationship key.
RELATION_PAGE = f"""
MATCH (a:Entity) WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r]->(:Entity)
RETURN a.id AS source_id, CASE WHEN r IS NULL THEN NULL ELSE {_rel_map("r")} END AS relation
ORDER BY source_id
"""

COUNT_BY_LABEL = "MATCH (e:Entity) RETURN e.label AS key, count(e) AS count"

COUNT_BY_TYPE = "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS key, count(r) AS count"

COUNT_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS count"
