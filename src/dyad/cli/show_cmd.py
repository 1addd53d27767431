"""`dyad show`: one stored article with its evidence highlighted."""

from __future__ import annotations

import click

from ._common import db_option, stdout_console


@click.command(short_help="Show an article with its events highlighted.")
@click.argument("article_id", metavar="ARTICLE_ID")
@db_option
def show(article_id: str, db: str | None) -> None:
    """Show an article's text with event triggers, actors, recipients, dates and places
    highlighted, then its events.

    \b
    dyad show 3f2a9c0e1b7d4a65
    """
    from dyad.errors import InputError
    from dyad.store import Store

    from .render import article_view

    with Store(db, read_only=True) as store:
        doc = store.article(article_id)
        where = store.path
    if doc is None:
        raise InputError(f"no article '{article_id}' in {where}; `dyad events` lists article ids")
    stdout_console().print(article_view(doc))
