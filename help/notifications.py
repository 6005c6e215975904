"""The help app's emails: written in the reader's language from templates (``help/email/``),
kept as ``SentEmail`` rows, and handed to Django's email framework only once the step they
tell about is saved (``transaction.on_commit``), so nobody is told of a change that was rolled
back. Locally the console backend prints them; in production SMTP sends them (EMAIL_*).

Who gets what, and only that: the WISE, at the address it gave for itself; the partner's
editors and the providers, at the addresses the site keeps for them; a peer, at the address
its partner recorded with its consent; the asker of a question, the peer's answer. Nobody's
address is ever put in another person's email.
"""

from __future__ import annotations

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from help.countries import COUNTRY_LANGUAGE
from help.models import EmailKind, HelpRequest, PeerQuestion, RequestEvent, SentEmail
from organisations.roles import SITE_MANAGER

logger = logging.getLogger(__name__)


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _deliver(email_id: int) -> None:
    email = SentEmail.objects.get(pk=email_id)
    try:
        EmailMessage(email.subject, email.body, to=[email.to]).send()
    except (smtplib.SMTPException, OSError, ValueError) as error:
        logger.warning("Help email %s to be sent again: %s", email_id, error)
        SentEmail.objects.filter(pk=email_id).update(status=SentEmail.Status.FAILED, error=str(error)[:300])
    else:
        SentEmail.objects.filter(pk=email_id).update(status=SentEmail.Status.SENT, sent_at=timezone.now())


def compose(
    kind: str,
    to: str,
    template: str,
    context: dict,
    *,
    language: str,
    organisation=None,
    help_request: HelpRequest | None = None,
    peer_question: PeerQuestion | None = None,
) -> SentEmail | None:
    """Write one email (kept as a SentEmail) and send it once the transaction commits."""
    if not to:
        return None
    language = language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE
    with translation.override(language):
        subject = render_to_string(f"help/email/{template}_subject.txt", context)
        body = render_to_string(f"help/email/{template}.txt", context)
    email = SentEmail.objects.create(
        kind=kind,
        to=to,
        # One line: a header never carries a line break.
        subject=" ".join(subject.split())[:200],
        body=body.strip() + "\n",
        organisation=organisation,
        help_request=help_request,
        peer_question=peer_question,
    )
    transaction.on_commit(lambda: _deliver(email.pk))
    return email


def _in(language: str, path_name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(path_name, kwargs=kwargs)


def partner_language(organisation) -> str:
    return COUNTRY_LANGUAGE.get((getattr(organisation, "country", "") or "").upper(), DEFAULT_LANGUAGE)


def _partner_recipients(organisation) -> list[str]:
    """The active editors of the partner (or the site managers, for a request nobody covers)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if organisation is not None:
        users = users.filter(membership__organisation=organisation)
    else:
        users = users.filter(groups__name=SITE_MANAGER)
    return sorted(set(users.values_list("email", flat=True)))


def request_received(help_request: HelpRequest, base_url: str) -> None:
    """To the WISE (if it gave an address), and to the partner who will handle the request."""
    status_url = _absolute(
        base_url, _in(help_request.language, "help:request-status", token=help_request.token)
    )
    compose(
        EmailKind.RECEIVED,
        help_request.email,
        "request_received",
        {"help_request": help_request, "status_url": status_url},
        language=help_request.language,
        organisation=help_request.organisation,
        help_request=help_request,
    )
    organisation = help_request.organisation
    admin_url = _absolute(base_url, reverse("admin:help_helprequest_change", args=[help_request.pk]))
    for address in _partner_recipients(organisation):
        compose(
            EmailKind.ROUTED,
            address,
            "request_routed",
            {"help_request": help_request, "admin_url": admin_url, "organisation": organisation},
            language=partner_language(organisation),
            organisation=organisation,
            help_request=help_request,
        )


def request_updated(event: RequestEvent, base_url: str) -> None:
    """To the WISE: its request moved on (forwarded, taken on, done or closed)."""
    help_request = event.help_request
    if not help_request.email:
        return
    status_url = _absolute(
        base_url, _in(help_request.language, "help:request-status", token=help_request.token)
    )
    compose(
        EmailKind.UPDATE,
        help_request.email,
        "request_updated",
        {"help_request": help_request, "event": event, "status_url": status_url},
        language=help_request.language,
        organisation=help_request.organisation,
        help_request=help_request,
    )


def provider_language(provider, wanted: str) -> str:
    if wanted in provider.languages:
        return wanted
    return next((code for code in provider.languages if code in LANGUAGE_CODES), DEFAULT_LANGUAGE)


def request_forwarded(help_request: HelpRequest, providers, event: RequestEvent, base_url: str) -> None:
    """To each provider: the brief, and how to reach the WISE (which agreed to it).
    Never the check-up result: that stays with the partner."""
    for provider in providers:
        compose(
            EmailKind.FORWARDED,
            provider.contact_email,
            "request_forwarded",
            {
                "help_request": help_request,
                "provider": provider,
                "event": event,
                "organisation": help_request.organisation,
            },
            language=provider_language(provider, help_request.language),
            organisation=help_request.organisation,
            help_request=help_request,
        )


def peer_question_asked(question: PeerQuestion, base_url: str) -> None:
    """To the peer, at the address its partner recorded: the question and a private link to answer.
    The asker's address is not in it."""
    peer = question.peer_use
    language = COUNTRY_LANGUAGE.get(peer.country, question.language)
    answer_url = _absolute(base_url, _in(language, "help:peer-answer", token=question.token))
    compose(
        EmailKind.PEER_QUESTION,
        peer.contact_email,
        "peer_question",
        {"question": question, "peer": peer, "answer_url": answer_url},
        language=language,
        organisation=peer.organisation,
        peer_question=question,
    )


def peer_question_answered(question: PeerQuestion) -> None:
    """To the asker, and only to the asker: the peer's answer. The peer's address is not in it."""
    compose(
        EmailKind.PEER_ANSWER,
        question.asker_email,
        "peer_answer",
        {"question": question, "peer": question.peer_use},
        language=question.language,
        organisation=question.peer_use.organisation,
        peer_question=question,
    )
