"""FIT activity files (Garmin, Wahoo, ...) into numpy arrays, quickly and strictly.

    from runlift.io.fit import decode
    fit = decode(path.read_bytes())
    fit.records.heart_rate, fit.laps[0].total_distance, fit.file_id.manufacturer

Message headers are walked in Python; each kind of message's fields are then gathered in bulk
with numpy. See docs/fit.md for what is read, the errors, and the speed.
"""

from runlift.io.fit.errors import FitError
from runlift.io.fit.model import FileId, FitFile, Records, Summary
from runlift.io.fit.reader import decode, decode_parts

__all__ = ["FileId", "FitError", "FitFile", "Records", "Summary", "decode", "decode_parts"]
