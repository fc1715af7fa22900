"""The two statements every survey page makes, written once per process.

Each page after the start reads the browser's draft with its wave, and each
page posted writes the draft back. Through the ORM, building and compiling
those two statements cost more server CPU than PostgreSQL spends running them
(issue 15, docs/decisions/0011). Here their SQL is written once, from the
models' own field lists, so a new field is read and written like any other;
values go through the fields' own converters and preparation, as the ORM's
would. ``survey/tests/test_drafts.py`` checks both against the ORM.
"""

from functools import cache

from django.db import connection

from survey.models.responses import Response
from survey.models.waves import Wave
from throttling.tokens import token_hash

quote = connection.ops.quote_name

# What saving a page of a draft writes.
DRAFT_FIELDS = (
    "answers",
    "sector",
    "boroughs",
    "organisation",
    "last_step",
    "saved_after_close_at",
    "updated_at",
)


class _Columns:
    """A model's concrete fields, their attribute names and read converters."""

    def __init__(self, model, alias: str):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [field.attname for field in self.fields]
        self.sql = [f"{alias}.{quote(field.column)}" for field in self.fields]
        self.converters = [
            (index, field.get_db_converters(connection), field.cached_col)
            for index, field in enumerate(self.fields)
            if field.get_db_converters(connection)
        ]

    def instance(self, values: list):
        """A model instance from its row, converted as the ORM converts it."""
        for index, converters, expression in self.converters:
            for converter in converters:
                values[index] = converter(values[index], expression, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


@cache
def _draft_read():
    response, wave = _Columns(Response, "r"), _Columns(Wave, "w")
    # Names from the models' metadata; the token's hash and the slug are parameters.
    columns = ", ".join(response.sql + wave.sql)
    tables = (
        f"{quote(Response._meta.db_table)} r INNER JOIN {quote(Wave._meta.db_table)} w"
    )
    where = "r.resume_token_hash = %s AND w.slug = %s AND w.is_published"
    sql = f"SELECT {columns} FROM {tables} ON r.wave_id = w.id WHERE {where}"  # noqa: S608
    return sql, response, wave


def draft_with_wave(token: str, wave_slug: str) -> Response | None:
    """A token's response to a published wave, its wave read in the same query."""
    sql, response_columns, wave_columns = _draft_read()
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_hash(token), wave_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(response_columns.fields)
    response = response_columns.instance(list(row[:split]))
    response.wave = wave_columns.instance(list(row[split:]))
    return response


@cache
def _draft_write():
    fields = [Response._meta.get_field(name) for name in DRAFT_FIELDS]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Names from the models' metadata; every value is a parameter.
    where = "id = %s AND status = %s AND updated_at = %s"
    sql = f"UPDATE {quote(Response._meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608
    return sql, fields


def draft_write_if_unchanged(draft: Response, read_at) -> bool:
    """Write a draft's page fields if it is still the draft read at ``read_at``.

    False if another request saved or submitted it meantime (the caller then
    merges again under a lock).
    """
    sql, fields = _draft_write()
    values = [
        field.get_db_prep_save(getattr(draft, field.attname), connection)
        for field in fields
    ]
    updated_at = Response._meta.get_field("updated_at")
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                *values,
                draft.pk,
                Response.Status.DRAFT.value,
                updated_at.get_db_prep_value(read_at, connection),
            ],
        )
        return cursor.rowcount == 1
