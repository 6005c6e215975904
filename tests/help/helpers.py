import re

FORM_KEY = re.compile(r'name="form_key" value="([\w-]+)"')


def form_key(response) -> str:
    """The one-time key a public form page carries."""
    match = FORM_KEY.search(response.content.decode())
    assert match, "the form carries its key"
    return match.group(1)


def request_data(**overrides) -> dict:
    data = {
        "need": "accounting-invoicing",
        "sector": "farming",
        "tool": "",
        "provider": "",
        "country": "SI",
        "language": "sl",
        "budget_band": "small",
        "brief": "Radi bi izdajali račune z računalnikom.",
        "tried": "",
        "contact_name": "Zadruga Test",
        "email": "zadruga@wises.example.org",
        "consent": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def change_form_data(response, **fields) -> dict:
    """What the admin change form would post: its inlines' management forms, plus ``fields``."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
    data.update(fields)
    return data
