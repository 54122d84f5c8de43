// One version of a take: the player (streamed through a short-lived link, asked for again when
// it dies), "Comment at <time>" filled from where the player is, and the comments in time order,
// each a button that takes the player there. Comments are written on this device first, so they
// can be made offline; each of this person's shows what became of it.
import { html } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";

import {
  COMMENT_MAX_CHARS, dailiesComment, timecodeSeconds, timecodeText, versionComments, versionLink,
} from "../dailies.js";

const STATE_TEXT = { unsent: "Waiting to go up", waiting: "Sent: waiting for NollyCrew", accepted: "Accepted", rejected: "Refused" };
const RENEW_BEFORE_MS = 30_000; // a link this close to its end is renewed before a seek or a play
const RETRIES_IN_A_ROW_MAX = 3; // a file that fails on fresh links is broken, not expired

/** The version's streaming link, renewed on demand: {link, reason, renew()}. Each link has its
 *  own `generation`: the player is a fresh element per link, as a link renewed within the same
 *  second is the same text and would not reload a player that failed on it. */
function useVersionLink(projectId, key, number, online) {
  const [link, setLink] = useState(null);
  const [reason, setReason] = useState("");
  const generation = useRef(0);
  const renew = async () => {
    const answer = await versionLink(projectId, key, number);
    if (answer.url) {
      generation.current += 1;
      setLink({ ...answer, generation: generation.current });
      setReason("");
    } else {
      setReason(answer.reason);
    }
    return answer;
  };
  useEffect(() => {
    // Back online: a link still good keeps playing where it is; a missing or dead one is asked for.
    if (!link || Date.now() > link.expiresAt - RENEW_BEFORE_MS) {
      renew();
    }
  }, [projectId, key, number, online]);
  return { link, reason, renew };
}

function CommentRow({ row, personId, names, onSeek }) {
  const who = row.by === personId ? "You" : names.get(row.by) || "The office";
  return html`
    <li class=${`dailies-comment${row.request ? ` request ${row.request.state}` : ""}`} data-comment-id=${row.id}
      data-state=${row.request?.state || "accepted"}>
      <button type="button" class="timecode" onClick=${() => onSeek(row.atS)} aria-label=${`Go to ${row.timecode}`}>${row.timecode}</button>
      <div class="comment-body">
        <p class="comment-text">${row.text}</p>
        <p class="hint">${who}${row.request ? html` · <span class="state">${STATE_TEXT[row.request.state]}${row.request.reason
          ? `: ${row.request.reason}` : ""}</span>` : ""}</p>
      </div>
    </li>`;
}

export function VersionPlayer({ sync, personId, projectId, doc, version, requests, reviewers, people, status }) {
  const videoRef = useRef(null);
  const textRef = useRef(null);
  const resume = useRef(null); // {atS, playing} to restore once a renewed link has loaded
  const retries = useRef(0);
  const fps = version.frame_rate_fps;
  const { link, reason, renew } = useVersionLink(projectId, doc.key, version.number, status.online);
  const [nowS, setNowS] = useState(0);
  const [timecode, setTimecode] = useState(timecodeText(0, fps));
  const [text, setText] = useState("");
  const [problem, setProblem] = useState("");
  const names = new Map([...people.map((entry) => [entry.personId, entry.name]),
    ...reviewers.map((entry) => [entry.person_id, entry.name])]);
  const rows = versionComments(version, requests, status);

  const restart = async (atS, playing) => {
    resume.current = { atS, playing };
    const answer = await renew();
    if (!answer.url) {
      resume.current = null;
    }
  };
  const fresh = async () => {
    const video = videoRef.current;
    if (video && link && Date.now() > link.expiresAt - RENEW_BEFORE_MS) {
      await restart(video.currentTime, !video.paused);
      return false;
    }
    return true;
  };
  const seek = async (atS) => {
    const video = videoRef.current;
    if (!video) {
      return;
    }
    if (await fresh()) {
      video.currentTime = atS;
    } else {
      resume.current = { ...resume.current, atS };
    }
    setNowS(atS);
  };
  const onLoaded = () => {
    const video = videoRef.current;
    retries.current = 0;
    if (resume.current) {
      const { atS, playing } = resume.current;
      resume.current = null;
      video.currentTime = atS;
      if (playing) {
        video.play().catch(() => {});
      }
    }
  };
  const onError = () => {
    // Most often the link died (15 minutes) while the player still needed bytes: ask again,
    // and carry on from the same place.
    const video = videoRef.current;
    if (!video || !navigator.onLine || retries.current >= RETRIES_IN_A_ROW_MAX) {
      setProblem(navigator.onLine ? "This version does not play: its file may be damaged. Upload it again." : "");
      return;
    }
    retries.current += 1;
    restart(resume.current?.atS ?? video.currentTime, resume.current?.playing ?? !video.paused);
  };
  const commentHere = () => {
    setTimecode(timecodeText(videoRef.current?.currentTime ?? nowS, fps));
    textRef.current?.focus();
  };
  const send = async (event) => {
    event.preventDefault();
    const atS = timecodeSeconds(timecode, fps);
    if (atS === null) {
      setProblem("A timecode is HH:MM:SS:FF, like 00:01:12:05.");
      return;
    }
    if (!text.trim()) {
      setProblem("Write the comment first.");
      return;
    }
    setProblem("");
    try {
      await sync.write(sync.userDb, dailiesComment(personId, {
        projectId, label: doc.label, version: version.number, timecode, atS, text,
      }));
      setText("");
    } catch (failure) {
      setProblem(`This device could not save the comment: ${failure.message}`);
    }
  };
  const vtt = version.subtitles?.vtt;
  const here = timecodeText(nowS, fps);
  return html`
    <section class="dailies-player" aria-labelledby="player-heading" data-version=${version.number}>
      <h3 id="player-heading">${doc.label} · version ${version.number}</h3>
      <p class="hint">${fps} frames a second${version.note ? ` · ${version.note}` : ""}</p>
      ${link
        ? html`<video key=${link.generation} ref=${videoRef} class="player" controls preload="metadata" playsinline src=${link.url}
            aria-label=${`Dailies ${doc.label}, version ${version.number}`} onTimeUpdate=${() => setNowS(videoRef.current.currentTime)}
            onSeeked=${() => setNowS(videoRef.current.currentTime)} onLoadedMetadata=${onLoaded} onError=${onError}
            onPlay=${fresh}>${vtt && html`<track kind="subtitles" src=${`/media/${vtt}`}
              srclang=${version.transcript?.language || "en"} label="Subtitles" default />`}</video>`
        : html`<p class="hint player-missing" role="status">${reason || "Asking for a link to play this version…"}</p>`}
      ${version.transcript?.status === "done" && html`<details class="dailies-transcript">
        <summary>What is said in this take (${version.transcript.language})</summary><p>${version.transcript.text}</p></details>`}
      ${version.transcript?.status === "refused" && html`<p class="hint">No subtitles: ${version.transcript.reason}</p>`}
      <form class="dailies-comment-form" onSubmit=${send}>
        <button type="button" class="secondary comment-here" onClick=${commentHere}>Comment at ${here}</button>
        <label for="comment-timecode">Timecode (HH:MM:SS:FF at ${fps} frames a second)</label>
        <input id="comment-timecode" value=${timecode} inputmode="numeric" autocomplete="off"
          onInput=${(event) => setTimecode(event.target.value)} />
        <label for="comment-text">Comment</label>
        <textarea id="comment-text" ref=${textRef} rows="3" maxlength=${COMMENT_MAX_CHARS} value=${text}
          onInput=${(event) => setText(event.target.value)}></textarea>
        <button type="submit">Add the comment</button>
        ${problem && html`<p class="note error" role="alert">${problem}</p>`}
        ${!status.online && html`<p class="hint" role="status">Offline: what has loaded still plays; comments wait on this device
          and go up when the signal returns.</p>`}
      </form>
      <h4>Comments</h4>
      ${rows.length === 0 ? html`<p class="empty">No comments on this version yet.</p>`
        : html`<ol class="dailies-comments" aria-label=${`Comments on ${doc.label} version ${version.number}`} aria-live="polite">
            ${rows.map((row) => html`<${CommentRow} key=${row.id} row=${row} personId=${personId} names=${names} onSeek=${seek} />`)}
          </ol>`}
    </section>`;
}
