"""Accounts: argon2id password hashes, server-side sessions with a CSRF token each, and a
sign-in rate limit. Tokens are random; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select

from runlift.store.tables import sign_in_attempts, users, web_sessions

SESSION_DAYS = 30
ATTEMPTS_ALLOWED = 5
ATTEMPT_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10


class AuthError(Exception):
    """Sign-up or sign-in refused; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class User:
    id: int
    email: str


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    csrf: str


def hasher(fast: bool = False) -> PasswordHasher:
    """argon2id with the library's defaults; `fast` only for tests (cheap parameters)."""
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def normal_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise AuthError(422, "email", "not an email address")
    return email


def sign_up(conn: Connection, email: str, password: str, ph: PasswordHasher) -> User:
    email = normal_email(email)
    if len(password) < MIN_PASSWORD:
        raise AuthError(422, "password", f"too short; use at least {MIN_PASSWORD} characters")
    if conn.execute(select(users.c.id).where(users.c.email == email)).first() is not None:
        raise AuthError(409, "email", "an account with this email exists already")
    result = conn.execute(
        insert(users).values(email=email, password_hash=ph.hash(password), created_at=now())
    )
    return User(int(result.inserted_primary_key[0]), email)  # type: ignore[index]


def sign_in(conn: Connection, email: str, password: str, ph: PasswordHasher) -> User:
    """The user, or AuthError: 401 for a wrong pair, 429 after too many failures."""
    email = email.strip().lower()
    since = now() - ATTEMPT_WINDOW
    failures = conn.execute(
        select(func.count())
        .select_from(sign_in_attempts)
        .where(sign_in_attempts.c.email == email, sign_in_attempts.c.at >= since)
    ).scalar_one()
    if failures >= ATTEMPTS_ALLOWED:
        raise AuthError(429, "email", "too many failed sign-ins; wait 15 minutes and try again")
    row = conn.execute(select(users).where(users.c.email == email)).first()
    try:
        if row is None:
            raise VerificationError("no such user")
        ph.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise AuthError(401, "password", "email or password is wrong") from None
    conn.execute(delete(sign_in_attempts).where(sign_in_attempts.c.email == email))
    return User(row.id, row.email)


def record_failure(conn: Connection, email: str) -> None:
    """A failed sign-in, written in its own transaction so the refusal cannot roll it back."""
    conn.execute(insert(sign_in_attempts).values(email=email.strip().lower(), at=now()))


def open_session(conn: Connection, user: User) -> tuple[str, str]:
    """A new session: (token for the cookie, CSRF token for the page)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(
        insert(web_sessions).values(
            token_hash=digest(token),
            user_id=user.id,
            csrf=csrf,
            expires_at=now() + timedelta(days=SESSION_DAYS),
        )
    )
    return token, csrf


def session_for(conn: Connection, token: str | None) -> Session | None:
    if not token:
        return None
    row = conn.execute(
        select(web_sessions.c.csrf, web_sessions.c.expires_at, users.c.id, users.c.email)
        .join(users, users.c.id == web_sessions.c.user_id)
        .where(web_sessions.c.token_hash == digest(token))
    ).first()
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < now():
        return None
    return Session(User(row.id, row.email), row.csrf)


def close_session(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == digest(token)))


def csrf_matches(session: Session, header: str | None) -> bool:
    return header is not None and secrets.compare_digest(session.csrf, header)
