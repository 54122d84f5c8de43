// Settings: the language NollyCrew speaks (here and in the chats), the currency amounts are
// shown in, and this device: sign out, or clear what it keeps and sync it afresh.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { requestState } from "../intents.js";
import { docsWithPrefix } from "../localDocs.js";
import { exactMoneyText, moneyText } from "../money.js";
import {
  CURRENCIES, LANGUAGES, PROFILE_UPDATE, adoptProfileLanguage, chooseCurrency, chooseLanguage, currentLanguage,
  displayCurrency, hasRate, knownRates, refreshRates,
} from "../settings.js";

const EXAMPLE_AMOUNT_MINOR = 4_500_000; // ₦45,000: a gaffer's day rate, to show the format
const STATE_TEXT = {
  unsent: "Waiting to go up",
  waiting: "Sent: waiting for NollyCrew",
  accepted: "Saved on your profile",
  rejected: "Refused",
};
const KEPT_KEYS = ["nollycrew.person"]; // what "clear" keeps: the person stays signed in

/** The profile updates of the chat language this device sent, newest first; and the language in
 *  use, taken up from the profile (as the bots set it) when none was chosen on this device. Both
 *  are read again whenever the person's database changes: after "clear", it comes down afresh. */
function useLanguage(sync) {
  const [requests, setRequests] = useState([]);
  const [language, setLanguage] = useState(currentLanguage());
  const [error, setError] = useState("");
  useEffect(() => {
    const user = sync.local(sync.userDb);
    const read = () => Promise.all([docsWithPrefix(user, `${PROFILE_UPDATE}:`), adoptProfileLanguage(sync)]).then(([docs, code]) => {
      setRequests(docs.filter((doc) => doc.fields?.chat_language).sort((a, b) => (a.created_at < b.created_at ? 1 : -1)));
      setLanguage(code);
    }, (failure) => setError(failure.message));
    read();
    const feed = user.changes({ live: true, since: "now" }).on("change", read);
    return () => feed.cancel();
  }, [sync]);
  return { requests, language, setLanguage, error };
}

function LanguageRequest({ request, status }) {
  const { state, reason } = requestState(request, new Set(status.unsentIds), status.denied);
  const name = LANGUAGES.find((entry) => entry.code === request.fields.chat_language)?.name;
  return html`<p class=${`request ${state}`} data-request-id=${request._id} data-state=${state} role="status">
    <span class="what">${name}: </span><span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span></p>`;
}

async function clearDevice(sync) {
  sync.stop();
  await Promise.all([...sync.databases.values()].map((db) => db.local.destroy()));
  Object.keys(localStorage).filter((key) => key.startsWith("nollycrew.") && !KEPT_KEYS.includes(key))
    .forEach((key) => localStorage.removeItem(key));
  location.hash = "#/";
  location.reload();
}

/** ": $1 = ₦1,530.25 on 28 Nov (CBN window)" for the rate in use, or nothing for naira. */
function rateLine(currency) {
  const rate = knownRates()[currency];
  if (currency === "NGN" || !rate) {
    return "";
  }
  const naira = exactMoneyText(Math.round(Number.parseFloat(rate.naira_per_unit) * 100));
  const day = new Date(rate.at).toLocaleDateString("en-GB", { timeZone: "Africa/Lagos", day: "numeric", month: "short" });
  return `: 1 ${currency} = ${naira} on ${day}${rate.source ? ` (${rate.source})` : ""}`;
}

export function Settings({ sync, personId, status, onSignOut }) {
  const { requests, language, setLanguage, error: readError } = useLanguage(sync);
  const [currency, setCurrency] = useState(displayCurrency());
  const [, setRatesSeen] = useState(0);
  useEffect(() => {
    if (status.online) {
      // Redraw once the rates are here: the currencies they make available light up.
      refreshRates().then((known) => setRatesSeen(Object.keys(known).length + 1),
        (failure) => console.warn("nollycrew: no exchange rates now", failure));
    }
  }, [status.online]);
  const [error, setError] = useState("");
  const latest = requests[0];

  const pickLanguage = async (event) => {
    const code = event.target.value;
    setError("");
    setLanguage(code);
    try {
      await chooseLanguage(sync, personId, code);
    } catch (failure) {
      setError(`This device could not save your language: ${failure.message}`);
    }
  };
  const pickCurrency = (event) => {
    try {
      chooseCurrency(event.target.value);
      setCurrency(event.target.value);
    } catch (failure) {
      setError(failure.message);
    }
  };
  const clear = async () => {
    if (!status.online) {
      setError("Clearing needs the network: this device would be left with nothing until it is back.");
      return;
    }
    const waiting = status.unsent > 0 ? ` ${status.unsent} change(s) have not gone up yet and will be lost.` : "";
    if (!confirm(`Delete everything NollyCrew keeps on this device and download it again?${waiting}`)) {
      return;
    }
    await clearDevice(sync);
  };

  return html`
    <main id="main" class="settings">
      <h2>Settings</h2>
      ${(error || readError) && html`<p class="note error" role="alert">${error || readError}</p>`}
      <section aria-labelledby="language-heading" class="form">
        <h3 id="language-heading">Language</h3>
        <fieldset class="choices" data-language=${language}>
          <legend>NollyCrew speaks to you in</legend>
          ${LANGUAGES.map((entry) => html`
            <label class="choice" key=${entry.code} lang=${entry.code}>
              <input type="radio" name="language" value=${entry.code} checked=${language === entry.code}
                onChange=${pickLanguage} />
              ${entry.name}
            </label>`)}
        </fieldset>
        <p class="hint">Here and in your chats with NollyCrew on WhatsApp, SMS and Telegram.</p>
        ${latest && html`<${LanguageRequest} request=${latest} status=${status} />`}
      </section>
      <section aria-labelledby="currency-heading" class="form">
        <h3 id="currency-heading">Currency</h3>
        <div class="field">
          <label for="display-currency">Show amounts in</label>
          <select id="display-currency" value=${currency} onChange=${pickCurrency} aria-describedby="currency-hint">
            ${CURRENCIES.map((entry) => html`<option key=${entry.code} value=${entry.code} disabled=${!hasRate(entry.code)}>
              ${entry.name}${hasRate(entry.code) ? "" : " (no exchange rate on this device yet)"}</option>`)}
          </select>
          <p class="hint" id="currency-hint">A day rate of ${exactMoneyText(EXAMPLE_AMOUNT_MINOR)} shows as
            ${moneyText(EXAMPLE_AMOUNT_MINOR)}. Money is always counted and paid in naira; another currency
            is shown beside it at NollyCrew's latest rate${rateLine(currency)}.</p>
        </div>
      </section>
      <section aria-labelledby="device-heading" class="form">
        <h3 id="device-heading">This device</h3>
        <p class="hint">Signing out ends this device's session and deletes its copy of your projects.
          Clearing keeps you signed in and downloads everything again.</p>
        <div class="actions">
          <button type="button" onClick=${onSignOut}>Sign out</button>
          <button type="button" class="button secondary" onClick=${clear}>Clear data on this device</button>
        </div>
      </section>
      <a class="button secondary" href="#/">Back to projects</a>
    </main>`;
}
