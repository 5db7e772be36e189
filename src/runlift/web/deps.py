"""Request plumbing: the store, the signed-in user, the CSRF check.

FastAPI runs every plain `def` dependency in the thread pool, one hop per dependency, and a
hop costs about as much as the session lookup itself. So only what touches the database is a
plain `def` here (the session lookup, the request's transaction); the store is read from the
app directly and the sign-in check, which is pure computation, runs on the event loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Connection

from runlift.tracking import Store
from runlift.web.security import Session, csrf_matches, session_for

COOKIE = "runlift_session"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def transaction(request: Request) -> Iterator[Connection]:
    with get_store(request).transaction() as conn:
        yield conn


# scope="function": the transaction commits (or rolls back) before the response is sent, so
# a client that acts on the answer at once always sees what the request wrote.
Conn = Annotated[Connection, Depends(transaction, scope="function")]


async def optional_session(request: Request) -> Session | None:
    # One lookup by a unique index, tens of microseconds: done on the event loop, because a
    # hop to a worker thread and back costs more than the query.
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    with get_store(request).transaction() as conn:
        return session_for(conn, token)


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
