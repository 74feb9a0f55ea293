# Issue 16: the buyers' inquiries' per-client hourly counts move to the one counter model of
# the shared layer (shared.ClientCount, kind "inquiry"). No data is copied: a count matters
# only during its clock hour, so at worst a client gets a fresh allowance for the rest of the
# hour in which this migration runs.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_initial"), ("shared_layer", "0001_initial")]

    operations = [migrations.DeleteModel(name="InquiryCount")]
