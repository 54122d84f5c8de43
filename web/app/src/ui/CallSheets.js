// Call sheets of a project (each shoot day with a published sheet), and one day: the sheet's
// rows, its PDF, "Send to the unit", and the live board. Everything is read from this device's
// databases and read again whenever replication changes them, so a crew member's WhatsApp YES
// shows here without a reload.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import {
  CALL_SHEET_ROUTE, CALL_SHEETS_ROUTE, callSheetSendRequest, clockOf, loadCallSheetDay, loadCallSheetDays, projectDbs,
} from "../call_sheets.js";
import { requestState } from "../intents.js";
import { lagosToday } from "../projects.js";
import { LiveBoard } from "./LiveBoard.js";
import { useLiveRead } from "./liveRead.js";


/** Loads with `load()`, then again on every change replication (or this device) makes to the
 *  project's or its office's database. */
function useLive(sync, projectId, load, key) {
  const { project, office } = projectDbs(sync, projectId);
  return useLiveRead([project, office], load, key);
}

export function isCallSheetRoute(route) {
  return CALL_SHEETS_ROUTE.test(route) || CALL_SHEET_ROUTE.test(route);
}

/** The screen for a call-sheet route (see isCallSheetRoute). */
export function CallSheetScreen({ route, sync, personId, status }) {
  const day = route.match(CALL_SHEET_ROUTE);
  if (day) {
    return html`<${CallSheetDay} key=${route} sync=${sync} personId=${personId} status=${status}
      projectId=${day[1]} day=${day[2]} />`;
  }
  return html`<${CallSheetList} key=${route} sync=${sync} projectId=${route.match(CALL_SHEETS_ROUTE)[1]} />`;
}

function CallSheetList({ sync, projectId }) {
  const { data, error } = useLive(sync, projectId, () => loadCallSheetDays(sync, projectId), projectId);
  const today = lagosToday();
  return html`
    <main id="main" class="call-sheets">
      <h2>Call sheets${data?.title ? ` · ${data.title}` : ""}</h2>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      ${!data ? html`<p class="loading">Reading the call sheets on this device…</p>`
        : !data.synced ? html`<p class="hint">This project is still coming down to this device…</p>`
        : data.days.length === 0 ? html`<p class="empty">No call sheets yet: publish a schedule and each shoot day gets one.</p>`
        : html`<ul class="cards sheet-days" aria-label="Shoot days">
            ${data.days.map((day) => html`
              <li class="card sheet-day" key=${day.date} data-date=${day.date}>
                <h3><a href=${`#/project/${projectId}/call-sheet/${day.date}`}>Day ${day.dayNumber} of ${day.daysTotal}: ${day.dateLabel}</a></h3>
                <p>Crew call ${day.crewCall} · wrap ${day.wrap}${day.date === today ? " · today" : ""}</p>
                <p class="hint">${day.scenes} scene${day.scenes === 1 ? "" : "s"} · ${day.people} called</p>
              </li>`)}
          </ul>`}
      <a class="button secondary" href="#/">Back to projects</a>
    </main>`;
}

const SEND_TEXT = {
  unsent: "Waiting to go up",
  waiting: "Sent: waiting for NollyCrew",
  accepted: "Sent to the unit",
  rejected: "Refused",
};

function SendState({ request, status }) {
  const { state, reason } = requestState(request, new Set(status.unsentIds), status.denied);
  return html`<p class=${`request send-state ${state}`} data-request-id=${request._id} data-state=${state} role="status">
    <span class="state">${SEND_TEXT[state]}${reason ? `: ${reason}` : ""}</span>
    <span class="hint"> (asked ${clockOf(request.created_at)})</span></p>`;
}

function SheetRows({ sheet }) {
  const people = [
    ...(sheet.cast || []).map((row) => ({ key: row.person_id, name: row.name, what: `${row.character} (cast)`, call: row.call,
      extra: row.pickup ? `pickup ${row.pickup.time} at ${row.pickup.place}` : `on set ${row.on_set}` })),
    ...(sheet.crew || []).flatMap((dept) => dept.people.map((row) => ({ key: row.person_id, name: row.name,
      what: `${row.role} (${dept.department})`, call: row.call, extra: "" }))),
  ];
  return html`
    <section aria-labelledby="sheet-heading" class="sheet-detail">
      <h3 id="sheet-heading">The sheet</h3>
      <p>Crew call <strong>${sheet.crew_call}</strong> · shooting call ${sheet.shooting_call} · wrap ${sheet.wrap}
        ${sheet.set_code && html` · set code <code>${sheet.set_code}</code>`}</p>
      <ul class="sheet-places">
        ${(sheet.locations || []).map((place) => html`<li key=${place.id}><strong>${place.name}</strong>, ${place.address}</li>`)}
      </ul>
      <table class="sheet-scenes">
        <caption>Scenes</caption>
        <thead><tr><th scope="col">Sc.</th><th scope="col">Set</th><th scope="col">Time</th></tr></thead>
        <tbody>${(sheet.scenes || []).map((row) => html`
          <tr key=${row.scene_id}><td>${row.number}</td><td>${row.int_ext} ${row.set} · ${row.day_night}</td>
            <td>${row.start}–${row.end}</td></tr>`)}</tbody>
      </table>
      <table class="sheet-people">
        <caption>Cast and crew</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Part or job</th><th scope="col">Call</th></tr></thead>
        <tbody>${people.map((row) => html`
          <tr key=${row.key}><td>${row.name}</td><td>${row.what}${row.extra && html`<br /><span class="hint">${row.extra}</span>`}</td>
            <td>${row.call}</td></tr>`)}</tbody>
      </table>
      ${sheet.notes && html`<p class="sheet-notes"><strong>Notes:</strong> ${sheet.notes}</p>`}
    </section>`;
}

function PdfPreview({ projectId, day }) {
  const url = `/projects/${projectId}/call-sheets/${day}.pdf`;
  // An image of the PDF's pages: phones and headless browsers often have no PDF viewer.
  const [shown, setShown] = useState(true);
  return html`
    <section class="pdf-preview" aria-labelledby="pdf-heading">
      <h3 id="pdf-heading">PDF</h3>
      <a class="button secondary" href=${url} target="_blank" rel="noopener">Open the call sheet PDF</a>
      <p class="hint">The PDF is made by NollyCrew: it needs the network.</p>
      ${navigator.onLine && shown && html`<img class="pdf-frame" src=${url.replace(/\.pdf$/, ".png")} loading="lazy"
        alt=${`Preview of the call sheet PDF for ${day}`} onError=${() => setShown(false)} />`}
    </section>`;
}

function CallSheetDay({ sync, personId, status, projectId, day }) {
  const { data, error } = useLive(sync, projectId, () => loadCallSheetDay(sync, projectId, day), `${projectId}/${day}`);
  const [sendError, setSendError] = useState("");
  const back = html`<a class="button secondary" href=${`#/project/${projectId}/call-sheets`}>All call sheets</a>`;
  if (!data) {
    return html`<main id="main"><p class="loading">Reading the call sheet on this device…</p></main>`;
  }
  if (!data.sheet) {
    return html`<main id="main"><h2>Call sheet ${day}</h2>
      <p class="empty">${data.withdrawn ? "This day is no longer in the published schedule."
        : data.synced ? "There is no published call sheet for this day." : "This project is still coming down to this device…"}</p>
      ${back}</main>`;
  }
  const sheet = data.sheet;
  const send = async () => {
    setSendError("");
    try {
      await sync.write(`office_${projectId}`, callSheetSendRequest(personId, day));
    } catch (failure) {
      setSendError(`This device could not save the request: ${failure.message}`);
    }
  };
  return html`
    <main id="main" class="call-sheet-day">
      <h2>Day ${sheet.day_number} of ${sheet.days_total}: ${sheet.date_label}</h2>
      <p class="hint">${data.title}</p>
      ${(error || sendError) && html`<p class="note error" role="alert">${error || sendError}</p>`}
      <div class="call-sheet-columns">
        <div>
          <${LiveBoard} rows=${data.rows} />
          <section class="send" aria-labelledby="send-heading">
            <h3 id="send-heading">Send to the unit</h3>
            <p class="hint">Everyone called gets their own call, place and PDF link by WhatsApp or SMS; a resend tells only what changed.</p>
            ${data.office
              ? html`<button type="button" onClick=${send}>Send to the unit</button>`
              : html`<p class="hint">Syncing the production office…</p>`}
            ${data.requests.map((request) => html`<${SendState} key=${request._id} request=${request} status=${status} />`)}
          </section>
          <${PdfPreview} projectId=${projectId} day=${day} />
        </div>
        <${SheetRows} sheet=${sheet} />
      </div>
      ${back}
    </main>`;
}
