"""Exports of submitted responses: one row per response, one column per code.

``columns`` lays out the columns and the data dictionary, ``rows`` builds each
row, ``cells`` makes every cell safe to open in a spreadsheet, ``writers``
stream CSV and XLSX, and ``service.responses_export`` is the one export: the
admin's export page, the ``export_responses`` command and the tests all call
it, and it records the export in the audit trail.
"""
