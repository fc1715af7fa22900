"""The read every survey page makes: a browser's draft with its wave, in one query.

Through the ORM, building and compiling this ``select_related`` query costs
more server CPU than PostgreSQL spends running it, on every request of the
survey (measured in docs/performance.md, "The survey after issue 19"). So its
SQL is written once per process, every name taken from the models' ``_meta``,
and its rows become instances through ``Model.from_db`` and each field's
``from_db_value``, as the ORM makes them. The page's write stays a plain ORM
``update()`` (survey/services.py). ``survey/tests/test_drafts.py`` checks the read
against the ORM, field by field.
"""

from functools import cache

from django.db import connection

from survey.models.responses import Response
from survey.models.waves import Wave
from throttling.tokens import token_hash


def _concrete_fields(model) -> list:
    return [field for field in model._meta.get_fields() if field.concrete]


def _instance(model, fields: list, values: tuple):
    """A model instance from its columns, each value converted as the ORM would."""
    values = [
        field.from_db_value(value, None, connection)
        if hasattr(field, "from_db_value")
        else value
        for field, value in zip(fields, values, strict=True)
    ]
    return model.from_db(connection.alias, [f.attname for f in fields], values)


@cache
def _draft_read() -> tuple[str, list, list]:
    quote = connection.ops.quote_name
    responses, waves = _concrete_fields(Response), _concrete_fields(Wave)

    def column(alias: str, model, name: str) -> str:
        return f"{alias}.{quote(model._meta.get_field(name).column)}"

    columns = ", ".join(
        [f"r.{quote(f.column)}" for f in responses]
        + [f"w.{quote(f.column)}" for f in waves]
    )
    # Names from the models' metadata; the token's hash and the slug are parameters.
    sql = (
        f"SELECT {columns} FROM {quote(Response._meta.db_table)} r "  # noqa: S608
        f"INNER JOIN {quote(Wave._meta.db_table)} w "
        f"ON {column('r', Response, 'wave')} = {column('w', Wave, 'id')} "
        f"WHERE {column('r', Response, 'resume_token_hash')} = %s "
        f"AND {column('w', Wave, 'slug')} = %s "
        f"AND {column('w', Wave, 'is_published')}"
    )
    return sql, responses, waves


def draft_with_wave(token: str, wave_slug: str) -> Response | None:
    """A token's response to a published wave, its wave read in the same query."""
    sql, responses, waves = _draft_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash(token), wave_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    response = _instance(Response, responses, row[: len(responses)])
    response.wave = _instance(Wave, waves, row[len(responses) :])
    return response
