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
