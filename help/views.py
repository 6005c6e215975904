"""The public pages of the help app: the provider directory, a provider, a help request and its
private status page, and the relay between a visitor and a peer WISE."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import CreateView, DetailView, FormView, ListView

from catalogue.models import Need, Sector, Tool
from editorial.filters import FilteredListMixin
from editorial.languages import current_language
from editorial.pagination import ForgivingPaginationMixin
from editorial.preview import PreviewMixin, mark_private
from editorial.protection import RateLimitedFormMixin
from help import checkup_link, notifications
from help.countries import country_name, visitor_country
from help.filters import ProviderFilter
from help.forms import HelpRequestForm, PeerAnswerForm, PeerQuestionForm
from help.models import HelpRequest, PeerQuestion, PeerUse, Pilot, Provider, RequestEvent, State
from help.tokens import find_by_token


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def public_tools():
    return Tool.objects.published().only("pk", "slug", "name").order_by("name")


class ProviderListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """``/<lang>/help/``: published providers, filtered (``help.filters.ProviderFilter``) with
    facet counts, nearest to the visitor first. Template: ``help/provider_list.html``.

    A fixed number of queries: needs, sectors, tools, one per facet, the count, the page and
    the page's tools.
    """

    template_name = "help/provider_list.html"
    context_object_name = "providers"
    paginate_by = 20
    filterset_class = ProviderFilter

    def get_unfiltered_queryset(self):
        return Provider.objects.published().for_cards()

    def get_filterset_kwargs(self):
        return {
            "needs": Need.objects.all(),
            "sectors": Sector.objects.all(),
            # Only tools somebody listed here supports: the rest would be empty options.
            "tools": public_tools().filter(providers__in=Provider.objects.published()).distinct(),
            "request": self.request,
        }

    def get_queryset(self):
        self.country = visitor_country(self.request)
        return (
            super()
            .get_queryset()
            .nearest_first(self.country, current_language())
            .prefetch_related(Prefetch("tools", queryset=public_tools()))
        )

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        return super().get_context_data(
            facets=filterset.facets(),
            query=filterset.query,
            is_filtered=filterset.is_filtered,
            visitor_country=self.country,
            visitor_country_name=country_name(self.country),
            **kwargs,
        )


class ProviderDetailView(PreviewMixin, DetailView):
    """``/<lang>/help/<slug>/``: one provider's service sheet, the tools it supports, its
    finished pilots, and the way to ask it for help (through the site). Template:
    ``help/provider_detail.html``. The contact address is never on the page."""

    template_name = "help/provider_detail.html"
    context_object_name = "provider"

    def get_queryset(self):
        return (
            Provider.objects.without_vectors()
            .defer("contact_email", "contact_name")
            .select_related("organisation", "verified_by")
            .prefetch_related(
                "needs",
                "sectors",
                Prefetch("tools", queryset=public_tools()),
                Prefetch("pilots", queryset=Pilot.objects.finished().for_cards(), to_attr="finished_pilots"),
            )
        )


class HelpRequestCreateView(RateLimitedFormMixin, CreateView):
    """``/<lang>/help/request/``: the help request form, prefilled from the check-up result this
    browser finished (offered as an attachment, see ``help.checkup_link``), then from ``?tool=``,
    ``?need=``, ``?provider=`` and ``?sector=`` (public slugs only; anything else is ignored). Sending it
    saves the request, routes it and tells the WISE and the partner, in one transaction; the
    same form sent twice gives one request. Template: ``help/request_form.html``."""

    model = HelpRequest
    form_class = HelpRequestForm
    template_name = "help/request_form.html"
    rate_limit_group = "help-request"
    rate_limit_rate = "5/10m"

    def dispatch(self, request, *args, **kwargs):
        self.session_result = checkup_link.result_in_session(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session_result": self.session_result}

    def get_initial(self):
        get = self.request.GET
        initial = {
            "country": visitor_country(self.request),
            "language": current_language(),
        }
        if self.session_result is not None:
            # What the check-up told us already; the query string below still wins.
            initial.update(checkup_link.prefill(self.session_result))
        self.asked_provider = Provider.objects.published().filter(slug=get.get("provider", "")[:100]).first()
        lookups = {
            "tool": Tool.objects.published(),
            "need": Need.objects.all(),
            "sector": Sector.objects.all(),
        }
        for name, queryset in lookups.items():
            slug = get.get(name, "")[:100]
            if slug and queryset.filter(slug=slug).exists():
                initial[name] = slug
        if "tool" in initial and "need" not in initial:
            # The tool's first need is the likeliest reason to ask about it.
            need = Need.objects.filter(tools__slug=initial["tool"]).order_by("order", "slug").first()
            if need is not None:
                initial["need"] = need.slug
        if self.asked_provider is not None:
            initial["provider"] = self.asked_provider.slug
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        provider = getattr(self, "asked_provider", None)
        if form.is_bound:
            provider = getattr(form, "cleaned_data", {}).get("provider")
        context["asked_provider"] = provider
        context["session_result"] = self.session_result
        return context

    def form_valid(self, form):
        digest = form.idempotency_digest
        existing = HelpRequest.objects.filter(idempotency_digest=digest).first()
        if existing is not None:
            return HttpResponseRedirect(existing.status_url())
        try:
            with transaction.atomic():
                help_request = form.save(commit=False)
                help_request.idempotency_digest = digest
                help_request.checkup_result = form.checkup_result
                help_request.route()
                help_request.save()
                RequestEvent.objects.create(help_request=help_request, to_state=State.NEW)
                notifications.request_received(help_request, base_url(self.request))
        except IntegrityError:
            # The same form, sent twice at the same moment: the other one made the request.
            existing = HelpRequest.objects.filter(idempotency_digest=digest).first()
            if existing is None:
                raise
            return HttpResponseRedirect(existing.status_url())
        messages.success(
            self.request,
            gettext(
                "Your request has been sent. "
                "Keep the address of this page: it shows how your request is going."
            ),
        )
        return HttpResponseRedirect(help_request.status_url())

    def render_to_response(self, context, **response_kwargs):
        # The form carries its own one-time key: never cached, never shared.
        return mark_private(super().render_to_response(context, **response_kwargs))


class HelpRequestStatusView(DetailView):
    """``/<lang>/help/request/<token>/``: how a request is going, for whoever holds its private
    link. An unknown or altered token is a 404. Template: ``help/request_status.html``."""

    template_name = "help/request_status.html"
    context_object_name = "help_request"

    def get_object(self, queryset=None):
        queryset = HelpRequest.objects.select_related("need", "sector", "tool", "organisation", "provider")
        help_request = find_by_token(queryset, self.kwargs["token"])
        if help_request is None:
            raise Http404
        return help_request

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        help_request = self.object
        context["events"] = list(
            help_request.events.prefetch_related(
                Prefetch("forwardings", queryset=help_request.forwardings.select_related("provider"))
            )
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        return mark_private(super().render_to_response(context, **response_kwargs))


def published_peer(pk) -> PeerUse:
    peer = PeerUse.objects.published().select_related("tool", "sector").filter(pk=pk).first()
    if peer is None or not peer.may_be_asked or not peer.tool.is_published:
        raise Http404
    return peer


class PeerAskView(RateLimitedFormMixin, CreateView):
    """``/<lang>/help/peers/<id>/ask/``: ask a WISE that uses a tool a question. It is relayed by
    email; the WISE answers on the site; the answer goes to the asker alone. Template:
    ``help/peer_ask.html``."""

    model = PeerQuestion
    form_class = PeerQuestionForm
    template_name = "help/peer_ask.html"
    rate_limit_group = "help-peer-question"
    rate_limit_rate = "5/10m"

    def dispatch(self, request, *args, **kwargs):
        self.peer = published_peer(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(peer=self.peer, **kwargs)

    def form_valid(self, form):
        digest = form.idempotency_digest
        if not PeerQuestion.objects.filter(idempotency_digest=digest).exists():
            try:
                with transaction.atomic():
                    question = form.save(commit=False)
                    question.peer_use = self.peer
                    question.language = current_language()
                    question.idempotency_digest = digest
                    question.save()
                    notifications.peer_question_asked(question, base_url(self.request))
            except IntegrityError:
                if not PeerQuestion.objects.filter(idempotency_digest=digest).exists():
                    raise
        messages.success(
            self.request,
            gettext("Your question has been sent to %(peer)s. Its answer will come to your email address.")
            % {"peer": self.peer.wise_name},
        )
        return HttpResponseRedirect(self.peer.tool.get_absolute_url())

    def render_to_response(self, context, **response_kwargs):
        return mark_private(super().render_to_response(context, **response_kwargs))


class PeerAnswerView(RateLimitedFormMixin, FormView):
    """``/<lang>/help/peers/answer/<token>/``: the peer's private page to answer one question.
    The answer goes to the asker only; a question is answered once. Template:
    ``help/peer_answer.html``."""

    form_class = PeerAnswerForm
    template_name = "help/peer_answer.html"
    rate_limit_group = "help-peer-answer"

    def dispatch(self, request, *args, **kwargs):
        queryset = PeerQuestion.objects.select_related("peer_use__tool").filter(erased_at__isnull=True)
        self.question = find_by_token(queryset, kwargs["token"])
        if self.question is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.question.is_answered:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():
            question = PeerQuestion.objects.select_for_update().get(pk=self.question.pk)
            if question.is_answered:
                return self.render_to_response(self.get_context_data())
            question.answer = form.cleaned_data["answer"]
            question.answered_at = timezone.now()
            question.save(update_fields=["answer", "answered_at"])
            notifications.peer_question_answered(question)
        self.question = question
        return self.render_to_response(self.get_context_data(form=None, just_answered=True))

    def render_to_response(self, context, **response_kwargs):
        return mark_private(super().render_to_response(context, **response_kwargs))
