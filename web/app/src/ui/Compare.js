// Two or three shortlisted applicants side by side: first what their applications say (on this
// device, so offline too), then their profiles from the server's search index when online.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { loadApplicants, picked, profileComparison, rateText, selfTapes, statusText } from "../hiring.js";
import { useOfficeData } from "./Jobs.js";

const EXCERPT_CHARS = 240;

function tapeSummary(application) {
  const tapes = selfTapes(application).filter((tape) => tape.transcript?.status === "done");
  if (!tapes.length) {
    return "none";
  }
  return tapes.map((tape) => `${String(tape.item.content_type).split("/")[0]} ${Math.round(tape.transcript.duration_s || 0)} s`).join(", ");
}

function transcriptExcerpt(application) {
  const text = selfTapes(application).map((tape) => tape.transcript?.text || "").join(" ").trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text || "-";
}

function applicationRows(applications, offers) {
  return [
    ["Department", applications.map((a) => a.applicant?.department || "-")],
    ["Status", applications.map((a) => statusText(a.status))],
    ["Applied", applications.map((a) => a.created_at.slice(0, 10))],
    ["Their note", applications.map((a) => a.note || "-")],
    ["Self-tapes", applications.map(tapeSummary)],
    ["Transcript", applications.map(transcriptExcerpt)],
    ["Offer", applications.map((a) => {
      const offer = offers[a.application_id];
      return offer ? `${offer.status}: ${rateText(offer.rate, offer.rate_per)}` : "-";
    })],
  ];
}

function cell(value) {
  if (Array.isArray(value)) {
    return value.map((entry) => (entry.shared ? html`<strong class="shared">${entry.skill}</strong> ` : `${entry.skill} `));
  }
  return String(value);
}

export function Compare({ sync, status, projectId, jobPostId, ids }) {
  const data = useOfficeData(() => loadApplicants(sync, projectId, jobPostId, status), status, [projectId, jobPostId]);
  const [profiles, setProfiles] = useState(null);
  const chosen = data?.office ? picked(data.applications, ids) : [];
  const personKey = chosen.map((a) => a.person_id).join(",");
  useEffect(() => {
    if (chosen.length >= 2 && status.online) {
      profileComparison(chosen.map((a) => a.person_id)).then(setProfiles);
    }
  }, [personKey, status.online]);
  const back = `#/project/${projectId}/job/${jobPostId}`;
  if (!data) {
    return html`<main id="main"><p class="loading">Opening the comparison…</p></main>`;
  }
  if (chosen.length < 2) {
    return html`<main id="main"><p class="note error" role="alert">Pick at least two applicants of this job to compare.</p>
      <a class="button secondary" href=${back}>Back to applicants</a></main>`;
  }
  const rows = applicationRows(chosen, data.offers);
  const profileReason = !status.online ? "Profile details (rate, rating, skills) need the network." : profiles?.reason;
  return html`
    <main id="main" class="hiring compare-screen">
      <p class="crumbs"><a href="#/">Projects</a> › <a href=${`#/project/${projectId}/jobs`}>Jobs</a> › <a href=${back}>Applicants</a></p>
      <h2>Compare for ${data.post?.title || "this job"}</h2>
      <div class="table-scroll" tabindex="0" role="region" aria-label="Applicants side by side">
        <table class="compare">
          <thead><tr><th scope="col"><span class="visually-hidden">What</span></th>
            ${chosen.map((a) => html`<th scope="col" data-application-id=${a.application_id}>${a.applicant?.name || "Applicant"}</th>`)}</tr></thead>
          <tbody>
            ${rows.map(([label, values]) => html`<tr><th scope="row">${label}</th>${values.map((value) => html`<td>${cell(value)}</td>`)}</tr>`)}
            ${(profiles?.rows || []).map((row) => html`<tr class="profile-row" data-key=${row.key}><th scope="row">${row.label}</th>
              ${row.values.map((value) => html`<td>${cell(value)}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
      ${profileReason && html`<p class="hint profile-reason">${profileReason}</p>`}
      <div class="actions">
        ${chosen.filter((a) => ["shortlisted", "auditioning"].includes(a.status)).map((a) => html`
          <a class="button" href=${`${back}/offer/${a.application_id}`} aria-label=${`Make ${a.applicant?.name} an offer`}>
            Offer ${a.applicant?.name}</a>`)}
        <a class="button secondary" href=${back}>Back to applicants</a>
      </div>
    </main>`;
}
