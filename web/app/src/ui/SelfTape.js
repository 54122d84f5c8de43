// One self-tape of an application: the player (the file kept by the media worker, with its
// subtitles) and the transcript. The transcript is on the synced application, so it reads the
// same offline; only the playback needs the network.
import { html } from "htm/preact";

function minutes(seconds) {
  const whole = Math.round(seconds || 0);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function Player({ kind, transcript, name }) {
  const src = `/media/${transcript.media_id}`;
  const vtt = transcript.subtitles?.vtt;
  const track = vtt && html`<track kind="subtitles" src=${`/media/${vtt}`} srclang=${transcript.language || "en"}
    label=${`Subtitles (${transcript.language || "en"})`} default />`;
  const label = `Self-tape of ${name}`;
  return kind === "video"
    ? html`<video controls preload="none" src=${src} aria-label=${label} class="player">${track}</video>`
    : html`<audio controls preload="none" src=${src} aria-label=${label} class="player">${track}</audio>`;
}

export function SelfTape({ tape, name, online }) {
  const { item, transcript } = tape;
  const kind = String(item.content_type || "").split("/")[0];
  const what = kind === "video" ? "Video" : kind === "audio" ? "Voice note" : "Photo";
  return html`
    <figure class="self-tape" data-media-index=${tape.index}>
      <figcaption>${what}${transcript?.duration_s ? ` · ${minutes(transcript.duration_s)}` : ""}
        ${transcript?.language ? ` · ${transcript.language}` : ""}</figcaption>
      ${transcript?.media_id && (kind === "audio" || kind === "video")
        ? html`<${Player} kind=${kind} transcript=${transcript} name=${name} />
          ${!online && html`<p class="hint">Playback needs the network; the transcript is here.</p>`}`
        : kind !== "image" && html`<p class="hint">${transcript ? "The file is still in the chat." : "Not transcribed yet."}</p>`}
      ${transcript?.status === "done" && html`
        <blockquote class="transcript" aria-label=${`Transcript of ${name}'s ${what.toLowerCase()}`}>
          ${transcript.text || html`<em>Nobody speaks in this file.</em>`}
        </blockquote>`}
      ${transcript?.status === "refused" && html`<p class="hint">No transcript: ${transcript.reason}</p>`}
    </figure>`;
}
