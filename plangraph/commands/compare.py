"""``plangraph compare A B [C…]``: the plan comparison the API answers, as tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from api.explore import comparison_answer
from api.models import ComparedEntity, ComparedRelation, Listed, PlanComparison, Split
from api.params import MAX_LIMIT, PageQuery
from graph.errors import InvalidQueryError, NotFoundError
from graph.explore import compare_plans
from plangraph.commands.common import DataDirOption, graph_for, resolve_entity

PLAN_SELF = "(the plan)"
Item = TypeVar("Item", ComparedEntity, ComparedRelation)


def _names(listed: Listed[ComparedEntity]) -> str:
    more = listed.total - len(listed.items)
    shown = "、".join(item.entity.name for item in listed.items)
    return shown + (f" … (+{more})" if more > 0 else "")


def _relation(item: ComparedRelation) -> str:
    source = item.source.name if item.source else PLAN_SELF
    return f"{source} —{item.type}→ {item.target.name}"


def _relations(listed: Listed[ComparedRelation]) -> str:
    more = listed.total - len(listed.items)
    return "\n".join(_relation(i) for i in listed.items) + (f"\n… (+{more})" if more > 0 else "")


def _columns(split: Split[Item], render: Callable[[Listed[Item]], str]) -> list[str]:
    return [render(split.shared), *(render(only) for only in split.only)]


def tables(answer: PlanComparison) -> list[Table]:
    """Entities per label, targets side by side, relations: one table each."""
    titles = [p.title for p in answer.plans]
    entities = Table(title="实体 Entities: shared and only one plan's", show_lines=True)
    entities.add_column("label")
    entities.add_column("shared")
    for title in titles:
        entities.add_column(f"only {title}")
    for group in answer.entities:
        entities.add_row(str(group.label), *_columns(group, _names))
    targets = Table(title=f"指标 Targets by metric ({answer.targets.total})")
    targets.add_column("metric")
    for title in titles:
        targets.add_column(title)
    for pair in answer.targets.items:
        targets.add_row(
            pair.metric,
            *(
                f"{v.target.comparator or ''}{v.target.value}{v.target.unit or ''}"
                if v.target
                else "—"
                for v in pair.values
            ),
        )
    relations = Table(title="关系 Relations: shared and only one plan's", show_lines=True)
    relations.add_column("shared")
    for title in titles:
        relations.add_column(f"only {title}")
    relations.add_row(*_columns(answer.relations, _relations))
    return [entities, targets, relations]


def compare(
    plans: Annotated[list[str], typer.Argument(help="2 to 6 plan ids or exact titles.")],
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Items shown per list.")] = 20,
    data_dir: DataDirOption = None,
) -> None:
    """Compare plans: shared and single-plan entities, targets side by side, relations."""
    graph = graph_for(data_dir)
    try:
        try:
            ids = [resolve_entity(graph, p).id for p in plans]
            answer = comparison_answer(graph, compare_plans(graph, ids), PageQuery(limit=limit))
        except (NotFoundError, InvalidQueryError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
    finally:
        graph.close()
    console = Console(width=max(120, 40 * len(plans)))
    for table in tables(answer):
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
