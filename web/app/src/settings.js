// The person's settings on this device: the language NollyCrew speaks to them in, and the
// currency amounts are shown in.
//
// The language is the bots' too: choosing it writes a `profile_update` of `chat_language` (the
// field the WhatsApp, SMS and Telegram replies read) in the person's own database, and keeps the
// choice here so the app has it at once, offline and after a reload, before the core answers.
// The display currency is a setting of this device only: money is counted in naira everywhere,
// and another currency is shown beside it, approximately, at NollyCrew's latest exchange rate
// (GET /fx/rates, asked when online and kept on the device with its date).
import { signedInPerson } from "./device.js";
import { newIntent } from "./intents.js";
import { getOrNull } from "./localDocs.js";

export const PROFILE_UPDATE = "profile_update";
export const LANGUAGE_CHANGED = "nollycrew:language"; // a window event, for screens already drawn

/** The bots' five languages (bots/i18n.py LANGUAGES), each named in itself as the bots name it
 *  (bots/flows/words.py LANGUAGE_NAMES). */
export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "pcm", name: "Pidgin" },
  { code: "yo", name: "Yorùbá" },
  { code: "ig", name: "Igbo" },
  { code: "ha", name: "Hausa" },
];
const DEFAULT_LANGUAGE = "en";

/** The currencies amounts can be shown in; all but naira need a rate on this device. */
export const CURRENCIES = [
  { code: "NGN", name: "Naira (₦)" },
  { code: "USD", name: "US dollar ($)" },
  { code: "GBP", name: "Pound sterling (£)" },
  { code: "EUR", name: "Euro (€)" },
];
const RATES_KEY = "nollycrew.fx_rates"; // one for the device: rates are the same for everyone
const DEFAULT_CURRENCY = "NGN";

// One key per person: a phone shared by two people keeps each one's choice to themselves.
function settingsKey() {
  const person = signedInPerson();
  return person ? `nollycrew.settings.${person.person_id}` : null;
}

function saved() {
  const key = settingsKey();
  try {
    return (key && JSON.parse(localStorage.getItem(key) || "{}")) || {};
  } catch (error) {
    console.warn("nollycrew: unreadable saved settings, using the defaults", error);
    return {};
  }
}

function save(change) {
  const key = settingsKey();
  if (key) {
    localStorage.setItem(key, JSON.stringify({ ...saved(), ...change }));
  }
}

function known(list, code) {
  return list.some((entry) => entry.code === code);
}

/** The language the app speaks to the person signed in: "en", "pcm", "yo", "ig" or "ha". A
 *  choice made here counts at once; once the core has put it on the profile, the profile's
 *  language counts again, so a later change by WhatsApp (LANGUAGE) reaches this device too. */
export function currentLanguage() {
  const { language, profileLanguage: fromProfile } = saved();
  if (known(LANGUAGES, language)) {
    return language;
  }
  return known(LANGUAGES, fromProfile) ? fromProfile : DEFAULT_LANGUAGE;
}

/** Whether a choice made here is still on its way to the profile. */
export function languageChosenHere() {
  return known(LANGUAGES, saved().language);
}

/** The exchange rates this device last heard: {USD: {naira_per_unit, at, source}, ...}. */
export function knownRates() {
  try {
    return JSON.parse(localStorage.getItem(RATES_KEY) || "{}").rates || {};
  } catch (error) {
    console.warn("nollycrew: unreadable saved exchange rates", error);
    return {};
  }
}

/** Whether amounts can be shown in `code` on this device. */
export function hasRate(code) {
  return code === DEFAULT_CURRENCY || Boolean(knownRates()[code]);
}

/** Ask NollyCrew for its latest rates (online only) and keep them; the rates now known. */
export async function refreshRates() {
  const answer = await fetch("/fx/rates", { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!answer.ok) {
    throw new Error(`exchange rates: ${answer.status}`);
  }
  const body = await answer.json();
  localStorage.setItem(RATES_KEY, JSON.stringify({ rates: body.rates || {}, fetched_at: new Date().toISOString() }));
  return knownRates();
}

/** The currency amounts are shown in besides naira: "NGN" (naira only) unless the person chose
 *  one this device has a rate for. */
export function displayCurrency() {
  const code = saved().currency;
  return CURRENCIES.some((entry) => entry.code === code) && hasRate(code) ? code : DEFAULT_CURRENCY;
}

export function chooseCurrency(code) {
  if (!hasRate(code)) {
    throw new Error(`Amounts cannot be shown in ${code} yet: this device has no exchange rate for it.`);
  }
  save({ currency: code });
}

/** About how much `amountMinor` naira (kobo) is in `code` (cents), at this device's rate; null
 *  without one. Shown beside the naira, never used to pay. */
export function approximateMinor(amountMinor, code) {
  const rate = knownRates()[code];
  const nairaPerUnit = rate ? Number.parseFloat(rate.naira_per_unit) : 0;
  return nairaPerUnit > 0 ? Math.round(amountMinor / nairaPerUnit) : null;
}

/** `amountMinor` (kobo, cents) of `currency` as a person reads it: "₦45,000.00". */
export function formatMoney(amountMinor, currency = DEFAULT_CURRENCY) {
  return new Intl.NumberFormat("en-NG", { style: "currency", currency }).format(amountMinor / 100);
}

/** The profile's chat language as this device last synced it, or null. */
export async function profileLanguage(sync) {
  const profile = await getOrNull(sync.local(sync.userDb), "profile");
  return known(LANGUAGES, profile?.chat_language) ? profile.chat_language : null;
}

/** The profile's language (set here, or by the bots' LANGUAGE) becomes the app's, unless a
 *  choice made here has not reached the profile yet; returns the language now in use. */
export async function adoptProfileLanguage(sync) {
  const fromProfile = await profileLanguage(sync);
  if (!fromProfile) {
    return currentLanguage();
  }
  const before = currentLanguage();
  const pending = saved().language;
  // undefined drops the key: the choice made here has landed on the profile.
  save({ profileLanguage: fromProfile, language: pending === fromProfile ? undefined : pending });
  if (currentLanguage() !== before) {
    window.dispatchEvent(new CustomEvent(LANGUAGE_CHANGED, { detail: currentLanguage() }));
  }
  return currentLanguage();
}

/** The profile update that makes the bots answer in `code` too: written in user_<id>. */
export function languageUpdate(author, code) {
  return newIntent(PROFILE_UPDATE, author, { fields: { chat_language: code } });
}

/** Use `code` on this device at once, and ask the core to put it on the profile. */
export async function chooseLanguage(sync, personId, code) {
  if (!known(LANGUAGES, code)) {
    throw new Error(`${code} is not one of NollyCrew's languages.`);
  }
  save({ language: code });
  window.dispatchEvent(new CustomEvent(LANGUAGE_CHANGED, { detail: code }));
  return sync.write(sync.userDb, languageUpdate(personId, code));
}
