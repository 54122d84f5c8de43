// The crew view (#/me): what a cast or crew member sees after signing in, in their language.
// One card per booking: answer the call (confirm, or say why not), the next calls from the
// published call sheets (date, call time, place, scenes), check in on the day with the set code,
// and each request with what became of it. Then their pay. Everything is read from this device
// and read again whenever replication changes something, so it works with no signal on set.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { callConfirmation, checkIn, loadCrewView } from "../crew.js";
import { clockOf } from "../call_sheets.js";
import { loadRefusals, refusalText, refusalsPending, translator } from "../i18n.js";
import { requestState } from "../intents.js";
import { moneyText } from "../money.js";
import { lagosToday } from "../projects.js";
import { LANGUAGES, adoptProfileLanguage, chooseLanguage } from "../settings.js";
import { useLanguage } from "./language.js";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes is read once
const CALLS_SHOWN = 3; // per booking: the days after these are on the call sheets to come
const NOT_YET_PAID_IN = ["awaiting_payment", "checkout_ready"];

function weekday(t, isoDate) {
  const days = [t("Sunday"), t("Monday"), t("Tuesday"), t("Wednesday"), t("Thursday"), t("Friday"), t("Saturday")];
  return days[new Date(`${isoDate}T12:00:00Z`).getUTCDay()];
}

function dayText(t, isoDate, today) {
  if (isoDate === today) {
    return t("Today, {date}", { date: isoDate });
  }
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10);
  if (isoDate === tomorrow) {
    return t("Tomorrow, {date}", { date: isoDate });
  }
  return t("{weekday} {date}", { weekday: weekday(t, isoDate), date: isoDate });
}

function answerText(t, status) {
  if (status === "confirmed") {
    return t("You confirmed this booking.");
  }
  if (status === "declined") {
    return t("You said you cannot make it.");
  }
  return t("Not answered yet: confirm your call or say you cannot make it.");
}

function requestWhat(t, doc) {
  if (doc.type === "check_in") {
    return t("Check in with code {code}", { code: doc.set_code });
  }
  return doc.answer === "yes" ? t("Confirm my call") : t("I cannot make it: {reason}", { reason: doc.reason || "" });
}

function RequestState({ t, language, doc, status }) {
  const { state, reason } = requestState(doc, new Set(status.unsentIds), status.denied);
  const said = state === "rejected" ? (doc.outcome ? refusalText(doc.outcome, language) : reason) : "";
  const text = {
    unsent: t("Waiting to go up"),
    waiting: t("Sent, waiting for NollyCrew"),
    accepted: t("Accepted"),
    rejected: t("Refused: {reason}", { reason: said }),
  }[state];
  return html`<li class=${`request ${state}`} data-request-id=${doc._id} data-state=${state}>
    <span class="what">${requestWhat(t, doc)} <span class="hint">(${clockOf(doc.created_at)})</span></span>
    <span class="state">${text}</span></li>`;
}

function CheckInForm({ t, call, onCheckIn }) {
  const [code, setCode] = useState("");
  const field = `set-code-${call.bookingId}-${call.date}`;
  if (call.checkedInAt) {
    return html`<p class="checked-in">${t("Checked in at {time}", { time: clockOf(call.checkedInAt) })}</p>`;
  }
  if (!call.confirmed) {
    return html`<p class="hint">${t("Confirm your call first, then check in here on the day.")}</p>`;
  }
  const send = (event) => {
    event.preventDefault();
    onCheckIn(call.bookingId, code).then(() => setCode(""));
  };
  return html`
    <form class="check-in" onSubmit=${send}>
      <label for=${field}>${t("Set code")}</label>
      <input id=${field} inputmode="numeric" autocomplete="off" required value=${code}
        onInput=${(event) => setCode(event.target.value)} />
      <p class="hint">${t("The AD shows the code on set.")}</p>
      <button type="submit">${t("Check in")}</button>
    </form>`;
}

function Call({ t, call, today, onCheckIn }) {
  return html`
    <li class=${`crew-call${call.today ? " today" : ""}`} data-date=${call.date}>
      <h4>${dayText(t, call.date, today)}</h4>
      <p class="call-time"><strong>${t("Call time {time}", { time: call.call })}</strong>
        ${call.dayNumber ? html` · ${t("day {number} of {total}", { number: call.dayNumber, total: call.daysTotal })}` : ""}</p>
      ${call.pickup && html`<p>${t("Pickup {time} at {place}", { time: call.pickup.time, place: call.pickup.place })}</p>`}
      ${call.places.map((place) => html`<p class="place">
        ${t("Where: {place}, {address}", { place: place.name, address: place.address })}
        ${place.mapLink && html` <a href=${place.mapLink} target="_blank" rel="noopener">${t("Map")}</a>`}</p>`)}
      <p class="scenes">${t("Scenes: {scenes}", { scenes: call.scenes.join(", ") })}</p>
      ${call.today && html`<${CheckInForm} t=${t} call=${call} onCheckIn=${onCheckIn} />`}
    </li>`;
}

function BookingCard({ t, language, personId, booking, calls, requests, status, today, write }) {
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const answer = (confirmed) => write(callConfirmation(personId, booking.booking_id, confirmed, reason)).then(() => {
    setDeclining(false);
    setReason("");
  });
  const shown = calls.slice(0, CALLS_SHOWN);
  // An answer still on its way: a second tap would only send the same again.
  const answering = requests.some((doc) => doc.type === "call_confirmation" && !doc.outcome && !status.denied[doc._id]);
  const field = `decline-${booking.booking_id}`;
  return html`
    <li class="card crew-booking" data-booking-id=${booking.booking_id} data-status=${booking.status}>
      <h3>${t("{role} on {project}", { role: booking.role, project: booking.project_title })}</h3>
      <p>${t("Booked from {start} to {end}", { start: booking.start_date, end: booking.end_date })}</p>
      <p class="answer">${answerText(t, booking.status)}</p>
      ${!answering && html`<div class="actions">
        ${booking.status !== "confirmed" && html`<button type="button" onClick=${() => answer(true)}>${t("Confirm")}</button>`}
        ${booking.status !== "declined" && !declining
          && html`<button type="button" class="secondary" onClick=${() => setDeclining(true)}>${t("I cannot make it")}</button>`}
      </div>`}
      ${declining && !answering && html`
        <form class="decline" onSubmit=${(event) => { event.preventDefault(); answer(false); }}>
          <label for=${field}>${t("Why can you not make it?")}</label>
          <input id=${field} required maxlength="500" value=${reason} onInput=${(event) => setReason(event.target.value)} />
          <button type="submit">${t("Send")}</button>
          <button type="button" class="link" onClick=${() => setDeclining(false)}>${t("Cancel")}</button>
        </form>`}
      ${shown.length === 0
        ? html`<p class="hint">${t("No call sheet yet. Your call time is {time}.", { time: booking.call_time || "" })}</p>`
        : html`<ul class="crew-calls" aria-label=${t("Next calls")}>
            ${shown.map((call) => html`<${Call} key=${call.date} t=${t} call=${call} today=${today}
              onCheckIn=${(bookingId, code) => write(checkIn(personId, bookingId, code))} />`)}
          </ul>`}
      ${calls.length > shown.length
        && html`<p class="hint">${t("And {count} more shoot days after these.", { count: calls.length - shown.length })}</p>`}
      ${requests.length > 0 && html`
        <ul class="requests" aria-label=${t("My requests")} aria-live="polite">
          ${requests.map((doc) => html`<${RequestState} key=${doc._id} t=${t} language=${language} doc=${doc} status=${status} />`)}
        </ul>`}
    </li>`;
}

function payLine(t, escrow) {
  const fields = {
    amount: moneyText(escrow.amount.amount_minor, escrow.amount.currency),
    role: escrow.milestone ? `${escrow.role} (${escrow.milestone})` : escrow.role,
    project: escrow.project_title,
    released: moneyText(escrow.released_minor || 0, escrow.amount.currency),
  };
  if (NOT_YET_PAID_IN.includes(escrow.status)) {
    return t("{amount} for {role}, {project}: not yet paid into escrow", fields);
  }
  if (escrow.status === "held") {
    return t("{amount} for {role}, {project}: held for you in escrow, {released} released", fields);
  }
  if (escrow.status === "disputed") {
    return t("{amount} for {role}, {project}: frozen by a dispute until an admin decides", fields);
  }
  return t("{amount} for {role}, {project}: settled, {released} to you", fields);
}

function payoutLine(t, payout) {
  const fields = { amount: moneyText(payout.amount.amount_minor, payout.amount.currency), reason: payout.reason || "" };
  if (payout.status === "paid") {
    return t("Payout of {amount} to your bank: paid", fields);
  }
  if (payout.status === "failed" || payout.status === "reversed") {
    return t("Payout of {amount} did not reach your bank: {reason}", fields);
  }
  return t("Payout of {amount} to your bank: on its way", fields);
}

function Pay({ t, escrows, payouts }) {
  return html`
    <section class="crew-pay" aria-labelledby="pay-heading">
      <h2 id="pay-heading">${t("My pay")}</h2>
      ${escrows.length === 0 && payouts.length === 0
        ? html`<p class="empty">${t("No pay yet. It shows here once the producer puts your pay in escrow.")}</p>`
        : html`<ul class="pay-lines">
            ${escrows.map((escrow) => html`<li key=${escrow._id} data-status=${escrow.status}>${payLine(t, escrow)}</li>`)}
            ${payouts.map((payout) => html`<li key=${payout._id} data-status=${payout.status}>${payoutLine(t, payout)}</li>`)}
          </ul>`}
    </section>`;
}

function LanguagePicker({ t, language, onChoose }) {
  return html`
    <div class="language-picker">
      <label for="crew-language">${t("Language")}</label>
      <select id="crew-language" value=${language} onChange=${(event) => onChoose(event.target.value)}>
        ${LANGUAGES.map((choice) => html`<option key=${choice.code} value=${choice.code} lang=${choice.code}>${choice.name}</option>`)}
      </select>
    </div>`;
}

/** The person's language: chosen here or in settings, else their profile's (the bots' one). */
function useCrewLanguage(sync, data) {
  const [language] = useLanguage();
  useEffect(() => {
    // Adopting the profile's language announces it (LANGUAGE_CHANGED), which redraws this screen.
    adoptProfileLanguage(sync).catch((error) => console.warn("nollycrew: profile language unread", error));
  }, [data]); // the profile may come down after the first read
  return language;
}

export function CrewView({ sync, personId, status }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState("");
  const [, setRefusalsIn] = useState(null); // the language whose refusals came: drawn again then
  const language = useCrewLanguage(sync, data);
  const t = translator(language);
  const today = lagosToday();

  useEffect(() => {
    let stopped = false;
    const timer = setTimeout(() => loadCrewView(sync, personId, today).then(
      (next) => !stopped && setData(next), (failure) => setError(failure.message)), RELOAD_DELAY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [status, personId]); // status is new on every change replication or this device makes

  const refused = data?.bookings.some((booking) => booking.requests.some((doc) => doc.outcome?.status === "rejected"));
  useEffect(() => {
    if (refused && refusalsPending(language)) {
      loadRefusals(language).then((here) => here && setRefusalsIn(language));
    }
  }, [refused, language]);

  const write = async (doc) => {
    setError("");
    try {
      await sync.write(sync.userDb, doc);
    } catch (failure) {
      setError(t("This phone could not save your request: {problem}", { problem: failure.message }));
    }
  };
  const choose = (code) => chooseLanguage(sync, personId, code).catch((failure) => setError(failure.message));

  return html`
    <main id="main" class="crew-view" lang=${language}>
      <div class="heading-row">
        <h2>${t("My calls")}</h2>
        <${LanguagePicker} t=${t} language=${language} onChoose=${choose} />
      </div>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      ${!data ? html`<p class="loading">${t("Reading your calls on this phone…")}</p>` : html`
        ${data.syncing.length > 0 && html`<p class="hint">${t("Your call sheets are still coming down to this phone…")}</p>`}
        ${data.bookings.length === 0
          ? html`<p class="empty">${t("No bookings yet. When a producer books you, your calls show here.")}</p>`
          : html`<ul class="cards crew-bookings" aria-label=${t("My bookings")}>
              ${data.bookings.map((booking) => html`<${BookingCard} key=${booking.booking_id} t=${t} language=${language}
                personId=${personId}
                booking=${booking} calls=${data.calls.filter((call) => call.bookingId === booking.booking_id)}
                requests=${booking.requests} status=${status} today=${today} write=${write} />`)}
            </ul>`}
        <${Pay} t=${t} escrows=${data.escrows} payouts=${data.payouts} />`}
    </main>`;
}
