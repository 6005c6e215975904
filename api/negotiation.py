from rest_framework.negotiation import BaseContentNegotiation


class FirstRendererNegotiation(BaseContentNegotiation):
    """Each endpoint speaks one format, named by its address (``.csv``, ``.jsonld``, ``.yml``,
    JSON otherwise): the ``Accept`` header and ``?format=`` are not consulted, so an unusual
    header never turns into a 406 or 404."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
