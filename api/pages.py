from django.urls import reverse
from django.views.generic import TemplateView

from api.licence import DATA_LICENCE_URL
from api.publiccode import publiccode_tools
from catalogue.models import Tool


class OpenDataView(TemplateView):
    """``/<lang>/open-data/``: what the site publishes as open data, where, and under which licence.
    Template: ``api/open_data.html``; context: ``links`` (the API and exports), ``publiccode_tools``."""

    template_name = "api/open_data.html"

    def get_context_data(self, **kwargs):
        tools = publiccode_tools(Tool.objects.only("slug", "name")).order_by("name")
        return super().get_context_data(
            api_root=reverse("api:root"),
            docs=reverse("api:docs"),
            providers=reverse("api:provider-list"),
            checkup_questionnaire=reverse("api:checkup-questionnaire"),
            schema=reverse("api:schema"),
            dcat=reverse("api:export-dcat"),
            csv=reverse("api:export-csv"),
            skos_sectors=reverse("api:export-skos", kwargs={"scheme": "sectors"}),
            skos_needs=reverse("api:export-skos", kwargs={"scheme": "needs"}),
            publiccode_tools=[
                (tool, reverse("api:tool-publiccode", kwargs={"slug": tool.slug})) for tool in tools
            ],
            licence_url=DATA_LICENCE_URL,
            **kwargs,
        )
