"""The settings' choices (web/app/src/settings.js), run in node: the languages are the bots' own,
named as the bots name them; choosing one asks the core for the profile field the bots read; the
currency shown by default is naira, formatted from integer kobo; another currency is offered once
the device has its rate, and amounts are shown in it approximately."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bots.flows.words import LANGUAGE_NAMES
from bots.i18n import LANGUAGES
from core.intents import to_command
from core.profile_commands import UpdateProfile

NODE = shutil.which("node")
MODULE = Path(__file__).resolve().parents[4] / "web" / "app" / "src" / "settings.js"
HARNESS = """
const kept = new Map();
globalThis.localStorage = {
  getItem: (key) => (kept.has(key) ? kept.get(key) : null), setItem: (key, value) => kept.set(key, String(value)),
};
const settings = await import(process.argv[1]);
const before = settings.CURRENCIES.map((entry) => settings.hasRate(entry.code));
localStorage.setItem("nollycrew.fx_rates", JSON.stringify({ rates: { GBP: { naira_per_unit: "1950.500000" } } }));
console.log(JSON.stringify({
  languages: settings.LANGUAGES, currencies: settings.CURRENCIES, before,
  after: settings.CURRENCIES.map((entry) => settings.hasRate(entry.code)),
  pounds: settings.approximateMinor(4500000, "GBP"), euros: settings.approximateMinor(4500000, "EUR"),
  update: settings.languageUpdate("abcdef123456", "yo"),
  money: [settings.formatMoney(4500000), settings.formatMoney(150, "USD")],
}));
"""


@pytest.fixture(scope="module")
def settings_js() -> dict:
    if NODE is None:
        pytest.skip("node is not installed: web/app/src/settings.js cannot be run here")
    done = subprocess.run([NODE, "--input-type=module", "-e", HARNESS, MODULE.as_uri()],
                          capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def test_the_languages_are_the_bots_named_as_the_bots_name_them(settings_js):
    assert [entry["code"] for entry in settings_js["languages"]] == list(LANGUAGES)
    assert {entry["code"]: entry["name"] for entry in settings_js["languages"]} == LANGUAGE_NAMES


def test_choosing_a_language_asks_for_the_profile_field_the_bots_read(settings_js):
    update = settings_js["update"]

    command = to_command("user", "abcdef123456", update)
    assert isinstance(command, UpdateProfile)
    assert (command.person_id, command.fields) == ("abcdef123456", {"chat_language": "yo"})
    assert update["author"] == "abcdef123456" and update["_id"].startswith("profile_update:")


def test_naira_is_shown_by_default_from_integer_kobo(settings_js):
    codes = [entry["code"] for entry in settings_js["currencies"]]
    assert [code for code, known in zip(codes, settings_js["before"]) if known] == ["NGN"]
    assert settings_js["money"][0].replace("\u00a0", " ") in ("₦45,000.00", "NGN 45,000.00")
    assert "1.50" in settings_js["money"][1]


def test_another_currency_is_offered_once_its_rate_is_on_the_device_and_shown_approximately(settings_js):
    codes = [entry["code"] for entry in settings_js["currencies"]]
    assert [code for code, known in zip(codes, settings_js["after"]) if known] == ["NGN", "GBP"]
    assert settings_js["pounds"] == round(4_500_000 / 1950.5)  # ₦45,000 is about £23.07
    assert settings_js["euros"] is None
