"""`dyad serve`: the REST API and the dashboard over a store."""

from __future__ import annotations

import click

from ._common import db_option


@click.command("serve", short_help="Serve the REST API and the dashboard.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@db_option
def serve_command(host: str, port: int, db: str | None) -> None:
    """Serve the API (see /docs) and the dashboard (/) over the database.

    POST /articles is enabled only when DYAD_API_TOKEN is set; without it the
    database is opened read-only.

    \b
    dyad serve --db news.duckdb
    DYAD_API_TOKEN=secret dyad serve --host 0.0.0.0 --port 8080
    """
    from dyad.api import serve

    serve(db=db, host=host, port=port)
