// The projects dashboard, and the requests this person sent with what became of each.
import { html } from "htm/preact";

import { requestState } from "../intents.js";
import { moneyText } from "../money.js";

function firstShootText(card) {
  if (card.daysToFirstShoot === null) {
    return "No shoot date yet";
  }
  const days = card.daysToFirstShoot;
  const when = days > 1 ? `in ${days} days` : days === 1 ? "tomorrow" : days === 0 ? "today" : `${-days} days ago`;
  return `First shoot ${when} (${card.firstShoot}${card.firstShootPlanned ? ", planned" : ""})`;
}

function ProjectCard({ card }) {
  return html`
    <li class="card project" data-project-id=${card.projectId}>
      <h3>${card.title}</h3>
      <p class="shoot">${firstShootText(card)}</p>
      <p class="crew">${card.crew ? `Crew filled: ${card.crew.hired} of ${card.crew.slots}` : "No jobs posted yet"}</p>
      ${card.burn && html`<p class="burn">Budget burn: ${moneyText(card.burn.spent, card.burn.currency)} spent of ${moneyText(card.burn.budget, card.burn.currency)} (${Math.floor((card.burn.spent * 100) / card.burn.budget)}%)</p>`}
      ${card.jobPosts.length > 0 && html`
        <ul class="jobs" aria-label=${`Jobs on ${card.title}`}>
          ${card.jobPosts.map((post) => html`
            <li key=${post._id}>${post.title} · ${post.department} · ${(post.hired || []).length}/${post.slots}
              ${post.code && html` · code <code>${post.code}</code>`}</li>`)}
        </ul>`}
      ${card.office
        ? html`<a class="button secondary" href=${`#/project/${card.projectId}/post-job`}
            aria-label=${`Post a job on ${card.title}`}>Post a job</a>`
        : html`<p class="hint">Syncing the production office…</p>`}
      <a class="button secondary" href=${`#/project/${card.projectId}/call-sheets`} aria-label=${`Call sheets of ${card.title}`}>Call sheets</a>
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/jobs`} aria-label=${`Hiring on ${card.title}`}>Hiring</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/board`} aria-label=${`Stripboard of ${card.title}`}>Stripboard</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/money`} aria-label=${`Budget and escrow of ${card.title}`}>Money</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/script`} aria-label=${`Script of ${card.title}`}>Script</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/dood`} aria-label=${`Day out of days of ${card.title}`}>Day out of days</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/team`} aria-label=${`Team of ${card.title}`}>Team</a>`}
      ${card.office && html`<a class="button secondary" href=${`#/project/${card.projectId}/dailies`} aria-label=${`Dailies of ${card.title}`}>Dailies</a>`}
    </li>`;
}

const STATE_TEXT = {
  unsent: "Waiting to go up",
  waiting: "Sent: waiting for NollyCrew",
  accepted: "Accepted",
  rejected: "Refused",
};

function describe(doc, projectTitle) {
  if (doc.type === "project_request") {
    return `New project “${doc.title}”`;
  }
  return `Job “${doc.title}”${projectTitle ? ` on ${projectTitle}` : ""}`;
}

function RequestRow({ entry, status }) {
  const { state, reason } = requestState(entry.doc, new Set(status.unsentIds), status.denied);
  return html`
    <li class=${`request ${state}`} data-request-id=${entry.doc._id} data-state=${state}>
      <span class="what">${describe(entry.doc, entry.projectTitle)}</span>
      <span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span>
    </li>`;
}

export function Dashboard({ data, status }) {
  return html`
    <main id="main" class="dashboard">
      <div class="heading-row">
        <h2>Your projects</h2>
        <a class="button" href="#/new-project">New project</a>
      </div>
      ${data.projects.length === 0
        ? html`<p class="empty">No projects yet. Create one: it works offline too.</p>`
        : html`<ul class="cards" aria-label="Projects">${data.projects.map((card) => html`<${ProjectCard} key=${card.projectId} card=${card} />`)}</ul>`}
      ${data.investments?.length > 0 && html`<section aria-labelledby="investments-heading">
        <h2 id="investments-heading">Your investments</h2>
        <ul class="investments">${data.investments.map((item) => html`<li key=${item.projectId}>
          <a class="button secondary" href=${`#/project/${item.projectId}/investor`}>${item.title || "Your investment"}: investor view</a></li>`)}</ul>
      </section>`}
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Your requests</h2>
        ${data.requests.length === 0
          ? html`<p class="empty">Nothing sent yet.</p>`
          : html`<ul class="requests" aria-live="polite">${data.requests.map((entry) => html`<${RequestRow} key=${entry.doc._id} entry=${entry} status=${status} />`)}</ul>`}
      </section>
    </main>`;
}
