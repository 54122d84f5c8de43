// Creating a project and posting a job: each writes an intent into a local database and goes
// back to the dashboard, where the request shows until its outcome comes back.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { setPassword } from "../auth.js";
import { jobPostRequest, projectRequest } from "../intents.js";
import { lagosToday } from "../projects.js";

function Field({ id, label, hint, ...input }) {
  return html`
    <div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} ...${input} aria-describedby=${hint ? `${id}-hint` : undefined} />
      ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    </div>`;
}

function bind(values, setValues, key) {
  return { value: values[key], onInput: (event) => setValues({ ...values, [key]: event.target.value }) };
}

export function ProjectForm({ sync, personId, onDone }) {
  const [values, setValues] = useState({ title: "", firstShootDate: "" });
  const [error, setError] = useState("");

  const submit = async (event) => {
    event.preventDefault();
    try {
      await sync.write(sync.userDb, projectRequest(personId, values));
      onDone();
    } catch (failure) {
      setError(`This device could not save the request: ${failure.message}`);
    }
  };

  return html`
    <main id="main">
      <h2>New project</h2>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      <form onSubmit=${submit} class="form">
        <${Field} id="title" label="Title" required maxlength="200" ...${bind(values, setValues, "title")} />
        <${Field} id="first-shoot" label="First shoot date (optional)" type="date" min=${lagosToday()}
          ...${bind(values, setValues, "firstShootDate")} />
        <div class="actions">
          <button type="submit">Create project</button>
          <a class="button secondary" href="#/">Cancel</a>
        </div>
      </form>
    </main>`;
}

const RATE_PERIODS = [["day", "per day"], ["hour", "per hour"], ["job", "for the job"]];

export function JobForm({ sync, personId, project, onDone }) {
  const start = project?.firstShoot || lagosToday();
  const [values, setValues] = useState({
    title: "", department: "", startDate: start, endDate: start, callTime: "06:30", rateNaira: "",
    ratePer: "day", city: "", state: "Lagos", slots: "1",
  });
  const [error, setError] = useState("");

  if (!project) {
    return html`<main id="main"><p class="note error" role="alert">That project is not on this device yet.</p>
      <a class="button secondary" href="#/">Back to projects</a></main>`;
  }

  const submit = async (event) => {
    event.preventDefault();
    try {
      await sync.write(`office_${project.projectId}`, jobPostRequest(personId, values));
      onDone();
    } catch (failure) {
      setError(`This device could not save the job post: ${failure.message}`);
    }
  };

  return html`
    <main id="main">
      <h2>Post a job on ${project.title}</h2>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      <form onSubmit=${submit} class="form">
        <${Field} id="job-title" label="Job title" required maxlength="120" placeholder="Gaffer" ...${bind(values, setValues, "title")} />
        <${Field} id="department" label="Department" required placeholder="lighting" ...${bind(values, setValues, "department")} />
        <div class="pair">
          <${Field} id="start-date" label="First day" type="date" required ...${bind(values, setValues, "startDate")} />
          <${Field} id="end-date" label="Last day" type="date" required ...${bind(values, setValues, "endDate")} />
        </div>
        <${Field} id="call-time" label="Call time" type="time" required ...${bind(values, setValues, "callTime")} />
        <div class="pair">
          <${Field} id="rate" label="Rate (₦)" type="number" min="1" step="1" inputmode="numeric" required
            ...${bind(values, setValues, "rateNaira")} />
          <div class="field">
            <label for="rate-per">Paid</label>
            <select id="rate-per" name="rate-per" value=${values.ratePer}
              onChange=${(event) => setValues({ ...values, ratePer: event.target.value })}>
              ${RATE_PERIODS.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
            </select>
          </div>
        </div>
        <div class="pair">
          <${Field} id="city" label="City" required placeholder="Lekki" ...${bind(values, setValues, "city")} />
          <${Field} id="state" label="State" required ...${bind(values, setValues, "state")} />
        </div>
        <${Field} id="slots" label="Places" type="number" min="1" max="50" required ...${bind(values, setValues, "slots")} />
        <div class="actions">
          <button type="submit">Post the job</button>
          <a class="button secondary" href="#/">Cancel</a>
        </div>
      </form>
    </main>`;
}

export function AccountForm() {
  const [values, setValues] = useState({ email: "", password: "" });
  const [message, setMessage] = useState(null);

  const submit = async (event) => {
    event.preventDefault();
    const answer = await setPassword(values.email.trim(), values.password);
    setMessage(answer.ok
      ? { kind: "info", text: "Saved. You can now also sign in with this email and password." }
      : { kind: "error", text: answer.reason });
  };

  return html`
    <main id="main">
      <h2>Email and password</h2>
      <p class="hint">Sign in on a laptop without your phone at hand. Setting them needs the network.</p>
      ${message && html`<p class=${`note ${message.kind}`} role=${message.kind === "error" ? "alert" : "status"}>${message.text}</p>`}
      <form onSubmit=${submit} class="form">
        <${Field} id="account-email" label="Email" type="email" autocomplete="username" required ...${bind(values, setValues, "email")} />
        <${Field} id="account-password" label="New password" type="password" autocomplete="new-password" required
          minlength="10" hint="At least 10 characters." ...${bind(values, setValues, "password")} />
        <div class="actions">
          <button type="submit">Save</button>
          <a class="button secondary" href="#/">Back to projects</a>
        </div>
      </form>
    </main>`;
}
