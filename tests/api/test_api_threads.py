"""In-process stores answer on the event loop; network stores get a worker thread."""

import threading

import pytest

from api.deps import get_service
from graph.service import GraphService
from tests.api.conftest import MakeClient


class RecordingStore:
    def __init__(self, in_process: bool) -> None:
        self.backend = "recording"
        self.in_process = in_process
        self.threads: list[str] = []

    def stats(self):  # type: ignore[no-untyped-def]
        from graph.schema import Stats

        self.threads.append(threading.current_thread().name)
        return Stats(entities=0, relations=0, documents=0)


@pytest.mark.parametrize(("in_process", "in_worker"), [(True, False), (False, True)])
def test_store_calls_run_where_they_suit_the_backend(
    make_client: MakeClient, in_process: bool, in_worker: bool
) -> None:
    store = RecordingStore(in_process)
    client = make_client()
    graph = GraphService(store)  # type: ignore[arg-type]
    client.app.dependency_overrides[get_service] = lambda: graph  # type: ignore[attr-defined]

    assert client.get("/health").status_code == 200
    assert ("AnyIO worker thread" in store.threads[0]) is in_worker
