# Issue 16: the misuse reports' per-client hourly counts move to the one counter model of the
# shared layer (shared.ClientCount, kind "misuse_report"). No data is copied: a count matters
# only during its clock hour, so at worst a client gets a fresh allowance for the rest of the
# hour in which this migration runs.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_speed"), ("shared_layer", "0001_initial")]

    operations = [migrations.DeleteModel(name="ReportCount")]
