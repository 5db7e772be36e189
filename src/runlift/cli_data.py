"""`runlift export`, `restore` and `serve`: all data in and out, and the web API."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from runlift.cli import BadInput, app
from runlift.cli_store import DbOption, _store


# -- export and restore -----------------------------------------------------------------
@app.command("export")
def export_command(
    file: Annotated[str, typer.Argument(help="where to write the JSON (- for standard output)")],
    db: DbOption = None,
) -> int:
    """All data as one JSON document."""
    from runlift.store.backup import export_all

    with _store(db).transaction() as conn:
        document = export_all(conn)
    text = json.dumps(document, indent=1, ensure_ascii=False)
    if file == "-":
        sys.stdout.write(text + "\n")
        return 0
    try:
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError as error:
        raise BadInput("FILE", f"{file} cannot be written ({error.strerror})") from None
    return 0


@app.command("restore")
def restore_command(
    file: Annotated[str, typer.Argument(help="a JSON document from `runlift export`")],
    replace: Annotated[
        bool, typer.Option("--replace", help="overwrite a database that holds data")
    ] = False,
    db: DbOption = None,
) -> int:
    """Load a `runlift export` document (all or nothing)."""
    from runlift.store.backup import RestoreError, restore_all

    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        raise BadInput(
            "FILE", f"{file} cannot be read as JSON ({error.__class__.__name__})"
        ) from None
    try:
        with _store(db).transaction() as conn:
            count = restore_all(conn, document, replace=replace)
    except RestoreError as error:
        raise BadInput("FILE", str(error)) from None
    print(f"Restored {count} rows.")
    return 0


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    db: DbOption = None,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="behind HTTPS: mark the session cookie Secure")
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="seed a demo runner on first run; print its sign-in (new password)"
        ),
    ] = False,
) -> int:
    """Serve the web app and its JSON API (/api/v1, docs at /api/docs)."""
    import socket

    import uvicorn

    from runlift.web.app import create_app

    if not 1 <= port <= 65535:
        raise BadInput("--port", f"{port} is not allowed; use 1-65535")
    with socket.socket() as probe:  # say so plainly rather than let uvicorn print a traceback
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise BadInput("--port", f"{host}:{port} cannot be used ({error.strerror})") from None
    app = create_app(db, secure_cookies=secure_cookies)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"runlift is running on http://{shown}:{port}/  (API docs: /api/docs; Ctrl+C stops)")
    if demo:
        from runlift.services import local_today
        from runlift.web.demo import seed_demo

        seeded = seed_demo(app.state.store, app.state.hasher, local_today())
        print(f"Demo runner: sign in as {seeded.email} with password {seeded.password}")
        print("  (a new password at each start; sign up for your own account any time)")
    sys.stdout.flush()
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
