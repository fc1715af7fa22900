"""Exports of submitted responses: one row per response, one column per code.

``columns`` lays out the columns and the data dictionary, ``rows`` builds each
row, ``cells`` makes every cell safe to open in a spreadsheet, ``writers``
stream CSV and XLSX, ``resource`` serves django-import-export, and
``service.responses_export`` is the one export: the command and the admin
both call it, and it records the export in the audit trail.
"""
