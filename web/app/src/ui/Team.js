// A project's team: everyone on it by department with their project roles; give a role to a
// person on the project (or found in the NollyCrew directory) and take one back. Each request
// shows what became of it, with the core's reason when it refused.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { requestState } from "../intents.js";
import {
  DEPARTMENTS, GRANTABLE_ROLES, PROJECT_ROLE_GRANT, byDepartment, departmentTitle, findPeople, loadTeam, roleGrant,
  roleRevoke, roleTitle,
} from "../team.js";
import { useLiveRead } from "./liveRead.js";

const SEARCH_LIMIT = 10;

/** The team, read again whenever replication (or this device) changes the project's databases. */
function useTeam(sync, projectId) {
  const project = sync.databases.get(`project_${projectId}`)?.local;
  const office = sync.databases.get(`office_${projectId}`)?.local;
  return useLiveRead([project, office], () => loadTeam(sync, projectId), projectId);
}

function PersonRow({ entry, onRevoke, busy }) {
  return html`
    <li class="team-person" data-person-id=${entry.personId}>
      <div class="team-name"><strong>${entry.name}</strong>
        ${entry.jobs.length > 0 && html`<span class="hint"> · ${entry.jobs.join(", ")}</span>`}</div>
      ${entry.roles.length === 0
        ? html`<p class="hint">No project role yet</p>`
        : html`<ul class="team-roles" aria-label=${`Project roles of ${entry.name}`}>
            ${entry.roles.map((role) => html`
              <li key=${role} class="team-role" data-role=${role}>
                <span>${roleTitle(role)}${role === "department_head" && entry.departments.department_head
                  ? ` (${departmentTitle(entry.departments.department_head)})` : ""}</span>
                ${role !== "producer" && html`<button type="button" class="button secondary" disabled=${busy}
                  aria-label=${`Take back ${roleTitle(role)} from ${entry.name}`}
                  onClick=${() => onRevoke(entry, role)}>Take back</button>`}
              </li>`)}
          </ul>`}
    </li>`;
}

async function searchDirectory(typed) {
  const answer = await fetch(`/search/people?${new URLSearchParams({ q: typed.trim(), limit: String(SEARCH_LIMIT) })}`, {
    credentials: "same-origin", headers: { Accept: "application/json" },
  });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    throw new Error(body.reason || `NollyCrew did not answer the search (${answer.status}).`);
  }
  return body.results.map((hit) => ({
    personId: hit.person_id, name: hit.name, jobs: [hit.headline || hit.department || ""].filter(Boolean), roles: [],
    departments: {}, department: hit.department || "", fromDirectory: true,
  }));
}

function GrantForm({ people, onGrant }) {
  const [typed, setTyped] = useState("");
  const [found, setFound] = useState([]);
  const [values, setValues] = useState({ personId: "", role: "first_ad", department: "" });
  const [message, setMessage] = useState("");
  const choices = [...findPeople(people, typed), ...found.filter((hit) => !people.some((entry) => entry.personId === hit.personId))];
  const chosen = choices.find((entry) => entry.personId === values.personId) || choices[0] || null;

  const search = async () => {
    setMessage("");
    if (!navigator.onLine) {
      setMessage("Searching all of NollyCrew needs the network; the project's own people are listed offline.");
      return;
    }
    try {
      const hits = await searchDirectory(typed);
      setFound(hits);
      setMessage(hits.length ? "" : `Nobody on NollyCrew matches “${typed.trim()}”.`);
    } catch (failure) {
      setMessage(failure.message);
    }
  };
  const submit = (event) => {
    event.preventDefault();
    if (!chosen) {
      setMessage("Choose the person first.");
      return;
    }
    onGrant({ personId: chosen.personId, name: chosen.name, role: values.role,
      department: values.role === "department_head" ? values.department : "" });
  };
  return html`
    <form class="form grant-form" onSubmit=${submit} aria-labelledby="grant-heading">
      <h3 id="grant-heading">Give a project role</h3>
      <div class="field">
        <label for="grant-find">Find a person (name or job)</label>
        <div class="search-row">
          <input id="grant-find" type="search" value=${typed} onInput=${(event) => setTyped(event.target.value)} />
          <button type="button" class="button secondary" onClick=${search} disabled=${typed.trim().length < 2}>Search all of NollyCrew</button>
        </div>
      </div>
      ${message && html`<p class="hint" role="status">${message}</p>`}
      <div class="field">
        <label for="grant-person">Person</label>
        <select id="grant-person" value=${chosen?.personId || ""} onChange=${(event) => setValues({ ...values, personId: event.target.value })}>
          ${choices.length === 0 && html`<option value="">Nobody matches</option>`}
          ${choices.map((entry) => html`<option key=${entry.personId} value=${entry.personId}>
            ${entry.name}${entry.jobs.length ? ` (${entry.jobs.join(", ")})` : ""}${entry.fromDirectory ? " · not on the project yet" : ""}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="grant-role">Role</label>
        <select id="grant-role" value=${values.role} onChange=${(event) => setValues({ ...values, role: event.target.value })}>
          ${GRANTABLE_ROLES.map((entry) => html`<option key=${entry.role} value=${entry.role}>${entry.title}</option>`)}
        </select>
      </div>
      ${values.role === "department_head" && html`
        <div class="field">
          <label for="grant-department">Department they head</label>
          <select id="grant-department" required value=${values.department}
            onChange=${(event) => setValues({ ...values, department: event.target.value })}>
            <option value="">Choose a department</option>
            ${DEPARTMENTS.map((department) => html`<option key=${department} value=${department}>${departmentTitle(department)}</option>`)}
          </select>
        </div>`}
      <div class="actions"><button type="submit" disabled=${!chosen}>Give the role</button></div>
    </form>`;
}

const STATE_TEXT = { unsent: "Waiting to go up", waiting: "Sent: waiting for NollyCrew", accepted: "Done", rejected: "Refused" };

function RequestRow({ request, people, status }) {
  const { state, reason } = requestState(request, new Set(status.unsentIds), status.denied);
  const name = people.find((entry) => entry.personId === request.person_id)?.name || request.person_name || "someone";
  const what = request.type === PROJECT_ROLE_GRANT
    ? `Give ${roleTitle(request.role)} to ${name}` : `Take back ${roleTitle(request.role)} from ${name}`;
  return html`
    <li class=${`request ${state}`} data-request-id=${request._id} data-type=${request.type} data-state=${state}
      data-person-id=${request.person_id} data-role=${request.role}>
      <span class="what">${what}</span>
      <span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span>
    </li>`;
}

export function Team({ sync, personId, projectId, status }) {
  const { data, error } = useTeam(sync, projectId);
  const [writeError, setWriteError] = useState("");
  const [busy, setBusy] = useState(false);
  if (!data) {
    return html`<main id="main"><p class="loading">Reading the team on this device…</p></main>`;
  }
  if (!data.office) {
    return html`<main id="main"><h2>Team</h2>
      <p class="hint">The production office of this project is not on this device (yet): only the office sees the team.</p>
      <a class="button secondary" href="#/">Back to projects</a></main>`;
  }
  const office = `office_${projectId}`;
  const send = async (doc) => {
    setWriteError("");
    setBusy(true);
    try {
      await sync.write(office, doc);
    } catch (failure) {
      setWriteError(`This device could not save the request: ${failure.message}`);
    } finally {
      setBusy(false);
    }
  };
  const me = data.people.find((entry) => entry.personId === personId);
  const producer = Boolean(me?.roles.includes("producer"));
  return html`
    <main id="main" class="team">
      <h2>Team${data.title ? ` · ${data.title}` : ""}</h2>
      ${(error || writeError) && html`<p class="note error" role="alert">${error || writeError}</p>`}
      ${!producer && html`<p class="note" role="note">Only the producer gives and takes back project roles:
        NollyCrew will refuse a request from anyone else.</p>`}
      <section aria-labelledby="team-heading">
        <h3 id="team-heading">Who is on the project</h3>
        ${byDepartment(data.people).map((group) => html`
          <section class="team-department" key=${group.department} data-department=${group.department}
            aria-label=${group.title}>
            <h4>${group.title}</h4>
            <ul class="team-people">${group.people.map((entry) => html`
              <${PersonRow} key=${entry.personId} entry=${entry} busy=${busy}
                onRevoke=${(who, role) => send(roleRevoke(personId, { personId: who.personId, role }))} />`)}</ul>
          </section>`)}
      </section>
      <${GrantForm} people=${data.people}
        onGrant=${(grant) => send({ ...roleGrant(personId, grant), person_name: grant.name })} />
      <section aria-labelledby="team-requests-heading">
        <h3 id="team-requests-heading">Role requests</h3>
        ${data.requests.length === 0 ? html`<p class="empty">None yet.</p>`
          : html`<ul class="requests" aria-live="polite">${data.requests.map((request) => html`
              <${RequestRow} key=${request._id} request=${request} people=${data.people} status=${status} />`)}</ul>`}
      </section>
      <a class="button secondary" href="#/">Back to projects</a>
    </main>`;
}
