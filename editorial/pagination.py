class ForgivingPaginationMixin:
    """For list views: a malformed ``?page=`` shows the first page and one past the end the last,
    instead of a 404 (``Paginator.get_page`` rather than ``page``).

    The page links come from the include ``editorial/_pagination.html``, given ``page_obj``
    and the query string to keep (``page_query``: the list's cleaned filters, never the raw
    request, so an unknown parameter is not carried from page to page).
    """

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
