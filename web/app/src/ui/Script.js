// The script screen (#/project/<id>/script, or .../script/version/<n> for an older version):
// the versions with their state, an upload of a new one, and the breakdown of the version shown.
// Everything is read from the office database on this device and read again on every change,
// so a version read by the office worker, or a correction applied by the core, shows by itself.
import { html } from "htm/preact";
import { useRef, useState } from "preact/hooks";

import { requestState } from "../intents.js";
import { breakdownCorrection, loadScript, scriptUpload, uploadScriptFile } from "../script.js";
import { BreakdownList, CorrectionLines } from "./Breakdown.js";
import { useLiveRead } from "./liveRead.js";

const ACCEPTED_FILES = ".pdf,.fdx,.fountain,.txt,.spmd";
const UPLOAD_STATE = {
  unsent: "waiting to go up", waiting: "sent, waiting for NollyCrew", accepted: "accepted", rejected: "refused",
};

/** Loads with `load(office, project)` now and on every change to the project's office or project
 *  database on this device; null until the office database is open here. */
export function useOfficeLive(sync, projectId, load, key) {
  const office = sync.databases.get(`office_${projectId}`)?.local;
  const project = sync.databases.get(`project_${projectId}`)?.local;
  // Nothing to read until the office database is on the device: the screen says it is opening.
  const read = () => (office ? load(office, project) : Promise.resolve(null));
  return { ...useLiveRead([office, project], read, key), office };
}

function lagosTime(iso) {
  if (!iso) {
    return "";
  }
  return new Date(iso).toLocaleString("en-GB", { timeZone: "Africa/Lagos", dateStyle: "medium", timeStyle: "short" });
}

function diffText(version) {
  const diff = version.diff;
  if (!diff) {
    return "";
  }
  const parts = [["added", diff.added.length], ["removed", diff.removed.length], ["changed", diff.changed.length]]
    .filter(([, count]) => count).map(([what, count]) => `${count} ${count === 1 ? "scene" : "scenes"} ${what}`);
  return `Since version ${version.diffFrom}: ${parts.join(", ") || "no scene changed"}`;
}

function VersionRow({ version, projectId, shown }) {
  const state = version.status === "reading" ? "Being read…"
    : version.status === "refused" ? `Could not be read: ${version.reason}`
      : version.scenes === null ? "Read: its breakdown is on its way to this device" : `${version.scenes} scenes`;
  return html`
    <li class=${`version ${version.status}${version.current ? " current" : ""}`} data-version=${version.number}>
      <div class="version-head">
        <strong>Version ${version.number}</strong>${version.current && html` <span class="status-chip current">current</span>`}
      </div>
      <p class="version-file">${version.file_name}</p>
      <p class="hint">Uploaded ${lagosTime(version.created_at)}</p>
      <p class=${`version-state ${version.status}`}>${state}</p>
      ${version.diff && html`<p class="hint">${diffText(version)}</p>`}
      ${version.status === "ready" && (shown
        ? html`<p class="hint"><strong>Shown below</strong></p>`
        : html`<a class="button secondary" href=${`#/project/${projectId}/script${version.current ? "" : `/version/${version.number}`}`}
            aria-label=${`View version ${version.number}`}>View</a>`)}
    </li>`;
}

function UploadForm({ sync, personId, dbName, uploads, status }) {
  const fileRef = useRef(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const send = async (event) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setProblem("Choose the script file first.");
      return;
    }
    setBusy(true);
    setProblem("");
    const sent = await uploadScriptFile(file);
    if (sent.mediaId) {
      await sync.write(dbName, scriptUpload(personId, sent.mediaId, file.name));
      fileRef.current.value = "";
    } else {
      setProblem(sent.reason);
    }
    setBusy(false);
  };
  const unsent = new Set(status.unsentIds);
  const latest = uploads[0];
  const latestState = latest && requestState(latest, unsent, status.denied);
  return html`
    <form class="script-upload" onSubmit=${send}>
      <label for="script-file">New version of the script (PDF, Final Draft or Fountain)</label>
      <input id="script-file" type="file" accept=${ACCEPTED_FILES} ref=${fileRef} onChange=${() => setProblem("")} />
      <button type="submit" disabled=${busy}>${busy ? "Uploading…" : "Upload"}</button>
      ${problem && html`<p class="note error" role="alert">${problem}</p>`}
      ${latestState && html`<p class=${`request-line ${latestState.state}`} role="status" data-state=${latestState.state}>
        Upload of ${latest.file_name}: ${UPLOAD_STATE[latestState.state]}${latestState.reason ? `: ${latestState.reason}` : ""}</p>`}
      <p class="hint">The file needs the network to go up; NollyCrew then reads it and its breakdown comes to this device.</p>
    </form>`;
}

export function Script({ sync, personId, projectId, project, version, status }) {
  const viewed = version ? Number.parseInt(version, 10) : null;
  const { data, error, office } = useOfficeLive(sync, projectId, (db) => loadScript(db, viewed), `${projectId}:${viewed}`);
  const dbName = `office_${projectId}`;
  const title = project?.title || "this project";
  if (!office || !data) {
    return html`<main id="main" class="script-screen"><p class="loading">Opening the production office…</p>
      ${error && html`<p class="note error" role="alert">${error}</p>`}</main>`;
  }
  const shown = data.shown;
  const sceneIds = new Set((shown?.breakdown.scenes || []).map((scene) => String(scene.id)));
  // A correction whose scene is not in the version shown (a new version cut it) is listed apart.
  const elsewhere = shown?.current ? data.corrections.filter((doc) => !sceneIds.has(String(doc.correction?.scene))) : [];
  const correct = async (list) => {
    for (const correction of list) {
      await sync.write(dbName, breakdownCorrection(personId, correction));
    }
  };
  return html`
    <main id="main" class="script-screen">
      <div class="heading-row">
        <h2>Script: ${title}</h2>
        <a class="button secondary" href="#/">Back to projects</a>
      </div>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        ${data.versions.length === 0
          ? html`<p class="empty">No script yet. Upload the first version: its breakdown follows.</p>`
          : html`<ol class="versions" reversed>${data.versions.map((entry) => html`<${VersionRow} key=${entry.number}
              version=${entry} projectId=${projectId} shown=${shown?.number === entry.number} />`)}</ol>`}
        <${UploadForm} sync=${sync} personId=${personId} dbName=${dbName} uploads=${data.uploads} status=${status} />
      </section>
      <section aria-labelledby="breakdown-heading" class="breakdown">
        <h2 id="breakdown-heading">${shown ? `Breakdown of version ${shown.number}${shown.current ? " (current)" : ""}` : "Breakdown"}</h2>
        ${!shown && html`<p class="empty">${viewed ? `Version ${viewed} has no breakdown on this device.` : "No breakdown yet."}</p>`}
        ${shown && !shown.current && html`<p class="hint">An older version, as it was read: corrections go to the current version.
          <a href=${`#/project/${projectId}/script`}>Show the current version</a></p>`}
        ${elsewhere.length > 0 && html`<div class="corrections-elsewhere"><h3>Corrections to scenes not in this version</h3>
          <${CorrectionLines} entries=${elsewhere} status=${status} /></div>`}
        ${shown?.current && data.orphaned.length > 0 && html`<div class="note info"><p>These corrections no longer fit this version:</p>
          <ul>${data.orphaned.map((entry, index) => html`<li key=${index}>Scene ${entry.correction.scene}: ${entry.reason}</li>`)}</ul></div>`}
        ${shown && html`<${BreakdownList} key=${shown.number} breakdown=${shown.breakdown} editable=${shown.current}
          corrections=${shown.current ? data.corrections : []} status=${status} onCorrect=${correct} />`}
      </section>
    </main>`;
}
