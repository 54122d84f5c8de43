// Dailies review on the office's devices: rushes labelled by scene and take, a version per
// upload, time-coded comments per version (core/dailies.py keeps them in "dailies:<key>" in the
// office database), and the office's requests about them.
//
// An upload is two steps: the file goes to the media store (it needs the network), then a
// `dailies_upload` intent in the office database names it. A comment is a `dailies_comment`
// intent in the person's own database (invited reviewers cannot write in the office's), so it
// can be written offline and goes up with the next push. Playback streams the version through
// a link that dies within 15 minutes (web/dailies_routes.py): the player asks again for a new one.
import { newIntent, requestState } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const DAILIES_ROUTE = /^#\/project\/([a-z0-9]+)\/dailies(?:\/([a-z0-9-]{1,40})\/(\d{1,3}))?$/;
export const DAILIES_UPLOAD = "dailies_upload";
export const DAILIES_COMMENT = "dailies_comment";
export const DAILIES_REVIEWER_INVITE = "dailies_reviewer_invite";
export const DAILIES_REVIEWER_REMOVE = "dailies_reviewer_remove";
const REVIEWERS_ID = "dailies_reviewers";
// core/dailies.py: the frame rates a version may carry, and the one taken when none is given.
export const FRAME_RATES_FPS = [24, 25, 30, 50, 60];
export const DEFAULT_FRAME_RATE_FPS = 25;
export const LABEL_MAX_CHARS = 40;
export const COMMENT_MAX_CHARS = 1000;
export const NOTE_MAX_CHARS = 500;
const TIMECODE = /^(\d{1,2}):([0-5]\d):([0-5]\d)(?::(\d{1,2}))?$/;
const UPLOAD_KIND = "dailies";
const SEARCH_LIMIT = 10;
const OFFLINE_UPLOAD = "Uploading rushes needs the network: try again when you have signal.";

/** The label as the core keys it (core/dailies.py label_key): "12A/3" -> "12a-3". */
export function labelKey(label) {
  return label.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** "HH:MM:SS:FF" of a time in the take at `fps`: a frame starts at its time, so never round up. */
export function timecodeText(atS, fps) {
  const framesTotal = Math.floor(atS * fps + 1e-6);
  const seconds = Math.floor(framesTotal / fps);
  const frames = framesTotal % fps;
  const two = (n) => String(n).padStart(2, "0");
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}:${two(frames)}`;
}

/** Seconds from the start of a timecode at `fps`, or null when it is not HH:MM:SS(:FF). */
export function timecodeSeconds(timecode, fps) {
  const match = TIMECODE.exec(timecode.trim());
  if (!match) {
    return null;
  }
  const [hours, minutes, seconds, frames] = match.slice(1).map((part) => Number(part || 0));
  return hours * 3600 + minutes * 60 + seconds + frames / fps;
}

export function dailiesUpload(author, { mediaId, label, note, frameRateFps }) {
  return newIntent(DAILIES_UPLOAD, author, {
    media_id: mediaId, label: label.trim(), note: note.trim(), frame_rate_fps: Number(frameRateFps),
  });
}

/** A comment on one version; `atS` goes too, so a comment still on the device sorts in time. */
export function dailiesComment(author, { projectId, label, version, timecode, atS, text }) {
  return newIntent(DAILIES_COMMENT, author, {
    project_id: projectId, label, version, timecode: timecode.trim(), at_s: atS, text: text.trim(),
  });
}

export function reviewerInvite(author, personId, name) {
  return { ...newIntent(DAILIES_REVIEWER_INVITE, author, { person_id: personId }), person_name: name };
}

export function reviewerRemove(author, personId, name) {
  return { ...newIntent(DAILIES_REVIEWER_REMOVE, author, { person_id: personId }), person_name: name };
}

/** A version's comments, the core's and this person's still on their way, in time order:
 *  [{atS, timecode, text, by, request: {state, reason} | null, id}]. A comment the core made
 *  from one of this person's requests is shown once, as accepted. */
export function versionComments(version, requests, status) {
  const unsent = new Set(status.unsentIds);
  const byIntent = new Map(requests.map((doc) => [doc._id, doc]));
  const made = new Set();
  const rows = (version?.comments || []).map((comment) => {
    made.add(comment.source_intent);
    const mine = byIntent.get(comment.source_intent);
    return {
      id: comment.source_intent, atS: comment.at_s, timecode: comment.timecode, text: comment.text, by: comment.by,
      request: mine ? requestState(mine, unsent, status.denied) : null,
    };
  });
  for (const doc of requests.filter((request) => !made.has(request._id))) {
    rows.push({
      id: doc._id, atS: doc.at_s ?? 0, timecode: doc.timecode, text: doc.text, by: doc.author,
      request: requestState(doc, unsent, status.denied),
    });
  }
  return rows.sort((a, b) => a.atS - b.atS || (a.id < b.id ? -1 : 1));
}

/** Everything the dailies screen shows, from this device's databases: {labels: [{key, label,
 *  versions}], uploads, comments (this person's requests on this project), reviewers, invites}. */
export async function loadDailies(office, user, projectId) {
  const [labels, uploads, comments, reviewers, invites, removals] = await Promise.all([
    docsWithPrefix(office, "dailies:"),
    docsWithPrefix(office, `${DAILIES_UPLOAD}:`),
    docsWithPrefix(user, `${DAILIES_COMMENT}:`),
    getOrNull(office, REVIEWERS_ID),
    docsWithPrefix(office, `${DAILIES_REVIEWER_INVITE}:`),
    docsWithPrefix(office, `${DAILIES_REVIEWER_REMOVE}:`),
  ]);
  const newestFirst = (a, b) => (a.created_at < b.created_at ? 1 : -1);
  return {
    labels: labels.sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true })),
    uploads: uploads.sort(newestFirst),
    comments: comments.filter((doc) => doc.project_id === projectId).sort(newestFirst),
    reviewers: reviewers?.people || [],
    reviewerRequests: [...invites, ...removals].sort(newestFirst),
  };
}

/** Sends the rushes to the media store: {mediaId} or {reason}. `onProgress(sentBytes, totalBytes)`.
 *  The server says where: its own /media/dailies (local files), or a presigned POST straight to
 *  the bucket (S3), which is then checked by /media/uploads/<id>/complete. */
export async function uploadDailiesFile(file, onProgress) {
  if (!navigator.onLine) {
    return { reason: OFFLINE_UPLOAD };
  }
  try {
    const where = await postJson(`/media/${UPLOAD_KIND}/upload-link`, { content_type: file.type || "video/mp4", size: file.size });
    if (!where.ok) {
      return { reason: where.body.reason || `The server said no (${where.status}).` };
    }
    if (!where.body.media_id) {
      const sent = await sendWithProgress(`/media/${UPLOAD_KIND}`, file, onProgress);
      return sent.ok ? { mediaId: sent.body.media_id } : { reason: sent.body.reason || `The server said no (${sent.status}).` };
    }
    const form = new FormData();
    Object.entries(where.body.fields || {}).forEach(([name, value]) => form.append(name, value));
    form.append("file", file);
    const stored = await sendWithProgress(where.body.url, form, onProgress, false);
    if (!stored.ok) {
      return { reason: `The file store refused the file (${stored.status}): send it again.` };
    }
    const done = await postJson(`/media/uploads/${where.body.media_id}/complete`, {});
    return done.ok ? { mediaId: done.body.media_id } : { reason: done.body.reason || `The server said no (${done.status}).` };
  } catch (error) {
    return { reason: OFFLINE_UPLOAD };
  }
}

async function postJson(url, body) {
  const answer = await fetch(url, {
    method: "POST", credentials: "same-origin", body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Accept: "application/json" },
  });
  return { ok: answer.ok, status: answer.status, body: await answer.json().catch(() => ({})) };
}

/** XMLHttpRequest, not fetch: only it tells how much of a large file has gone up on a slow link. */
function sendWithProgress(url, body, onProgress, sameOrigin = true) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.withCredentials = sameOrigin;
    if (sameOrigin) {
      request.setRequestHeader("Content-Type", "application/octet-stream");
    }
    request.upload.onprogress = (event) => onProgress?.(event.loaded, event.total);
    request.onload = () => {
      let parsed = {};
      try {
        parsed = JSON.parse(request.responseText || "{}");
      } catch (error) {
        parsed = {}; // S3 answers a POST with an empty body or XML: only its status matters
      }
      resolve({ ok: request.status >= 200 && request.status < 300, status: request.status, body: parsed });
    };
    request.onerror = () => reject(new Error("network"));
    request.send(body);
  });
}

/** A link that streams one version: {url, expiresAt (ms)} or {reason}. */
export async function versionLink(projectId, key, number) {
  if (!navigator.onLine) {
    return { reason: "Playback needs the network; the comments are here." };
  }
  try {
    const answer = await fetch(`/projects/${projectId}/dailies/${key}/${number}/link`, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      return { reason: body.reason || `The server said no (${answer.status}).` };
    }
    return { url: body.url, expiresAt: body.expires_at * 1000 };
  } catch (error) {
    return { reason: "Playback needs the network; the comments are here." };
  }
}

/** People in the NollyCrew directory matching `typed` (an agent, an investor: reviewers are
 *  mostly outside the project): {people: [{personId, name, what}]} or {reason}. */
export async function searchDirectory(typed) {
  if (!navigator.onLine) {
    return { reason: "Searching all of NollyCrew needs the network; the project's own people are listed offline." };
  }
  try {
    const answer = await fetch(`/search/people?${new URLSearchParams({ q: typed.trim(), limit: String(SEARCH_LIMIT) })}`, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      return { reason: body.reason || `NollyCrew did not answer the search (${answer.status}).` };
    }
    return {
      people: body.results.map((hit) => ({ personId: hit.person_id, name: hit.name, what: hit.headline || hit.department || "" })),
    };
  } catch (error) {
    return { reason: "Searching all of NollyCrew needs the network." };
  }
}
