"""The coding app's admin pages, each a function taking the ``CodebookAdmin`` first.

Registered by ``CodebookAdmin.get_urls`` (coding/admin.py), so they sit in the
staff admin site, behind its sign-in, without this app importing staff.
"""
