"""The case-study addresses reverse and resolve."""

from django.urls import resolve, reverse

from casestudies import views


def test_list_url():
    assert reverse("casestudies:list") == "/case-studies/"
    assert resolve("/case-studies/").func is views.case_study_list


def test_detail_url():
    url = reverse("casestudies:detail", kwargs={"slug": "custody-murals"})
    assert url == "/case-studies/custody-murals/"
    assert resolve(url).func is views.case_study_detail


def test_preview_url():
    url = reverse("casestudies:preview", kwargs={"slug": "custody-murals"})
    assert url == "/case-studies/custody-murals/preview/"
    assert resolve(url).func is views.case_study_preview
