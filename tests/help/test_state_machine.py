"""new → forwarded → in progress → done / closed: steps as model methods, each one kept."""

import pytest

from help.models import InvalidTransition, RequestEvent, State
from tests.help.factories import HelpRequestFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_request(partners):
    return HelpRequestFactory(country="SI")


def history(help_request):
    return list(RequestEvent.objects.filter(help_request=help_request).values_list("from_state", "to_state"))


def test_the_whole_way_is_kept_in_the_history(help_request, editors):
    provider = ProviderFactory(countries=["SI"])
    editor = editors["SI"]
    help_request.forward([provider], by=editor, message="Sent to a firm in Maribor.")
    help_request.move_to(State.IN_PROGRESS, by=editor)
    help_request.move_to(State.DONE, by=editor, message="Installed.")
    help_request.refresh_from_db()
    assert help_request.state == State.DONE
    assert help_request.finished_at is not None
    assert history(help_request) == [
        ("", State.NEW),
        (State.NEW, State.FORWARDED),
        (State.FORWARDED, State.IN_PROGRESS),
        (State.IN_PROGRESS, State.DONE),
    ]
    events = list(help_request.events.all())
    assert [event.by for event in events[1:]] == [editor, editor, editor]
    assert events[1].message == "Sent to a firm in Maribor."
    assert list(help_request.providers.all()) == [provider]
    assert events[1].forwardings.get().provider == provider


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], State.DONE),  # new cannot be done without anyone working on it
        ([State.IN_PROGRESS, State.DONE], State.IN_PROGRESS),  # done is final
        ([State.CLOSED], State.IN_PROGRESS),  # closed is final
        ([State.IN_PROGRESS], State.NEW),  # nothing goes back to new
        ([], "sideways"),  # not a state at all
    ],
)
def test_steps_the_machine_does_not_allow_are_refused_and_leave_no_trace(help_request, path, refused):
    for state in path:
        help_request.move_to(state)
    before = history(help_request)
    with pytest.raises(InvalidTransition):
        help_request.move_to(refused)
    help_request.refresh_from_db()
    assert history(help_request) == before
    assert help_request.state == (path[-1] if path else State.NEW)


def test_forwarded_needs_providers(help_request):
    with pytest.raises(InvalidTransition):
        help_request.move_to(State.FORWARDED)
    with pytest.raises(InvalidTransition):
        help_request.forward([])
    help_request.refresh_from_db()
    assert help_request.state == State.NEW


def test_forwarding_again_adds_providers_and_keeps_the_state(help_request):
    first, second = ProviderFactory(), ProviderFactory()
    help_request.forward([first])
    help_request.move_to(State.IN_PROGRESS)
    help_request.forward([second, first])
    help_request.refresh_from_db()
    assert help_request.state == State.IN_PROGRESS
    assert set(help_request.providers.all()) == {first, second}
    assert history(help_request)[-1] == (State.IN_PROGRESS, State.IN_PROGRESS)
    with pytest.raises(InvalidTransition):
        help_request.forward([first])  # nobody new


def test_a_finished_request_cannot_be_forwarded(help_request):
    help_request.move_to(State.CLOSED)
    with pytest.raises(InvalidTransition):
        help_request.forward([ProviderFactory()])
    assert not help_request.forwardings.exists()


def test_the_state_is_checked_against_the_database_not_a_stale_copy(help_request):
    stale_copy = type(help_request).objects.get(pk=help_request.pk)
    help_request.move_to(State.CLOSED)
    with pytest.raises(InvalidTransition):
        stale_copy.move_to(State.IN_PROGRESS)
    help_request.refresh_from_db()
    assert help_request.state == State.CLOSED


def test_allowed_transitions(help_request):
    assert help_request.allowed_transitions() == (State.FORWARDED, State.IN_PROGRESS, State.CLOSED)
    help_request.move_to(State.CLOSED)
    assert help_request.allowed_transitions() == ()
    assert help_request.is_finished
