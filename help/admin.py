"""The partner admin of the help app.

Providers, peers and pilots are partner content (``PartnerContentAdmin``: scoping, drafts,
history, translation tabs). Help requests are the partner's inbox: a partner editor lists,
opens, exports and handles only the requests routed to its organisation, moves them through
the state machine from the change form (the model refuses a step it does not allow), adds
internal notes, and sees every email sent about them.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from editorial.admin import PartnerContentAdmin, ScopedAdmin, ScopedImportExportMixin
from editorial.languages import columns_in_every_language
from editorial.ownership import is_site_manager, organisation_of
from help import checkup_link, notifications
from help.models import (
    FORWARDABLE_STATES,
    CountryDesk,
    Forwarding,
    HelpRequest,
    InvalidTransition,
    PeerQuestion,
    PeerUse,
    Pilot,
    Provider,
    RequestEvent,
    RequestNote,
    SentEmail,
    State,
)
from help.resources import HelpRequestResource, ProviderResource


def base_url(request) -> str:
    return request.build_absolute_uri("/")


# Providers


class VerificationFilter(admin.SimpleListFilter):
    """Sheets to renew: not checked for twelve months (still public for a grace period), then hidden."""

    title = _("last checked")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [
            ("recent", _("In the last 12 months")),
            ("stale", _("Over 12 months ago: renew it")),
            ("hidden", _("Hidden from the public: renew it")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "recent":
            return queryset.recently_verified()
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "hidden":
            return queryset.hidden_as_stale()
        return queryset


@admin.register(Provider)
class ProviderAdmin(ScopedImportExportMixin, ExportMixin, PartnerContentAdmin, TabbedTranslationAdmin):
    resource_classes = [ProviderResource]
    list_display = ["name", "kind", "status", "verified_on", "renewal", "organisation"]
    list_filter = ["status", "kind", VerificationFilter, "free_of_charge", "needs", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "slug", *columns_in_every_language("summary")]
    prepopulated_fields = {"slug": ["name"]}
    # Not autocomplete: its lookups go through each model's own admin, which shows a partner
    # only its own tools; a provider supports other partners' published tools too.
    filter_horizontal = ["needs", "sectors", "tools"]
    readonly_fields = ["created", "updated"]
    actions = [*PartnerContentAdmin.actions, "mark_checked_today"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "organisation", "summary", "description"]}),
        (_("Services"), {"fields": ["services", "needs", "sectors", "tools"]}),
        (_("Where and in which languages"), {"fields": ["countries", "regions", "languages"]}),
        (_("Prices"), {"fields": ["free_of_charge", "price_note", "nonprofit_terms"]}),
        (
            _("Contact (never shown on the site)"),
            {"fields": ["website", "contact_name", "contact_email"]},
        ),
        (
            _("Checked by a partner"),
            {
                "fields": ["verified_by", "verified_on"],
                "description": _(
                    "Check the sheet with the provider every year. After 12 months it is flagged here; "
                    "a while later it is hidden from the public until someone checks it again."
                ),
            },
        ),
        (_("History"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("renewal"))
    def renewal(self, provider):
        if provider.verified_on is None:
            return gettext("Never checked")
        if not provider.is_published and provider.is_being_published():
            return gettext("Hidden: renew it")
        if provider.is_stale:
            return gettext("Due: renew it")
        return "—"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        own = organisation_of(request.user)
        if own is not None:
            initial.setdefault("verified_by", own.pk)
        initial.setdefault("verified_on", timezone.localdate())
        return initial

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not request.GET:
            due = self.get_queryset(request).stale().count()
            if due:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d provider was not checked for a year: renew it, or it will be hidden.",
                        "%(count)d providers were not checked for a year: renew them or they will be hidden.",
                        due,
                    )
                    % {"count": due},
                )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Mark the selected providers as checked today"), permissions=["change"])
    def mark_checked_today(self, request, queryset):
        own = organisation_of(request.user)
        count = 0
        for provider in queryset:
            if not self.has_change_permission(request, provider):
                continue
            with self.create_revision(request):
                provider.verified_on = timezone.localdate()
                provider.verified_by = own or provider.organisation
                provider.save(update_fields=["verified_on", "verified_by", "updated"])
            count += 1
        messages.success(
            request,
            ngettext("%(count)d provider checked today.", "%(count)d providers checked today.", count)
            % {"count": count},
        )


@admin.register(CountryDesk)
class CountryDeskAdmin(ScopedAdmin):
    """Which partner takes the help requests of each country (site managers set it)."""

    list_display = ["country", "organisation"]
    list_select_related = ["organisation"]


# Help requests


class HelpRequestAdminForm(forms.ModelForm):
    """The triage form: one step of the state machine, the providers to forward to, a word for
    the WISE. The step is taken by the model (``HelpRequest.forward`` / ``move_to``)."""

    ACTION_LABELS = {
        State.FORWARDED: _("Forward to the providers ticked below"),
        State.IN_PROGRESS: _("Mark as in progress"),
        State.DONE: _("Mark as done"),
        State.CLOSED: _("Close it"),
    }

    action = forms.ChoiceField(label=_("Next step"), required=False)
    forward_to = forms.ModelMultipleChoiceField(
        label=_("Providers to forward to"),
        queryset=Provider.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Those who support the tool or serve the need come first, nearest first. "
            "They get the brief and its contact by email."
        ),
    )
    message = forms.CharField(
        label=_("A word for the WISE"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Shown on the status page of the WISE and sent with the update."),
    )

    class Meta:
        model = HelpRequest
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        choices = [("", _("No change"))]
        if instance.state in FORWARDABLE_STATES:
            choices.append((State.FORWARDED, self.ACTION_LABELS[State.FORWARDED]))
        choices += [
            (state, self.ACTION_LABELS[state])
            for state in instance.allowed_transitions()
            if state != State.FORWARDED
        ]
        self.fields["action"].choices = choices
        already = instance.forwardings.values("provider_id") if instance.pk else []
        self.fields["forward_to"].queryset = (
            Provider.objects.published().exclude(pk__in=already).for_cards().best_for(instance)
        )
        self.fields["forward_to"].label_from_instance = self.provider_label

    @staticmethod
    def provider_label(provider) -> str:
        return f"{provider.name} ({', '.join(provider.countries)}; {provider.get_kind_display()})"

    def clean(self):
        cleaned_data = super().clean()
        action = cleaned_data.get("action")
        current = HelpRequest.objects.filter(pk=self.instance.pk).values_list("state", flat=True).first()
        if action == State.FORWARDED:
            if not cleaned_data.get("forward_to"):
                self.add_error("forward_to", gettext("Tick the providers to forward the request to."))
            elif current not in FORWARDABLE_STATES:
                self.add_error("action", gettext("This request can no longer be forwarded."))
        elif action and action not in HelpRequest(state=current).allowed_transitions():
            self.add_error("action", gettext("Someone changed this request meanwhile: reload the page."))
        elif cleaned_data.get("forward_to"):
            self.add_error("action", gettext("Choose “Forward to the providers ticked below” to forward it."))
        return cleaned_data


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RequestEventInline(ReadOnlyInline):
    model = RequestEvent
    fields = ["at", "from_state", "to_state", "by", "message"]
    readonly_fields = fields
    verbose_name_plural = _("history of the request")


class ForwardingInline(ReadOnlyInline):
    model = Forwarding
    fields = ["provider", "at", "by"]
    readonly_fields = fields


class SentEmailInline(ReadOnlyInline):
    model = SentEmail
    fk_name = "help_request"
    fields = ["created", "kind", "to", "subject", "status"]
    readonly_fields = fields


class RequestNoteInline(admin.TabularInline):
    model = RequestNote
    extra = 1
    can_delete = False
    fields = ["text", "author", "created"]
    readonly_fields = ["author", "created"]

    def has_change_permission(self, request, obj=None):
        return False


class RoutedFilter(admin.SimpleListFilter):
    """Site managers: requests by partner, and those no partner covers."""

    title = _("routed to")
    parameter_name = "routed"

    def lookups(self, request, model_admin):
        if not is_site_manager(request.user):
            return []
        organisations = apps.get_model(settings.ORGANISATION_MODEL).objects.order_by("name")
        return [("none", _("Nobody yet")), *((str(org.pk), org.name) for org in organisations)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(organisation__isnull=True)
        if value and value.isdigit():
            return queryset.filter(organisation_id=int(value))
        return queryset


@admin.register(HelpRequest)
class HelpRequestAdmin(ScopedImportExportMixin, ExportMixin, ScopedAdmin):
    form = HelpRequestAdminForm
    resource_classes = [HelpRequestResource]
    list_display = ["created", "excerpt", "country", "need", "tool", "state", "organisation"]
    list_filter = ["state", RoutedFilter, "country", "need", "budget_band"]
    list_select_related = ["need", "tool", "organisation"]
    search_fields = ["brief", "contact_name", "email"]
    date_hierarchy = "created"
    inlines = [RequestEventInline, ForwardingInline, RequestNoteInline, SentEmailInline]
    readonly_fields = [
        "state",
        "created",
        "need",
        "sector",
        "tool",
        "provider",
        "country",
        "language",
        "budget_band",
        "brief",
        "tried",
        "contact_name",
        "email",
        "consent",
        "finished_at",
        "erased_at",
        "status_page",
        "checkup_summary",
    ]
    fieldsets = [
        (None, {"fields": ["state", "created", "organisation", "status_page"]}),
        (
            _("The brief"),
            {
                "fields": [
                    "need",
                    "tool",
                    "provider",
                    "sector",
                    "country",
                    "language",
                    "budget_band",
                    "brief",
                    "tried",
                ]
            },
        ),
        (
            _("Personal data (only this partner and the site managers see it)"),
            {"fields": ["contact_name", "email", "consent", "checkup_summary", "finished_at", "erased_at"]},
        ),
        (_("Next step"), {"fields": ["action", "forward_to", "message"]}),
    ]

    @admin.display(description=_("what they need"))
    def excerpt(self, help_request):
        text = help_request.brief or "—"
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description=_("page of the WISE"))
    def status_page(self, help_request):
        if not help_request.pk:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            help_request.status_url(),
            gettext("Open it"),
        )

    @admin.display(description=_("check-up result"))
    def checkup_summary(self, help_request):
        if help_request.checkup_result is None:
            return gettext("Not attached")
        return render_to_string(
            "help/admin/checkup_summary.html", {"summary": checkup_link.summary(help_request.checkup_result)}
        )

    def has_add_permission(self, request):
        return False  # requests come from WISEs, through the public form

    def save_model(self, request, obj, form, change):
        # The brief is read-only; the only change is a step of the state machine.
        if form.has_changed() and "organisation" in form.changed_data:
            super().save_model(request, obj, form, change)
        action = form.cleaned_data.get("action")
        message = form.cleaned_data.get("message", "")
        if not action:
            return
        try:
            if action == State.FORWARDED:
                providers = list(form.cleaned_data["forward_to"])
                event = obj.forward(providers, by=request.user, message=message)
                notifications.request_forwarded(obj, providers, event, base_url(request))
            else:
                event = obj.move_to(action, by=request.user, message=message)
        except InvalidTransition as error:
            messages.error(request, " ".join(error.messages))
            return
        notifications.request_updated(event, base_url(request))

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, RequestNote):
                instance.author = request.user
            instance.save()
        formset.save_m2m()


@admin.register(SentEmail)
class SentEmailAdmin(ScopedAdmin):
    """Every email the help app sent, for the partner it was sent for."""

    list_display = ["created", "kind", "to", "subject", "status", "organisation"]
    list_filter = ["kind", "status"]
    list_select_related = ["organisation"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "created",
        "kind",
        "to",
        "subject",
        "body",
        "status",
        "error",
        "sent_at",
        "organisation",
        "help_request",
        "peer_question",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Peers and pilots


@admin.register(PeerUse)
class PeerUseAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    list_display = ["wise_name", "tool", "country", "since", "consent", "status", "organisation"]
    list_filter = ["status", "consent", "country", "organisation"]
    list_select_related = ["tool", "organisation"]
    search_fields = ["wise_name", "tool__name"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "wise_name",
                    "tool",
                    "sector",
                    "country",
                    "since",
                    "quote",
                    "status",
                    "organisation",
                ]
            },
        ),
        (_("Consent and contact (never shown on the site)"), {"fields": ["consent", "contact_email"]}),
    ]


@admin.register(PeerQuestion)
class PeerQuestionAdmin(ScopedAdmin):
    """Questions relayed to the peers a partner recorded (read-only: the relay answers)."""

    list_display = ["created", "peer_use", "asker_name", "answered_at"]
    list_select_related = ["peer_use"]
    readonly_fields = [
        "peer_use",
        "asker_name",
        "asker_email",
        "question",
        "answer",
        "language",
        "created",
        "answered_at",
        "erased_at",
    ]
    exclude = ["token", "token_digest", "idempotency_digest"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Pilot)
class PilotAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    list_display = ["title", "wise_name", "tool", "phase", "status", "organisation"]
    list_filter = ["status", "phase", "need", "organisation"]
    list_select_related = ["tool", "organisation"]
    search_fields = ["title", "slug", "wise_name"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "organisation"]}),
        (
            _("The living lab"),
            {"fields": ["need", "wise_name", "provider", "tool", "phase", "started_on", "ended_on"]},
        ),
        (_("What came of it"), {"fields": ["outcome", "case_story"]}),
    ]
