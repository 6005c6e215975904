"""The course list's filters: the country and kind of a training, and the language it was held in."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters import MultipleChoiceFilter

from courses.models import Country, Course, Kind
from editorial.filters import LenientFilterSet


class CourseFilter(LenientFilterSet):
    country = MultipleChoiceFilter(choices=Country.choices, label=_("Country"))
    kind = MultipleChoiceFilter(choices=Kind.choices, label=_("Kind of course"))
    language = MultipleChoiceFilter(choices=settings.LANGUAGES, label=_("Held in"))

    class Meta:
        model = Course
        fields = []

    #: The "all" option of each filter's menu.
    ALL_LABELS = {"country": _("All countries"), "kind": _("All kinds"), "language": _("All languages")}

    def menus(self) -> list[dict]:
        """Each filter as a menu for the template, its chosen values marked."""
        return [
            {
                "name": name,
                "label": filter_.label,
                "all_label": self.ALL_LABELS[name],
                "choices": [
                    {"value": value, "label": label, "selected": value in self.clean_data.getlist(name)}
                    for value, label in filter_.extra["choices"]
                ],
            }
            for name, filter_ in self.filters.items()
        ]
