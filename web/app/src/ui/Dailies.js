// The dailies screen (#/project/<id>/dailies, and .../dailies/<label key>/<version> to watch one):
// the labels (scene and take) with their versions, an upload of new rushes, this person's
// comments still on their way or refused, and who outside the office the production invited to
// review. Read from the office database and the person's own on this device, again on every change.
import { html } from "htm/preact";
import { useRef, useState } from "preact/hooks";

import {
  DEFAULT_FRAME_RATE_FPS, FRAME_RATES_FPS, LABEL_MAX_CHARS, NOTE_MAX_CHARS, dailiesUpload, labelKey, loadDailies,
  uploadDailiesFile,
} from "../dailies.js";
import { requestState } from "../intents.js";
import { loadTeam } from "../team.js";
import { VersionPlayer } from "./DailiesPlayer.js";
import { Reviewers } from "./DailiesReviewers.js";
import { useLiveRead } from "./liveRead.js";

const STATE_TEXT = { unsent: "waiting to go up", waiting: "sent, waiting for NollyCrew", accepted: "accepted", rejected: "refused" };

/** The screen's data, read again on every change to the office or the person's own database. */
function useDailies(sync, projectId) {
  const office = sync.databases.get(`office_${projectId}`)?.local;
  const user = sync.databases.get(sync.userDb)?.local;
  const read = async () => {
    if (!office) {
      return null; // the office database is still coming down to this device
    }
    const [dailies, team] = await Promise.all([loadDailies(office, user, projectId), loadTeam(sync, projectId)]);
    return { ...dailies, people: team.people, title: team.title };
  };
  return { ...useLiveRead([office, user], read, projectId), office };
}

function RequestLine({ doc, status, what }) {
  const { state, reason } = requestState(doc, new Set(status.unsentIds), status.denied);
  return html`<li class=${`request ${state}`} data-request-id=${doc._id} data-type=${doc.type} data-state=${state}>
    <span class="what">${what}</span> <span class="state">${STATE_TEXT[state]}${reason ? `: ${reason}` : ""}</span></li>`;
}

function lagosTime(iso) {
  return new Date(iso).toLocaleString("en-GB", { timeZone: "Africa/Lagos", dateStyle: "medium", timeStyle: "short" });
}

function LabelCard({ doc, projectId, watching }) {
  return html`
    <li class="card dailies-label" data-key=${doc.key}>
      <h3>${doc.label}</h3>
      <ol class="dailies-versions">${doc.versions.map((version) => html`
        <li key=${version.number} data-version=${version.number}>
          <span><strong>Version ${version.number}</strong> · ${lagosTime(version.at)} · ${version.comments.length}
            ${version.comments.length === 1 ? " comment" : " comments"}${version.note ? ` · ${version.note}` : ""}</span>
          ${watching === version.number ? html`<span class="hint">Playing above</span>`
            : html`<a class="button secondary" href=${`#/project/${projectId}/dailies/${doc.key}/${version.number}`}
                aria-label=${`Watch ${doc.label} version ${version.number}`}>Watch</a>`}
        </li>`)}
      </ol>
    </li>`;
}

function UploadForm({ sync, personId, projectId, uploads, status }) {
  const fileRef = useRef(null);
  const [values, setValues] = useState({ label: "", note: "", fps: String(DEFAULT_FRAME_RATE_FPS) });
  const [progress, setProgress] = useState(null);
  const [problem, setProblem] = useState("");
  const set = (field) => (event) => setValues({ ...values, [field]: event.target.value });
  const send = async (event) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file || !labelKey(values.label) || values.label.trim().length > LABEL_MAX_CHARS) {
      setProblem(file ? "Label the rushes with the scene and take, like 12A/3." : "Choose the video file first.");
      return;
    }
    setProblem("");
    setProgress(0);
    const sent = await uploadDailiesFile(file, (done, total) => setProgress(total ? Math.floor((done * 100) / total) : 0));
    setProgress(null);
    if (!sent.mediaId) {
      setProblem(sent.reason);
      return;
    }
    await sync.write(`office_${projectId}`, dailiesUpload(personId, {
      mediaId: sent.mediaId, label: values.label, note: values.note, frameRateFps: values.fps,
    }));
    fileRef.current.value = "";
    setValues({ ...values, note: "" });
  };
  return html`
    <form class="form dailies-upload" onSubmit=${send} aria-labelledby="upload-heading">
      <h3 id="upload-heading">Upload rushes</h3>
      <label for="dailies-file">Video file (MP4)</label>
      <input id="dailies-file" type="file" accept="video/mp4,.mp4" ref=${fileRef} onChange=${() => setProblem("")} />
      <label for="dailies-label">Scene and take</label>
      <input id="dailies-label" value=${values.label} placeholder="12A/3" maxlength=${LABEL_MAX_CHARS} onInput=${set("label")} />
      <label for="dailies-note">Note (optional)</label>
      <input id="dailies-note" value=${values.note} maxlength=${NOTE_MAX_CHARS} onInput=${set("note")} />
      <label for="dailies-fps">Frame rate</label>
      <select id="dailies-fps" value=${values.fps} onChange=${set("fps")}>
        ${FRAME_RATES_FPS.map((fps) => html`<option key=${fps} value=${String(fps)}>${fps} frames a second</option>`)}
      </select>
      <button type="submit" disabled=${progress !== null || !status.online}>${progress === null ? "Upload" : "Uploading…"}</button>
      ${progress !== null && html`<progress max="100" value=${progress} aria-label="Upload progress">${progress}%</progress>`}
      ${!status.online && html`<p class="hint" role="status">Uploading rushes needs the network: this device is offline.</p>`}
      ${problem && html`<p class="note error" role="alert">${problem}</p>`}
      ${uploads.length > 0 && html`<ul class="requests" aria-label="Your uploads" aria-live="polite">
        ${uploads.map((doc) => html`<${RequestLine} key=${doc._id} doc=${doc} status=${status}
          what=${`Upload of ${doc.label} at ${doc.frame_rate_fps} frames a second`} />`)}</ul>`}
    </form>`;
}

export function Dailies({ sync, personId, projectId, labelKeyShown, versionShown, status }) {
  const { data, error, office } = useDailies(sync, projectId);
  if (!office || !data) {
    return html`<main id="main" class="dailies"><p class="loading">${office ? "Reading the dailies on this device…"
      : "The production office of this project is not on this device (yet): only the office sees its dailies."}</p>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      <a class="button secondary" href="#/">Back to projects</a></main>`;
  }
  const number = versionShown ? Number.parseInt(versionShown, 10) : null;
  const doc = labelKeyShown ? data.labels.find((entry) => entry.key === labelKeyShown) : null;
  const version = doc?.versions.find((entry) => entry.number === number);
  // This person's comments the core has not taken (yet): those on the version shown are listed there.
  const elsewhere = data.comments.filter((entry) => entry.outcome?.status !== "accepted"
    && !(version && labelKey(entry.label) === doc.key && entry.version === number));
  return html`
    <main id="main" class="dailies">
      <div class="heading-row">
        <h2>Dailies${data.title ? ` · ${data.title}` : ""}</h2>
        <a class="button secondary" href="#/">Back to projects</a>
      </div>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      ${labelKeyShown && !version && html`<p class="note error" role="alert">That version is not on this device (yet).</p>`}
      ${version && html`<${VersionPlayer} key=${`${doc.key}/${number}`} sync=${sync} personId=${personId} projectId=${projectId}
        doc=${doc} version=${version} reviewers=${data.reviewers} people=${data.people} status=${status}
        requests=${data.comments.filter((entry) => labelKey(entry.label) === doc.key && entry.version === number)} />`}
      <section aria-labelledby="takes-heading">
        <h3 id="takes-heading">Scenes and takes</h3>
        ${data.labels.length === 0 ? html`<p class="empty">No rushes yet. Upload the first take below.</p>`
          : html`<ul class="cards">${data.labels.map((entry) => html`<${LabelCard} key=${entry.key} doc=${entry}
              projectId=${projectId} watching=${entry.key === labelKeyShown ? number : null} />`)}</ul>`}
      </section>
      ${elsewhere.length > 0 && html`<section aria-labelledby="my-comments-heading">
        <h3 id="my-comments-heading">Your other comments</h3>
        <ul class="requests" aria-live="polite">${elsewhere.map((doc) => html`<${RequestLine} key=${doc._id} doc=${doc} status=${status}
          what=${`${doc.label} version ${doc.version} at ${doc.timecode || `${doc.at_s} s`}: “${doc.text}”`} />`)}</ul>
      </section>`}
      <${UploadForm} sync=${sync} personId=${personId} projectId=${projectId} uploads=${data.uploads} status=${status} />
      <${Reviewers} sync=${sync} personId=${personId} projectId=${projectId} people=${data.people} reviewers=${data.reviewers}
        requests=${data.reviewerRequests} status=${status} />
    </main>`;
}
