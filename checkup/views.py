"""The check-up's pages: start, one step per dimension (the profile first), the private result.

A visitor's draft is a server-side Response bound to their session (``SESSION_KEY`` holds its
token) and reachable again by its token, so a closed tab or a lost cookie loses nothing: the
result address doubles as the resume address while the check-up is unfinished. Every POST
goes through ``editorial.protection`` (honeypot, rate limit per address); every write is one
transaction in ``checkup.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import FormView, TemplateView

from checkup import services
from checkup.chart import radar
from checkup.forms import DimensionForm, EmailForm, ProfileForm, PublicForm
from checkup.models import Dimension, Questionnaire, Response
from editorial.languages import current_language
from editorial.preview import mark_private
from editorial.protection import RateLimitedFormMixin

SESSION_KEY = "checkup_draft"
RESULT_SESSION_KEY = "checkup_result"


def no_store(response):
    """Pages with a visitor's answers: never cached (so Back shows what was saved), never indexed."""
    return mark_private(response)


def step_url(number: int) -> str:
    return reverse("checkup:step", kwargs={"number": number + 1})


class StartView(RateLimitedFormMixin, FormView):
    """``checkup/start.html``: what the check-up is, the privacy note, and Start (or Continue).

    Context: ``questionnaire`` (the current version, None when none is published), ``draft``
    (the visitor's unfinished check-up), ``last_result`` (its token, when they finished one).
    """

    template_name = "checkup/start.html"
    form_class = PublicForm
    rate_limit_group = "checkup-start"

    def get_context_data(self, **kwargs):
        token = self.request.session.get(SESSION_KEY)
        draft = Response.objects.by_token(token) if token else None
        last = self.request.session.get(RESULT_SESSION_KEY)
        return super().get_context_data(
            questionnaire=Questionnaire.objects.current(),
            draft=draft if draft is not None and not draft.is_finished else None,
            last_result=last if last and Response.objects.by_token(last) is not None else None,
            draft_days=settings.CHECKUP_DRAFT_DAYS,
            result_days=settings.CHECKUP_RESULT_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        questionnaire = Questionnaire.objects.current()
        if questionnaire is None:
            raise Http404
        _response, token = Response.start(questionnaire, current_language())
        self.request.session[SESSION_KEY] = token
        return redirect(step_url(services.PROFILE_STEP))


class DraftMixin:
    """Finds the visitor's draft from their session; without one, back to the start page."""

    def dispatch(self, request, *args, **kwargs):
        self.token = request.session.get(SESSION_KEY)
        self.draft = Response.objects.by_token(self.token) if self.token else None
        if self.draft is None:
            messages.info(
                request, gettext("Your check-up was not found. Start a new one, or open the link you saved.")
            )
            return redirect("checkup:start")
        if self.draft.is_finished:
            return self.finished_redirect()
        return super().dispatch(request, *args, **kwargs)

    def finished_redirect(self):
        messages.info(self.request, gettext("This check-up is already finished: here is its result."))
        return redirect("checkup:result-detail", token=self.token)


class StepView(DraftMixin, RateLimitedFormMixin, FormView):
    """``checkup/step.html``: step ``number`` (1 is the profile, then one per dimension).

    A step ahead of the first unanswered one sends the visitor back there. "Back" saves what is
    valid and goes back; "Next" needs every answer of the step; the last step finishes.
    """

    template_name = "checkup/step.html"
    rate_limit_group = "checkup-step"
    # Nine steps per check-up; a person correcting answers still stays far below this.
    rate_limit_rate = "60/10m"

    def dispatch(self, request, *args, **kwargs):
        self.number = kwargs["number"] - 1
        return super().dispatch(request, *args, **kwargs)

    def setup_step(self):
        self.dimensions = list(Dimension.objects.for_checkup(self.draft.questionnaire_id))
        if not 0 <= self.number <= len(self.dimensions):
            raise Http404
        self.dimension = self.dimensions[self.number - 1] if self.number else None

    def get(self, request, *args, **kwargs):
        self.setup_step()
        missing = services.missing_step(self.draft, self.dimensions)
        if missing is not None and self.number > missing:
            messages.info(request, gettext("Please answer this step first."))
            return redirect(step_url(missing))
        return no_store(super().get(request, *args, **kwargs))

    def post(self, request, *args, **kwargs):
        self.setup_step()
        return no_store(super().post(request, *args, **kwargs))

    def get_form(self, form_class=None):
        data = self.get_form_kwargs()
        if self.dimension is None:
            return ProfileForm(instance=self.draft, **{k: v for k, v in data.items() if k != "instance"})
        return DimensionForm(
            dimension=self.dimension,
            initial=DimensionForm.initial_from(self.dimension, self.draft.answers),
            **{k: v for k, v in data.items() if k not in ("initial", "instance")},
        )

    @property
    def going_back(self) -> bool:
        return self.request.POST.get("go") == "back"

    @property
    def is_last(self) -> bool:
        return self.number == len(self.dimensions)

    def form_valid(self, form):
        try:
            self.save(form, complete=True)
            if self.going_back:
                return redirect(step_url(max(self.number - 1, 0)))
            if not self.is_last:
                return redirect(step_url(self.number + 1))
            finished = services.finish(self.draft, self.dimensions)
        except services.AlreadyFinished:
            return self.finished_redirect()
        except services.Incomplete as missing:
            messages.error(self.request, gettext("Some steps are not answered yet. Please answer this one."))
            return redirect(step_url(missing.step))
        self.request.session.pop(SESSION_KEY, None)
        self.request.session[RESULT_SESSION_KEY] = self.token
        return redirect(finished.result_url(self.token))

    def form_invalid(self, form):
        if self.going_back and not form.caught_in_honeypot:
            try:
                self.save(form, complete=False)
            except services.AlreadyFinished:
                return self.finished_redirect()
            return redirect(step_url(max(self.number - 1, 0)))
        return super().form_invalid(form)

    def save(self, form, *, complete: bool):
        if self.dimension is None:
            values = form.cleaned_data if complete else {}
            if complete:
                self.draft = services.save_profile(self.draft, values, current_language())
            return
        self.draft = services.save_answers(
            self.draft, self.number, form.answers(), current_language(), complete=complete
        )

    def get_context_data(self, **kwargs):
        steps = [gettext("About you")] + [d.short_name for d in self.dimensions]
        return super().get_context_data(
            number=self.number + 1,
            total=len(steps),
            steps=steps,
            dimension=self.dimension,
            is_last=self.is_last,
            previous_url=step_url(self.number - 1) if self.number else None,
            resume_url=self.request.build_absolute_uri(self.draft.result_url(self.token)),
            **kwargs,
        )


class ResultMixin:
    """Finds the response of the token in the URL; 404 for an unknown or tampered token."""

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        # The profile's sector and the previous result are shown with it: one query for all three.
        self.response = Response.objects.select_related("sector", "previous").by_token(self.token)
        if self.response is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("token", self.token)
        return super().get_context_data(**kwargs)


class ResultView(ResultMixin, TemplateView):
    """``checkup/result.html``: a finished result (scores, chart, plan), or, for an unfinished
    check-up, the way back into it (its token bound to this session again)."""

    template_name = "checkup/result.html"

    def get(self, request, *args, **kwargs):
        if not self.response.is_finished:
            request.session[SESSION_KEY] = self.token
            dimensions = list(Dimension.objects.for_checkup(self.response.questionnaire_id))
            missing = services.missing_step(self.response, dimensions)
            messages.info(
                request, gettext("Welcome back: your answers are saved. Carry on where you left off.")
            )
            return redirect(step_url(missing if missing is not None else len(dimensions)))
        return no_store(super().get(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        result = services.build_result(self.response)
        return super().get_context_data(
            result=result,
            scores=result.scores,
            chart=radar(result.scores.dimensions),
            result_url=self.request.build_absolute_uri(self.request.path),
            retake_form=PublicForm(),
            draft_days=settings.CHECKUP_DRAFT_DAYS,
            result_days=settings.CHECKUP_RESULT_DAYS,
            **kwargs,
        )


class RetakeView(ResultMixin, RateLimitedFormMixin, FormView):
    """POST: a new check-up that will be compared with this result (the profile is kept)."""

    form_class = PublicForm
    template_name = "checkup/retake.html"
    rate_limit_group = "checkup-start"

    def get(self, request, *args, **kwargs):
        return redirect("checkup:result-detail", token=self.token)

    def form_valid(self, form):
        if not self.response.is_finished:
            return redirect("checkup:result-detail", token=self.token)
        questionnaire = Questionnaire.objects.current() or self.response.questionnaire
        _response, token = Response.start(questionnaire, current_language(), previous=self.response)
        self.request.session[SESSION_KEY] = token
        messages.info(
            self.request, gettext("Your profile is filled in from last time: check it and carry on.")
        )
        return redirect(step_url(services.PROFILE_STEP))

    def render_to_response(self, context, **response_kwargs):
        return no_store(super().render_to_response(context, **response_kwargs))


class DeleteView(ResultMixin, RateLimitedFormMixin, FormView):
    """``checkup/delete.html``: asks, then deletes the result (or draft) for good."""

    form_class = PublicForm
    template_name = "checkup/delete.html"
    rate_limit_group = "checkup-delete"

    def form_valid(self, form):
        self.response.delete()
        for key in (SESSION_KEY, RESULT_SESSION_KEY):
            if self.request.session.get(key) == self.token:
                del self.request.session[key]
        messages.success(self.request, gettext("Your check-up result was deleted."))
        return redirect("checkup:start")

    def render_to_response(self, context, **response_kwargs):
        return no_store(super().render_to_response(context, **response_kwargs))


class EmailView(ResultMixin, RateLimitedFormMixin, FormView):
    """``checkup/email.html``: sends the result's link to an address, with consent; keeps no address."""

    form_class = EmailForm
    template_name = "checkup/email.html"
    rate_limit_group = "checkup-email"
    rate_limit_rate = "5/10m"

    def dispatch(self, request, *args, **kwargs):
        self.response = Response.objects.by_token(kwargs["token"])
        if self.response is not None and not self.response.is_finished:
            return redirect("checkup:result-detail", token=kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        link = self.request.build_absolute_uri(self.response.result_url(self.token))
        context = {"link": link, "SITE_NAME": settings.SITE_NAME, "days": settings.CHECKUP_RESULT_DAYS}
        send_mail(
            subject=gettext("Your digital check-up result"),
            message=render_to_string("checkup/email.txt", context),
            from_email=None,
            recipient_list=[form.cleaned_data["email"]],
        )
        messages.success(self.request, gettext("We sent the link. The address was not kept."))
        return HttpResponseRedirect(self.response.result_url(self.token))

    def render_to_response(self, context, **response_kwargs):
        return no_store(super().render_to_response(context, **response_kwargs))
