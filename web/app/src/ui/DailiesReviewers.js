// Who outside the office may watch and comment on the dailies: the production's invited
// reviewers (core/dailies.py "dailies_reviewers"), an invitation to someone on the project or
// found in the NollyCrew directory, and taking one back. Each request shows what became of it.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { DAILIES_REVIEWER_INVITE, reviewerInvite, reviewerRemove, searchDirectory } from "../dailies.js";
import { requestState } from "../intents.js";

const STATE_TEXT = { unsent: "waiting to go up", waiting: "sent, waiting for NollyCrew", accepted: "accepted", rejected: "refused" };

function ReviewerRequest({ doc, status }) {
  const { state, reason } = requestState(doc, new Set(status.unsentIds), status.denied);
  const what = `${doc.type === DAILIES_REVIEWER_INVITE ? "Invite" : "Stop"} ${doc.person_name || "someone"}`;
  return html`<li class=${`request ${state}`} data-request-id=${doc._id} data-type=${doc.type} data-state=${state}
    data-person-id=${doc.person_id}><span class="what">${what}</span>
    <span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span></li>`;
}

export function Reviewers({ sync, personId, projectId, people, reviewers, requests, status }) {
  const [typed, setTyped] = useState("");
  const [found, setFound] = useState([]);
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState("");
  const office = `office_${projectId}`;
  const invited = new Set(reviewers.map((entry) => entry.person_id));
  const onProject = people.map((entry) => ({ personId: entry.personId, name: entry.name, what: entry.jobs.join(", ") }));
  const fromDirectory = found.filter((hit) => !onProject.some((entry) => entry.personId === hit.personId))
    .map((hit) => ({ ...hit, fromDirectory: true }));
  const choices = [...onProject, ...fromDirectory].filter((entry) => !invited.has(entry.personId) && entry.personId !== personId);
  const pick = choices.find((entry) => entry.personId === chosen) || choices[0];

  const search = async () => {
    setMessage("");
    const answer = await searchDirectory(typed);
    if (answer.reason) {
      setMessage(answer.reason);
      return;
    }
    setFound(answer.people);
    setChosen(answer.people[0]?.personId || "");
    setMessage(answer.people.length ? "" : `Nobody on NollyCrew matches “${typed.trim()}”.`);
  };
  const invite = (event) => {
    event.preventDefault();
    if (pick) {
      sync.write(office, reviewerInvite(personId, pick.personId, pick.name));
    }
  };
  return html`
    <section aria-labelledby="reviewers-heading" class="dailies-reviewers">
      <h3 id="reviewers-heading">Reviewers</h3>
      <p class="hint">The office sees every take; invite others (the director's agent, an investor) to watch and comment.</p>
      ${reviewers.length === 0 ? html`<p class="empty">Nobody invited yet.</p>`
        : html`<ul class="team-people" aria-label="Invited reviewers">${reviewers.map((entry) => html`
            <li key=${entry.person_id} class="team-role" data-person-id=${entry.person_id}>
              <span>${entry.name || "Someone not yet named"}</span>
              <button type="button" class="button secondary" aria-label=${`Stop ${entry.name} reviewing`}
                onClick=${() => sync.write(office, reviewerRemove(personId, entry.person_id, entry.name))}>Remove</button></li>`)}</ul>`}
      <form onSubmit=${invite}>
        <label for="reviewer-find">Find someone not on the project (name)</label>
        <div class="search-row">
          <input id="reviewer-find" type="search" value=${typed} onInput=${(event) => setTyped(event.target.value)} />
          <button type="button" class="button secondary" onClick=${search} disabled=${typed.trim().length < 2}>Search all of NollyCrew</button>
        </div>
        ${message && html`<p class="hint" role="status">${message}</p>`}
        <label for="reviewer-person">Reviewer</label>
        <select id="reviewer-person" value=${pick?.personId || ""} onChange=${(event) => setChosen(event.target.value)}>
          ${choices.length === 0 && html`<option value="">Nobody to invite: search above</option>`}
          ${choices.map((entry) => html`<option key=${entry.personId} value=${entry.personId}>
            ${entry.name}${entry.what ? ` (${entry.what})` : ""}${entry.fromDirectory ? " · not on the project" : ""}</option>`)}
        </select>
        <button type="submit" disabled=${!pick}>Invite to review</button>
      </form>
      ${requests.length > 0 && html`<ul class="requests" aria-label="Reviewer requests" aria-live="polite">
        ${requests.map((doc) => html`<${ReviewerRequest} key=${doc._id} doc=${doc} status=${status} />`)}</ul>`}
    </section>`;
}
