"""Request plumbing: the store, the signed-in user, the CSRF check."""

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


def transaction(store: Annotated[Store, Depends(get_store)]) -> Iterator[Connection]:
    with store.transaction() as conn:
        yield conn


# scope="function": the transaction commits (or rolls back) before the response is sent, so
# a client that acts on the answer at once always sees what the request wrote.
Conn = Annotated[Connection, Depends(transaction, scope="function")]


def optional_session(
    request: Request, store: Annotated[Store, Depends(get_store)]
) -> Session | None:
    with store.transaction() as conn:
        return session_for(conn, request.cookies.get(COOKIE))


def signed_in(
    request: Request, session: Annotated[Session | None, Depends(optional_session)]
) -> Session:
    """The session of a signed-in runner; state changes also need the CSRF header."""
    if session is None:
        raise HTTPException(401, "sign in first")
    if request.method in UNSAFE and not csrf_matches(session, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
    return session


SignedIn = Annotated[Session, Depends(signed_in)]
