class ForgivingPaginationMixin:
    """For list views: a malformed ``?page=`` shows the first page and one past the end the last,
    instead of a 404 (``Paginator.get_page`` rather than ``page``)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
