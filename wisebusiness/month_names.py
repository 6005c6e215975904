"""Month names for long dates ("E" in a date format), as a native reader writes them.

Django's own catalogues give "Marzo" (capitalised) in Italian and "Marec" (nominative) in
Slovenian, where a date reads "5 marzo 2026" and "5. marca 2026". Marking the same msgids
here puts them into our catalogue, which takes precedence over Django's; nothing imports
this module.
"""

from django.utils.translation import pgettext_lazy

MONTHS_FOR_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
