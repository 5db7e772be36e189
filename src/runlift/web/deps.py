"""Request plumbing: the store, the signed-in user, the CSRF check.

FastAPI runs every plain `def` dependency in the thread pool, one hop per dependency, and a
hop costs about as much as the session lookup itself. So only what touches the database is a
plain `def` here (the session lookup, the request's transaction); the store is read from the
app directly and the sign-in check, which is pure computation, runs on the event loop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from runlift.tracking import Store
from runlift.web.security import Session, csrf_matches, session_for

COOKIE = "runlift_session"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
T = TypeVar("T")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def transaction(request: Request) -> Iterator[Connection]:
    with get_store(request).transaction() as conn:
        yield conn


# scope="function": the transaction commits (or rolls back) before the response is sent, so
# a client that acts on the answer at once always sees what the request wrote.
Conn = Annotated[Connection, Depends(transaction, scope="function")]


async def on_loop_if_cheap(request: Request, work: Callable[[Connection], T]) -> T:
    """`work` in one short transaction. On a SQLite file it runs on the event loop: a lookup
    by a unique index takes tens of microseconds, less than a hop to a worker thread, and its
    pool never makes a checkout wait. On a server database a checkout can wait for the pool
    (and the network), which must never stall the loop: there it runs in the thread pool."""
    store = get_store(request)

    def run() -> T:
        with store.transaction() as conn:
            return work(conn)

    if store.engine.dialect.name == "sqlite":
        return run()
    return await run_in_threadpool(run)


async def optional_session(request: Request) -> Session | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return await on_loop_if_cheap(request, lambda conn: session_for(conn, token))


async def signed_in(
    request: Request, session: Annotated[Session | None, Depends(optional_session)]
) -> Session:
    """The session of a signed-in runner; state changes also need the CSRF header."""
    if session is None:
        raise HTTPException(401, "sign in first")
    if request.method in UNSAFE and not csrf_matches(session, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
    return session


SignedIn = Annotated[Session, Depends(signed_in)]
