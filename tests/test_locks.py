"""``ReadWriteLock``: readers share, a writer is alone, and neither side starves."""

from __future__ import annotations

import threading
import time

from graph.locks import ReadWriteLock


def test_readers_share_the_lock() -> None:
    lock = ReadWriteLock()
    inside = threading.Barrier(3, timeout=5)

    def read() -> None:
        with lock.reading():
            inside.wait()  # all three inside at once, or this times out

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not inside.broken


def test_a_writer_waits_for_the_readers_and_holds_off_new_ones() -> None:
    lock = ReadWriteLock()
    events: list[str] = []
    reader_in = threading.Event()
    release_reader = threading.Event()

    def first_reader() -> None:
        with lock.reading():
            reader_in.set()
            release_reader.wait(5)
            events.append("reader 1 out")

    def writer() -> None:
        with lock.writing():
            events.append("writer")

    def late_reader() -> None:
        with lock.reading():
            events.append("reader 2")

    threads = [threading.Thread(target=first_reader)]
    threads[0].start()
    reader_in.wait(5)
    threads.append(threading.Thread(target=writer))
    threads[1].start()
    time.sleep(0.1)  # the writer is waiting now
    threads.append(threading.Thread(target=late_reader))
    threads[2].start()
    time.sleep(0.1)
    assert events == []  # the late reader waits behind the waiting writer
    release_reader.set()
    for thread in threads:
        thread.join(timeout=10)
    assert events == ["reader 1 out", "writer", "reader 2"]


def test_readers_that_waited_go_before_the_next_writer() -> None:
    lock = ReadWriteLock()
    events: list[str] = []
    first_in = threading.Event()
    release_first = threading.Event()

    def write(name: str, entered: threading.Event | None = None) -> None:
        with lock.writing():
            if entered is not None:
                entered.set()
                release_first.wait(5)
            events.append(name)

    def read() -> None:
        with lock.reading():
            events.append("reader")

    first = threading.Thread(target=write, args=("writer 1", first_in))
    first.start()
    first_in.wait(5)
    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.1)
    second = threading.Thread(target=write, args=("writer 2",))
    second.start()
    time.sleep(0.1)
    release_first.set()
    for thread in (first, reader, second):
        thread.join(timeout=10)
    assert events == ["writer 1", "reader", "writer 2"]
