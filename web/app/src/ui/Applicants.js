// The applicants of one job: who they are, their self-tapes with transcripts, where each stands,
// and the office's moves (shortlist, remove, decline, offer, compare), each written as a request
// whose outcome (waiting, accepted, refused with the core's reason) shows under the applicant.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import {
  APPLICATION_DECLINE, COMPARE_MAX, COMPARE_MIN, OFFER_REQUEST, SHORTLIST_DECISION, SHORTLIST_REMOVAL, SHORTLIST_REQUEST,
  applicationDecline, isOpen, loadApplicants, rateText, selfTapes, shortlistRemoval, shortlistRequests, shortlistReturn,
  statusText,
} from "../hiring.js";
import { useOfficeData } from "./Jobs.js";
import { SelfTape } from "./SelfTape.js";

const REQUEST_TEXT = {
  [SHORTLIST_REQUEST]: "Shortlist",
  [SHORTLIST_DECISION]: "Add to the job's shortlist",
  [SHORTLIST_REMOVAL]: "Remove from shortlist",
  [APPLICATION_DECLINE]: "Decline",
  [OFFER_REQUEST]: "Offer",
};
const STATE_TEXT = { unsent: "waiting to go up", waiting: "sent, waiting for NollyCrew", accepted: "accepted", rejected: "refused" };
const OFFERABLE = new Set(["shortlisted", "auditioning"]);
const COMPARABLE = new Set(["shortlisted", "auditioning", "offered", "hired"]);

function Requests({ entries }) {
  if (!entries?.length) {
    return null;
  }
  return html`
    <ul class="requests hiring-requests" aria-label="Requests about this applicant" aria-live="polite">
      ${entries.map(({ doc, state, reason }) => html`
        <li key=${doc._id} class=${`request ${state}`} data-request-id=${doc._id} data-type=${doc.type} data-state=${state}>
          <span class="what">${REQUEST_TEXT[doc.type] || doc.type}</span>
          <span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span>
        </li>`)}
    </ul>`;
}

function OfferLine({ offer }) {
  if (!offer) {
    return null;
  }
  return html`<p class="offer-line" data-offer-status=${offer.status}>
    Offer ${offer.status}: ${rateText(offer.rate, offer.rate_per)}, ${offer.start_date} to ${offer.end_date},
    answer by ${offer.expires_at.slice(0, 16).replace("T", " ")}</p>`;
}

function ApplicantCard({ application, data, act, projectId, chosen, onChoose, online }) {
  const name = application.applicant?.name || "An applicant";
  const listed = data.listed.has(application.person_id);
  const comparable = COMPARABLE.has(application.status) && listed;
  const base = `#/project/${projectId}/job/${application.job_post_id}`;
  return html`
    <li class="card applicant" data-application-id=${application.application_id} data-status=${application.status}>
      <div class="applicant-head">
        <h3>${name}</h3>
        <span class=${`status-chip ${application.status}`}>${statusText(application.status)}</span>
      </div>
      <p class="hint">${`${application.applicant?.department || "no department given"} · applied ${application.created_at.slice(0, 10)}`}
        ${listed ? " · on the shortlist" : ""}</p>
      ${application.note && html`<p class="note-text">“${application.note}”</p>`}
      ${selfTapes(application).map((tape) => html`<${SelfTape} key=${tape.index} tape=${tape} name=${name} online=${online}
        derived=${(application.derived_media || []).find((entry) => entry.media_index === tape.index)} />`)}
      <${OfferLine} offer=${data.offers[application.application_id]} />
      <div class="actions">
        ${["applied", "received"].includes(application.status) && html`
          <button type="button" onClick=${() => act(shortlistRequests, application)} aria-label=${`Shortlist ${name}`}>Shortlist</button>`}
        ${OFFERABLE.has(application.status) && html`
          <a class="button" href=${`${base}/offer/${application.application_id}`} aria-label=${`Make ${name} an offer`}>Offer</a>`}
        ${listed && html`
          <button type="button" class="secondary" onClick=${() => act(shortlistRemoval, application)}
            aria-label=${`Remove ${name} from the shortlist`}>Remove</button>`}
        ${!listed && OFFERABLE.has(application.status) && html`
          <button type="button" class="secondary" onClick=${() => act(shortlistReturn, application)}
            aria-label=${`Put ${name} back on the shortlist`}>Back on shortlist</button>`}
        ${isOpen(application) && html`
          <button type="button" class="secondary danger" onClick=${() => act(applicationDecline, application)}
            aria-label=${`Decline ${name}`}>Decline</button>`}
      </div>
      ${comparable && html`
        <label class="check compare-pick">
          <input type="checkbox" checked=${chosen} onChange=${(event) => onChoose(application.application_id, event.target.checked)} />
          Compare ${name}
        </label>`}
      <${Requests} entries=${data.requests[application.application_id]} />
    </li>`;
}

export function Applicants({ sync, status, personId, projectId, jobPostId }) {
  const data = useOfficeData(() => loadApplicants(sync, projectId, jobPostId, status), status, [projectId, jobPostId]);
  const [chosen, setChosen] = useState([]);
  const [error, setError] = useState("");
  if (!data) {
    return html`<main id="main"><p class="loading">Opening the applicants…</p></main>`;
  }
  if (!data.office || !data.post) {
    return html`<main id="main"><p class="note error" role="alert">That job is not on this device yet.</p>
      <a class="button secondary" href=${`#/project/${projectId}/jobs`}>Back to jobs</a></main>`;
  }
  const office = `office_${projectId}`;
  const act = async (make, application) => {
    setError("");
    try {
      const made = make(personId, application);
      for (const doc of Array.isArray(made) ? made : [made]) {
        await sync.write(office, doc);
      }
    } catch (failure) {
      setError(`This device could not save the request: ${failure.message}`);
    }
  };
  const choose = (id, on) => setChosen(on ? [...chosen.filter((other) => other !== id), id] : chosen.filter((other) => other !== id));
  const { post } = data;
  const compareReady = chosen.length >= COMPARE_MIN && chosen.length <= COMPARE_MAX;
  return html`
    <main id="main" class="hiring applicants-screen">
      <p class="crumbs"><a href="#/">Projects</a> › <a href=${`#/project/${projectId}/jobs`}>Jobs</a></p>
      <h2>Applicants for ${post.title}</h2>
      <p class="hint">${`${post.department} · ${rateText(post.rate, post.rate_per)} · ${post.start_date} to ${post.end_date}`}
        ${` · ${(post.hired || []).length} of ${post.slots} hired`}</p>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      <div class="compare-bar" role="group" aria-label="Compare shortlisted applicants">
        <span>${chosen.length === 0 ? `Tick ${COMPARE_MIN} or ${COMPARE_MAX} shortlisted applicants to compare them.`
          : `${chosen.length} picked to compare${chosen.length > COMPARE_MAX ? ` (at most ${COMPARE_MAX})` : ""}.`}</span>
        ${compareReady
          ? html`<a class="button" href=${`#/project/${projectId}/job/${jobPostId}/compare/${chosen.join(",")}`}>Compare</a>`
          : html`<button type="button" disabled aria-disabled="true">Compare</button>`}
      </div>
      ${data.applications.length === 0
        ? html`<p class="empty">No applications yet. Share the job code <code>${post.code}</code>.</p>`
        : html`<ul class="cards applicants" aria-label=${`Applicants for ${post.title}`}>
            ${data.applications.map((application) => html`<${ApplicantCard} key=${application._id} application=${application}
              data=${data} act=${act} projectId=${projectId} online=${status.online}
              chosen=${chosen.includes(application.application_id)} onChoose=${choose} />`)}
          </ul>`}
    </main>`;
}
