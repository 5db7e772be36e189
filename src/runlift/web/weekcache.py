"""What the week endpoints worked out, kept until the athlete's data changes.

Planning a week, and rendering its page, takes milliseconds of pure computation; asking
whether anything changed takes one indexed lookup (the athlete's revision, which every write
raises in the same transaction). So a week is worked out once per revision and served from
memory after that. The key also holds the day, since "this week" and what the plan says of it
follow the calendar. Memory is bounded: the least recently used entries go first."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock

from sqlalchemy import Connection

from runlift.store.revisions import NoSuchAthlete, revision_of
from runlift.web.access import NoAccess, is_coach
from runlift.web.security import User

ENTRIES = 4096


class RenderCache:
    def __init__(self, size: int = ENTRIES) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def revision_for(conn: Connection, user: User, athlete_id: int) -> str:
    """The athlete's revision, for the owner or an invited coach; anyone else: NoAccess."""
    try:
        owner, revision = revision_of(conn, athlete_id)
    except NoSuchAthlete:
        raise NoAccess(f"no athlete {athlete_id}") from None
    if owner != user.id and not is_coach(conn, user, athlete_id):
        raise NoAccess(f"no athlete {athlete_id}")
    return revision
