"""Steps the browser tests share: loading a page by a click, and signing in.

A click on a link or a submit button only starts the navigation. Reading the
page at once (its content, URL, title or a count) can see the old document, or
an empty one while the new one commits, and a ``goto`` straight after can
cancel a post. So a click that loads a page goes through ``click_and_load``,
which waits for the page the server answers with.
"""

from django_otp.oath import totp

from staff.tests.fixtures import PASSWORD


def click_and_load(target) -> None:
    """Click a link or a submit button, and wait for the page it loads."""
    with target.page.expect_navigation():
        target.click()


def device_code(device) -> str:
    """The code an authenticator app would show now for this device."""
    return f"{totp(device.bin_key):06d}"


def sign_in(page, base_url: str, username: str, device) -> None:
    """Sign in to the admin with the password and the device's current code."""
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    click_and_load(page.get_by_role("button", name="Log in"))
    page.get_by_label("Code from your authenticator app").fill(device_code(device))
    click_and_load(page.get_by_role("button", name="Continue"))
