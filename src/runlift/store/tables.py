"""The tables (SQLAlchemy Core). JSON columns hold what the plan file already shapes: the
equipment list, the availability windows, the kit, the typical week's days."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
    }
)

athletes = Table(
    "athletes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("experience", String(20), nullable=False),
    Column("phase", String(20), nullable=False),
    Column("units", String(2), nullable=False),
    Column("equipment", JSON, nullable=False),
    Column("heavy_sessions", Integer),
    Column("formula", String(20), nullable=False),
    Column("usual_run_start", String(5), nullable=False),
    Column("available", JSON),  # plan-file form: {"tue": ["17:00-20:00"]}
    Column("kit", JSON),
    Column("typical_week", JSON, nullable=False),  # plan-file form: {"mon": "rest", ...}
    Column("lighter", Boolean, nullable=False, default=False),
    # The race a `recovery` phase recovers from, when no season or stored race says it.
    Column("race_date", Date),
    # Raised by every change to the athlete's data (see repository.touch): a cache key.
    Column("revision", Integer, nullable=False, default=0, server_default="0"),
    # Drawn at creation (None for athletes made before it existed): ids can be reused.
    Column("instance", String(32), default=lambda: uuid.uuid4().hex),
    # The web account that owns the athlete; None for the local, single-runner CLI.
    Column("owner_id", ForeignKey("users.id", ondelete="CASCADE"), index=True),
    UniqueConstraint("owner_id", "name"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

coach_invites = Table(
    "coach_invites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("coach_email", String(254), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

maxes = Table(
    "maxes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("exercise_id", String(60), nullable=False),
    Column("tested_on", Date, nullable=False),
    Column("load", Float, nullable=False),
    Column("reps", Integer, nullable=False),  # 1 for a known one-rep max
    # reps left when the set stopped: 0 for a max or a set to failure
    Column("reps_in_reserve", Integer, nullable=False, default=0, server_default="0"),
)

races = Table(
    "races",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("distance_km", Float, nullable=False),
    Column("goal", Boolean, nullable=False, default=False),
    Column("name", String(100)),
)

seasons = Table(
    "seasons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, unique=True
    ),
    Column("start", Date, nullable=False),
    Column("race_id", ForeignKey("races.id", ondelete="CASCADE"), nullable=False),
)

week_changes = Table(
    "week_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("week_start", Date, nullable=False),
    Column("days", JSON),  # replaces the typical week's days that it names
    Column("cutback", Boolean),  # None: as the season lays it out
    Column("no_gym", Boolean, nullable=False, default=False),
    Column("note", Text),
    UniqueConstraint("athlete_id", "week_start"),
)

strength_logs = Table(
    "strength_logs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("minutes", Integer),
    Column("skipped", Boolean, nullable=False, default=False),
    Column("reason", Text),
)

strength_sets = Table(
    "strength_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "log_id", ForeignKey("strength_logs.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("exercise_id", String(60), nullable=False),
    Column("reps", Integer, nullable=False),
    Column("load", Float),
    Column("reps_in_reserve", Integer),
    Column("rpe", Float),
)

run_logs = Table(
    "run_logs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("type", String(20), nullable=False),
    Column("minutes", Float, nullable=False),
    Column("distance_km", Float),
    Column("avg_hr", Integer),
    Column("rpe", Float),
)

# A run logged from an activity file: the file's content hash and start time keep a second
# import of the same run out, after an export and restore too (it is in ALL, after run_logs).
activities = Table(
    "activities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("run_log_id", ForeignKey("run_logs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("content_hash", String(64), nullable=False),
    Column("started_at", String(32)),  # ISO 8601 in UTC, to the second
    Column("source", String(300), nullable=False),
    Column("summary", JSON, nullable=False),
    UniqueConstraint("athlete_id", "content_hash"),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("distance_km", Float, nullable=False),
    Column("seconds", Float, nullable=False),
    Column("time_trial", Boolean, nullable=False, default=False),
    Column("name", String(100)),
)

calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

ALL = (
    athletes,
    maxes,
    races,
    seasons,
    week_changes,
    strength_logs,
    strength_sets,
    run_logs,
    activities,  # after run_logs and athletes: it refers to both
    results,
)
