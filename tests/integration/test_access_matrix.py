"""Who may do what, for every route the app has (API, pages, static files), on SQLite and
PostgreSQL. Five actors try each route:

- the owner of an athlete, and a coach the owner invited: they succeed (2xx, or a redirect);
- a former coach (invitation revoked) and another runner: 404, the answer for an athlete
  that does not exist, and nothing in the database changes;
- a signed-out visitor: 401 from the API, a redirect to /signin from a page (the rest as
  ANONYMOUS below says), and nothing changes.

Routes only the owner may use refuse the coach with 404 as well. Account routes act on the
caller's own account, so every signed-in actor succeeds there; public routes serve everyone.

ROUTES lists every route. A route the app has and ROUTES lacks fails
`test_every_route_is_in_the_matrix`: add a line for it (its access kind, its face, and how to
build a request the owner would succeed with), and the matrix tests it on both engines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import create_engine

from runlift.web.app import create_app
from runlift.web.fields import EXAMPLE_PLAN
from tests.conftest import _clean
from tests.integration.matrix_world import (
    NEXT_MONDAY,
    NEXT_TUESDAY,
    PASSWORD,
    PAST,
    RACE_DAY,
    TODAY,
    Actor,
    Call,
    World,
)

# -- what each kind of route promises ---------------------------------------------------
PUBLIC, ACCOUNT, ATHLETE, OWNER = "public", "account", "athlete", "owner"
API, PAGE, PARTIAL, FORM = "api", "page", "partial", "form"
SIGNED_IN = ("owner", "coach", "former", "other")
# A signed-out visitor, by face: the API says 401; a page sends to /signin; an htmx partial
# says 401 in HTML; a page's form answers 404 "sign in first" (pages._checked_form; a
# redirect to /signin would suit a person better: when that changes, change FORM here).
ANONYMOUS = {API: "401", PAGE: "signin", PARTIAL: "401", FORM: "signin"}


def expected(kind: str, face: str, actor: str) -> str:
    if kind == PUBLIC:
        return "ok"
    if actor == "anonymous":
        return ANONYMOUS[face]
    if kind == ACCOUNT or actor == "owner":
        return "ok"
    if kind == ATHLETE and actor == "coach":
        return "ok"
    return "404"


Build = Callable[[World, int], Call]


@dataclass(frozen=True)
class Route:
    kind: str
    face: str
    build: Build
    fresh_user: bool = False  # the route ends or changes the caller's own account
    needs_athlete: bool = True


def route(kind: str, face: str, build: Build, **options: Any) -> Route:
    if kind in (PUBLIC, ACCOUNT):
        options.setdefault("needs_athlete", False)
    return Route(kind, face, build, **options)


def athlete_path(tail: str = "", page: bool = False) -> Callable[[int], str]:
    base = "/athletes/" if page else "/api/v1/athletes/"
    return lambda a: f"{base}{a}{tail}"


def a(tail: str = "") -> Callable[[int], str]:
    return athlete_path(tail)


def p(tail: str = "") -> Callable[[int], str]:
    return athlete_path(tail, page=True)


def get(path: Callable[[int], str], **params: Any) -> Build:
    return lambda w, athlete: Call("GET", path(athlete), params=params or None)


def send(method: str, path: Callable[[int], str], body: Any = None) -> Build:
    return lambda w, athlete: Call(method, path(athlete), json=body)


def form(path: Callable[[int], str], **fields: Any) -> Build:
    return lambda w, athlete: Call("POST", path(athlete), form=dict(fields))


def _with_season(build: Build) -> Build:
    def made(w: World, athlete: int) -> Call:
        w.season(athlete)
        return build(w, athlete)

    return made


def _entry(method: str, kind: str, body: Any = None) -> Build:
    def made(w: World, athlete: int) -> Call:
        entry = w.entry(athlete, kind)
        return Call(method, f"/api/v1/athletes/{athlete}/log/{kind}/{entry}", json=body)

    return made


def _credentials(w: World, _: int) -> Call:
    return Call("POST", "/api/v1/signup",
                json={"email": f"new-{next(w.serial)}@example.com", "password": PASSWORD})  # fmt: skip


def _sign_in(w: World, _: int) -> Call:
    return Call("POST", "/api/v1/signin",
                json={"email": w.actors["owner"].email, "password": PASSWORD})  # fmt: skip


def _new_athlete(w: World, _: int) -> Call:
    plan = {**EXAMPLE_PLAN, "athlete": {**EXAMPLE_PLAN["athlete"], "name": w.name()}}
    return Call("POST", "/api/v1/athletes", json=plan)


def _onboarding(w: World, _: int) -> Call:
    fields = {"name": w.name(), "experience": "intermediate", "phase": "base", "units": "kg",
              "run_tue": "tempo", "minutes_tue": "50", "start_tue": "06:30"}  # fmt: skip
    return Call("POST", "/onboarding", form=fields)


def _feed(w: World, athlete: int) -> Call:
    return Call("GET", w.feed(athlete))


def _revoke_invite(w: World, athlete: int) -> Call:
    return Call("DELETE", f"/api/v1/athletes/{athlete}/coaches/{w.invite(athlete)}")


def _revoke_invite_form(w: World, athlete: int) -> Call:
    fields = {"athlete": str(athlete), "invite": str(w.invite(athlete))}
    return Call("POST", "/account/coaches/revoke", form=fields)


def _page_signin(w: World, _: int) -> Call:
    return Call("POST", "/signin", form={"email": w.actors["owner"].email, "password": PASSWORD})


def _page_signup(w: World, _: int) -> Call:
    return Call("POST", "/signup",
                form={"email": f"page-{next(w.serial)}@example.com", "password": PASSWORD})  # fmt: skip


MOVE = {"on": NEXT_TUESDAY.isoformat(), "kind": "heavy", "start": "19:00",
        "origin": NEXT_TUESDAY.isoformat()}  # fmt: skip
CARD = {"date": NEXT_TUESDAY.isoformat(), "kind": "heavy"}
TEST = {"exercise": "deadlift", "load": 100, "reps": 5, "date": PAST.isoformat()}
STRENGTH = {"date": PAST.isoformat(), "sets": ["back_squat:3x6@70:rir2"]}
RUN = {"date": PAST.isoformat(), "type": "easy", "minutes": 40}
RACE = {"date": PAST.isoformat(), "distance_km": 5, "time": "25:00"}
SEASON = {"race_date": RACE_DAY.isoformat(), "distance_km": 42.2}
WEEK = {"days": {"tue": [{"run": "intervals", "start": "06:30", "minutes": 50}]}}
PLAN_CSV = f"Date,Title\n{NEXT_TUESDAY.isoformat()},Tempo 40'\n"

# Every route of the app: (method, path) -> who may use it, its face, and a request the
# owner would succeed with (given a fresh athlete id when the route needs one).
ROUTES: dict[tuple[str, str], Route] = {
    # the API's own document and its pages
    ("GET", "/api/v1/openapi.json"): route(PUBLIC, API, get(lambda _: "/api/v1/openapi.json")),
    ("GET", "/api/docs"): route(PUBLIC, PAGE, get(lambda _: "/api/docs")),
    ("GET", "/docs/oauth2-redirect"): route(PUBLIC, PAGE, get(lambda _: "/docs/oauth2-redirect")),
    ("GET", "/redoc"): route(PUBLIC, PAGE, get(lambda _: "/redoc")),
    # without an account
    ("GET", "/api/v1/health"): route(PUBLIC, API, get(lambda _: "/api/v1/health")),
    ("POST", "/api/v1/plan"): route(PUBLIC, API, send("POST", lambda _: "/api/v1/plan", EXAMPLE_PLAN)),
    ("POST", "/api/v1/check"): route(PUBLIC, API, send("POST", lambda _: "/api/v1/check", EXAMPLE_PLAN)),
    ("GET", "/api/v1/exercises"): route(PUBLIC, API, get(lambda _: "/api/v1/exercises", equipment="dumbbells")),
    ("GET", "/api/v1/exercises/unlocks"): route(PUBLIC, API, get(lambda _: "/api/v1/exercises/unlocks")),
    ("POST", "/api/v1/estimate-1rm"): route(PUBLIC, API, send("POST", lambda _: "/api/v1/estimate-1rm", {"load": 100, "reps": 5})),
    ("GET", "/api/v1/test-protocol"): route(PUBLIC, API, get(lambda _: "/api/v1/test-protocol", experience="novice")),
    ("POST", "/api/v1/signup"): route(PUBLIC, API, _credentials),
    ("POST", "/api/v1/signin"): route(PUBLIC, API, _sign_in),
    ("GET", "/calendar/{token}.ics"): route(PUBLIC, API, _feed, needs_athlete=True),
    # the caller's own account
    ("POST", "/api/v1/signout"): route(ACCOUNT, API, send("POST", lambda _: "/api/v1/signout"), fresh_user=True),
    ("GET", "/api/v1/me"): route(ACCOUNT, API, get(lambda _: "/api/v1/me")),
    ("DELETE", "/api/v1/me"): route(ACCOUNT, API, send("DELETE", lambda _: "/api/v1/me"), fresh_user=True),
    ("POST", "/api/v1/me/password"): route(ACCOUNT, API, send("POST", lambda _: "/api/v1/me/password", {"current": PASSWORD, "new": "another long one"}), fresh_user=True),
    ("GET", "/api/v1/me/export.json"): route(ACCOUNT, API, get(lambda _: "/api/v1/me/export.json")),
    ("GET", "/api/v1/me/export.csv"): route(ACCOUNT, API, get(lambda _: "/api/v1/me/export.csv")),
    ("GET", "/api/v1/athletes"): route(ACCOUNT, API, get(lambda _: "/api/v1/athletes")),
    ("POST", "/api/v1/athletes"): route(ACCOUNT, API, _new_athlete),
    # an athlete's data: owner or invited coach
    ("GET", "/api/v1/athletes/{athlete_id}"): route(ATHLETE, API, get(a())),
    ("PATCH", "/api/v1/athletes/{athlete_id}"): route(ATHLETE, API, send("PATCH", a(), {"phase": "peak"})),
    ("GET", "/api/v1/athletes/{athlete_id}/week"): route(ATHLETE, API, get(a("/week"), on=NEXT_TUESDAY.isoformat())),
    ("GET", "/api/v1/athletes/{athlete_id}/week/try"): route(ATHLETE, API, get(a("/week/try"), **MOVE)),
    ("POST", "/api/v1/athletes/{athlete_id}/week/moves"): route(ATHLETE, API, send("POST", a("/week/moves"), MOVE)),
    ("DELETE", "/api/v1/athletes/{athlete_id}/week/moves"): route(ATHLETE, API, lambda w, i: Call("DELETE", f"/api/v1/athletes/{i}/week/moves", params={"on": NEXT_TUESDAY.isoformat()})),
    ("PUT", "/api/v1/athletes/{athlete_id}/typical-week"): route(ATHLETE, API, send("PUT", a("/typical-week"), WEEK)),
    ("POST", "/api/v1/athletes/{athlete_id}/tests"): route(ATHLETE, API, send("POST", a("/tests"), TEST)),
    ("GET", "/api/v1/athletes/{athlete_id}/test-protocol"): route(ATHLETE, API, get(a("/test-protocol"))),
    ("GET", "/api/v1/athletes/{athlete_id}/progress"): route(ATHLETE, API, get(a("/progress"))),
    ("POST", "/api/v1/athletes/{athlete_id}/progress/lighter"): route(ATHLETE, API, send("POST", a("/progress/lighter"), {"accept": True})),
    ("GET", "/api/v1/athletes/{athlete_id}/log"): route(ATHLETE, API, get(a("/log"))),
    ("POST", "/api/v1/athletes/{athlete_id}/log/strength"): route(ATHLETE, API, send("POST", a("/log/strength"), STRENGTH)),
    ("POST", "/api/v1/athletes/{athlete_id}/log/runs"): route(ATHLETE, API, send("POST", a("/log/runs"), RUN)),
    ("POST", "/api/v1/athletes/{athlete_id}/log/races"): route(ATHLETE, API, send("POST", a("/log/races"), RACE)),
    ("PATCH", "/api/v1/athletes/{athlete_id}/log/strength/{entry_id}"): route(ATHLETE, API, _entry("PATCH", "strength", {"minutes": 30})),
    ("PATCH", "/api/v1/athletes/{athlete_id}/log/run/{entry_id}"): route(ATHLETE, API, _entry("PATCH", "run", {"distance_km": 8})),
    ("DELETE", "/api/v1/athletes/{athlete_id}/log/strength/{entry_id}"): route(ATHLETE, API, _entry("DELETE", "strength")),
    ("DELETE", "/api/v1/athletes/{athlete_id}/log/run/{entry_id}"): route(ATHLETE, API, _entry("DELETE", "run")),
    ("DELETE", "/api/v1/athletes/{athlete_id}/log/race/{entry_id}"): route(ATHLETE, API, _entry("DELETE", "race")),
    ("GET", "/api/v1/athletes/{athlete_id}/season"): route(ATHLETE, API, _with_season(get(a("/season")))),
    ("POST", "/api/v1/athletes/{athlete_id}/season"): route(ATHLETE, API, send("POST", a("/season"), SEASON)),
    ("PATCH", "/api/v1/athletes/{athlete_id}/season/weeks/{week_start}"): route(ATHLETE, API, _with_season(send("PATCH", a(f"/season/weeks/{NEXT_MONDAY + timedelta(weeks=2)}"), {"cutback": True}))),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/{date}/{kind}.fit"): route(ATHLETE, API, get(a(f"/sessions/{NEXT_TUESDAY}/heavy.fit"))),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/{date}/{kind}.ics"): route(ATHLETE, API, get(a(f"/sessions/{NEXT_TUESDAY}/heavy.ics"))),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/{date}/{kind}.csv"): route(ATHLETE, API, get(a(f"/sessions/{NEXT_TUESDAY}/heavy.csv"))),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/{date}/{kind}.json"): route(ATHLETE, API, get(a(f"/sessions/{NEXT_TUESDAY}/heavy.json"))),
    ("GET", "/api/v1/athletes/{athlete_id}/plan.ics"): route(ATHLETE, API, get(a("/plan.ics"), weeks=2, on=NEXT_MONDAY.isoformat())),
    ("GET", "/api/v1/athletes/{athlete_id}/plan.csv"): route(ATHLETE, API, get(a("/plan.csv"), weeks=2, on=NEXT_MONDAY.isoformat())),
    ("GET", "/api/v1/athletes/{athlete_id}/plan.json"): route(ATHLETE, API, get(a("/plan.json"), weeks=2, on=NEXT_MONDAY.isoformat())),
    ("POST", "/api/v1/athletes/{athlete_id}/plan-import"): route(ATHLETE, API, lambda w, i: Call("POST", f"/api/v1/athletes/{i}/plan-import", params={"save": "true"}, json={"content": PLAN_CSV, "name": "plan.csv"})),
    ("POST", "/api/v1/athletes/{athlete_id}/activities"): route(ATHLETE, API, lambda w, i: Call("POST", f"/api/v1/athletes/{i}/activities", json={"name": "run.gpx", "content_base64": "PGdweD48dHJrPjx0eXBlPnJ1bm5pbmc8L3R5cGU+PHRya3NlZz48dHJrcHQgbGF0PSI1MiIgbG9uPSI0Ij48dGltZT4yMDI2LTExLTAyVDA2OjMwOjAwWjwvdGltZT48L3Rya3B0Pjx0cmtwdCBsYXQ9IjUyLjAxIiBsb249IjQiPjx0aW1lPjIwMjYtMTEtMDJUMDY6MzY6MDBaPC90aW1lPjwvdHJrcHQ+PC90cmtzZWc+PC90cms+PC9ncHg+"})),
    # only the owner
    ("DELETE", "/api/v1/athletes/{athlete_id}"): route(OWNER, API, send("DELETE", a())),
    ("POST", "/api/v1/athletes/{athlete_id}/coaches"): route(OWNER, API, lambda w, i: Call("POST", f"/api/v1/athletes/{i}/coaches", json={"email": f"c{next(w.serial)}@example.com"})),
    ("DELETE", "/api/v1/athletes/{athlete_id}/coaches/{invite_id}"): route(OWNER, API, _revoke_invite),
    ("POST", "/api/v1/athletes/{athlete_id}/calendar"): route(OWNER, API, send("POST", a("/calendar"))),
    ("DELETE", "/api/v1/athletes/{athlete_id}/calendar"): route(OWNER, API, send("DELETE", a("/calendar"))),
    # pages anyone may open
    ("GET", "/signin"): route(PUBLIC, PAGE, get(lambda _: "/signin")),
    ("GET", "/signup"): route(PUBLIC, PAGE, get(lambda _: "/signup")),
    ("POST", "/signin"): route(PUBLIC, FORM, _page_signin),
    ("POST", "/signup"): route(PUBLIC, FORM, _page_signup),
    ("GET", "/library"): route(PUBLIC, PAGE, get(lambda _: "/library", equipment="dumbbells")),
    ("GET", "/static/{path}"): route(PUBLIC, PAGE, get(lambda _: "/static/app.css")),
    # pages of the caller's own account
    ("GET", "/"): route(ACCOUNT, PAGE, get(lambda _: "/")),
    ("POST", "/signout"): route(ACCOUNT, FORM, form(lambda _: "/signout"), fresh_user=True),
    ("GET", "/onboarding"): route(ACCOUNT, PAGE, get(lambda _: "/onboarding")),
    ("POST", "/onboarding"): route(ACCOUNT, FORM, _onboarding),
    ("GET", "/account"): route(ACCOUNT, PAGE, get(lambda _: "/account")),
    ("POST", "/account/password"): route(ACCOUNT, FORM, form(lambda _: "/account/password", current=PASSWORD, new="another long one"), fresh_user=True),
    ("POST", "/account/delete"): route(ACCOUNT, FORM, form(lambda _: "/account/delete", confirm="delete"), fresh_user=True),
    # an athlete's pages: owner or invited coach
    ("GET", "/athletes/{athlete_id}/week"): route(ATHLETE, PAGE, get(p("/week"), on=NEXT_TUESDAY.isoformat())),
    ("GET", "/athletes/{athlete_id}/week/try"): route(ATHLETE, PARTIAL, get(p("/week/try"), **MOVE)),
    ("POST", "/athletes/{athlete_id}/week/moves"): route(ATHLETE, FORM, form(p("/week/moves"), **MOVE)),
    ("POST", "/athletes/{athlete_id}/week/reset"): route(ATHLETE, FORM, form(p("/week/reset"), on=NEXT_TUESDAY.isoformat())),
    ("POST", "/athletes/{athlete_id}/race-date"): route(ATHLETE, FORM, form(p("/race-date"), race_date=PAST.isoformat(), on=NEXT_TUESDAY.isoformat())),
    ("GET", "/athletes/{athlete_id}/week/cards"): route(ATHLETE, PAGE, get(p("/week/cards"), on=NEXT_TUESDAY.isoformat())),
    ("GET", "/athletes/{athlete_id}/session"): route(ATHLETE, PAGE, get(p("/session"), **CARD)),
    ("GET", "/athletes/{athlete_id}/session/swap"): route(ATHLETE, PARTIAL, get(p("/session/swap"), **CARD, planned="back_squat", to="back_squat")),
    ("POST", "/athletes/{athlete_id}/session"): route(ATHLETE, FORM, form(p("/session"), **CARD, done_0_back_squat="1", reps_0_back_squat="6", load_0_back_squat="70")),
    ("GET", "/athletes/{athlete_id}/season"): route(ATHLETE, PAGE, get(p("/season"))),
    ("POST", "/athletes/{athlete_id}/season"): route(ATHLETE, FORM, form(p("/season"), race_date=RACE_DAY.isoformat(), distance_km="42.2", start=NEXT_MONDAY.isoformat())),
    ("POST", "/athletes/{athlete_id}/season/week"): route(ATHLETE, FORM, _with_season(form(p("/season/week"), week_start=(NEXT_MONDAY + timedelta(weeks=2)).isoformat(), cutback="1"))),
    ("GET", "/athletes/{athlete_id}/progress"): route(ATHLETE, PAGE, get(p("/progress"))),
    ("GET", "/athletes/{athlete_id}/tests"): route(ATHLETE, PAGE, get(p("/tests"))),
    ("POST", "/athletes/{athlete_id}/tests"): route(ATHLETE, FORM, form(p("/tests"), date=PAST.isoformat(), load_deadlift="100", reps_deadlift="5")),
    ("GET", "/athletes/{athlete_id}/import"): route(ATHLETE, PAGE, get(p("/import"))),
    ("POST", "/athletes/{athlete_id}/import"): route(ATHLETE, FORM, form(p("/import"), content=PLAN_CSV, name="plan.csv", action="save")),
    ("GET", "/athletes/{athlete_id}/activities"): route(ATHLETE, PAGE, get(p("/activities"))),
    ("POST", "/athletes/{athlete_id}/activities"): route(ATHLETE, FORM, form(p("/activities"), name="run.gpx", content_base64="PGdweD48dHJrPjx0eXBlPnJ1bm5pbmc8L3R5cGU+PHRya3NlZz48dHJrcHQgbGF0PSI1MiIgbG9uPSI0Ij48dGltZT4yMDI2LTExLTAyVDA2OjMwOjAwWjwvdGltZT48L3Rya3B0Pjx0cmtwdCBsYXQ9IjUyLjAxIiBsb249IjQiPjx0aW1lPjIwMjYtMTEtMDJUMDY6MzY6MDBaPC90aW1lPjwvdHJrcHQ+PC90cmtzZWc+PC90cms+PC9ncHg+")),
    # the account page's forms about one athlete: only its owner
    ("POST", "/account/coaches"): route(OWNER, FORM, lambda w, i: Call("POST", "/account/coaches", form={"athlete": str(i), "email": f"c{next(w.serial)}@example.com"})),
    ("POST", "/account/coaches/revoke"): route(OWNER, FORM, _revoke_invite_form),
    ("POST", "/account/calendar"): route(OWNER, FORM, lambda w, i: Call("POST", "/account/calendar", form={"athlete": str(i)})),
}  # fmt: skip


# -- the tests --------------------------------------------------------------------------
def app_routes(app: Any) -> set[tuple[str, str]]:
    found = set()
    for context in iter_route_contexts(app.routes):
        methods = (context.methods or {"GET"}) - {"HEAD"}
        path = context.path_format or ""
        found |= {(m, path) for m in methods}
    return found


def test_every_route_is_in_the_matrix(tmp_path):
    app = create_app(f"sqlite:///{tmp_path}/routes.db", fast_hashing=True)
    have = app_routes(app)
    missing = sorted(have - set(ROUTES))
    gone = sorted(set(ROUTES) - have)
    assert not missing, f"routes not in ROUTES (add each with who may use it): {missing}"
    assert not gone, f"ROUTES lists routes the app no longer has: {gone}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One app per engine with the five actors; every route then makes its own athlete."""
    engine = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('matrix')}/runlift.db"
    else:
        url = request.getfixturevalue("pg_url")
        engine = create_engine(url)
        _clean(engine)
    w = World(create_app(url, fast_hashing=True))
    for name in ("owner", "coach", "former", "other"):
        w.actors[name] = w.user(name)
    w.actors["anonymous"] = Actor("anonymous")
    w.owner_call(Call("POST", "/api/v1/athletes", json=EXAMPLE_PLAN))  # the owner's first
    other = {**EXAMPLE_PLAN, "athlete": {**EXAMPLE_PLAN["athlete"], "name": "Not yours"}}
    w.send(w.actors["other"], Call("POST", "/api/v1/athletes", json=other))
    yield w
    w.app.state.store.engine.dispose()
    if engine is not None:
        _clean(engine)
        engine.dispose()


def outcome(answer: Any) -> str:
    status = answer.status_code
    if status in (301, 302, 303, 307) and answer.headers.get("location", "").startswith("/signin"):
        return "signin"
    if 200 <= status < 400:
        return "ok"
    return str(status)


ORDER = ("anonymous", "other", "former", "coach", "owner")  # refusals first, the owner last


@pytest.mark.parametrize("key", sorted(ROUTES), ids=lambda k: f"{k[0]} {k[1]}")
def test_who_may_use_the_route(world: World, key: tuple[str, str]):
    spec = ROUTES[key]
    athlete = world.athlete() if spec.needs_athlete else 0
    problems = []
    for name in ORDER:
        want = expected(spec.kind, spec.face, name)
        actor = world.actors[name]
        if spec.fresh_user and name != "anonymous":
            actor = world.user(name)
        call = spec.build(world, athlete)
        before = world.snapshot() if want != "ok" else None
        answer = world.send(actor, call)
        got = outcome(answer)
        if name != "anonymous" and got == "signin":  # a signed-in page sent to sign in,
            got = "sent to /signin" if key[0] == "GET" else "ok"  # or signed out as asked
        if got != want:
            problems.append(f"{name}: expected {want}, got {got} ({answer.text[:160]!r})")
        elif before is not None and world.snapshot() != before:
            problems.append(f"{name}: refused ({got}) but the data changed")
    assert not problems, f"{key[0]} {key[1]}:\n  " + "\n  ".join(problems)


def test_the_matrix_covers_five_actors_on_every_route():
    kinds = {spec.kind for spec in ROUTES.values()}
    assert kinds == {PUBLIC, ACCOUNT, ATHLETE, OWNER}
    assert len(ORDER) == 5 and set(SIGNED_IN) | {"anonymous"} == set(ORDER)
    assert PAST < TODAY < NEXT_TUESDAY  # the dates move with today, the weeks stay ahead
