"""The survey flow: start, one page per section, check answers, submit, return.

Function views doing HTTP only; rules live in services.py and routing.py.
"""

from survey.views.questions import contact, step
from survey.views.returning import resume, save_and_return, withdraw, withdrawn
from survey.views.share import poster, share
from survey.views.start import begin, start, wave_start
from survey.views.submission import check, confirmation, submit

__all__ = [
    "begin",
    "check",
    "confirmation",
    "contact",
    "poster",
    "resume",
    "save_and_return",
    "share",
    "start",
    "step",
    "submit",
    "wave_start",
    "withdraw",
    "withdrawn",
]
