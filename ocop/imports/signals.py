"""Signals of the importer, for apps that follow what it writes (ocop.audit) without the
importer knowing them."""

from django.dispatch import Signal

# Sent by write.apply inside the import's transaction, before anything is written, with
# plan, province and runs. A receiver may return a callable: it is called once everything
# is written (the ImportRun rows have their ids), still inside the transaction, so what it
# writes is rolled back with the import.
writing = Signal()
