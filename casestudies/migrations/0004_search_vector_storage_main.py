"""Keep the search vector inside the table row rather than in TOAST.

Ranking reads the vector of every matching row. Stored out of line (the
default for values over about 2 kB) each read is a TOAST index lookup plus
chunk fetches; with 10,000 case studies that was three quarters of the time of
a ranked search for a common word. MAIN still compresses the value, and
PostgreSQL moves it out of line only when a row cannot fit otherwise.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0003_outside_london_named"),
    ]

    operations = [
        migrations.RunSQL(
            sql="ALTER TABLE casestudies_casestudy "
            "ALTER COLUMN search_vector SET STORAGE MAIN",
            reverse_sql="ALTER TABLE casestudies_casestudy "
            "ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ),
    ]
