"""The one error a FIT file can raise: what went wrong, and where."""

from __future__ import annotations


class FitError(ValueError):
    """A FIT file that cannot be read: bad header, bad CRC, a broken message, cut short.

    ``offset`` is the byte offset in the input at which the problem was found.
    """

    def __init__(self, what: str, offset: int) -> None:
        super().__init__(f"FIT file: {what} (at byte {offset})")
        self.what = what
        self.offset = offset
