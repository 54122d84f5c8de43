// Making an offer: the job's rate and dates (the core offers what the job post says) and until
// when the offer stands; it is written as a request and the applicants' screen shows its outcome.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { loadApplicants, offerRequest, rateText } from "../hiring.js";
import { lagosToday } from "../projects.js";
import { useOfficeData } from "./Jobs.js";

const DEFAULT_ANSWER_DAYS = 3;
const DEFAULT_DEADLINE_TIME = "18:00";
const DAY_MS = 24 * 60 * 60 * 1000;

export function OfferForm({ sync, status, personId, projectId, jobPostId, applicationId }) {
  const data = useOfficeData(() => loadApplicants(sync, projectId, jobPostId, status), status, [projectId, jobPostId]);
  const [values, setValues] = useState({
    deadlineDate: lagosToday(new Date(Date.now() + DEFAULT_ANSWER_DAYS * DAY_MS)), deadlineTime: DEFAULT_DEADLINE_TIME, note: "",
  });
  const [error, setError] = useState("");
  const back = `#/project/${projectId}/job/${jobPostId}`;
  const application = data?.applications?.find((a) => a.application_id === applicationId);
  if (!data) {
    return html`<main id="main"><p class="loading">Opening the offer…</p></main>`;
  }
  if (!application || !data.post) {
    return html`<main id="main"><p class="note error" role="alert">That application is not on this device.</p>
      <a class="button secondary" href=${back}>Back to applicants</a></main>`;
  }
  const name = application.applicant?.name || "this applicant";
  const { post } = data;
  const bind = (key) => ({ value: values[key], onInput: (event) => setValues({ ...values, [key]: event.target.value }) });
  const submit = async (event) => {
    event.preventDefault();
    try {
      await sync.write(`office_${projectId}`, offerRequest(personId, application, values));
      location.hash = back;
    } catch (failure) {
      setError(`This device could not save the offer: ${failure.message}`);
    }
  };
  return html`
    <main id="main" class="hiring offer-screen">
      <p class="crumbs"><a href="#/">Projects</a> › <a href=${back}>Applicants</a></p>
      <h2>Offer ${post.title} to ${name}</h2>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      <dl class="terms" aria-label="What is offered">
        <div><dt>Rate</dt><dd>${rateText(post.rate, post.rate_per)}</dd></div>
        <div><dt>Dates</dt><dd>${post.start_date} to ${post.end_date}</dd></div>
        <div><dt>Call time</dt><dd>${post.call_time}</dd></div>
      </dl>
      <p class="hint">The offer carries the job post's rate and dates.</p>
      <form class="form" onSubmit=${submit}>
        <div class="pair">
          <div class="field">
            <label for="offer-deadline-date">Answer by (date)</label>
            <input id="offer-deadline-date" type="date" required ...${bind("deadlineDate")} />
          </div>
          <div class="field">
            <label for="offer-deadline-time">Answer by (time, Lagos)</label>
            <input id="offer-deadline-time" type="time" required ...${bind("deadlineTime")} />
          </div>
        </div>
        <div class="field">
          <label for="offer-note">Note to ${name} (optional)</label>
          <textarea id="offer-note" rows="3" maxlength="1000" ...${bind("note")}></textarea>
        </div>
        <div class="actions">
          <button type="submit">Send the offer</button>
          <a class="button secondary" href=${back}>Cancel</a>
        </div>
      </form>
    </main>`;
}
