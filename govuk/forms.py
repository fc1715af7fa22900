"""What the site's forms share: a crispy-forms-gds helper with the site's defaults."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout


def form_helper(*fields, method: str = "post") -> FormHelper:
    """A helper that lays out ``fields`` in a whole <form>, with its CSRF token.

    ``novalidate``: validation is the server's, with GOV.UK error messages, not
    the browser's. Errors are summarised by the page (includes/error_summary),
    so the helper shows only each field's own message.
    """
    helper = FormHelper()
    helper.form_method = method
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*fields)
    return helper
