// One self-tape of an application: the player (the file kept by the media worker, with its
// subtitles) and the transcript. The transcript is on the synced application, so it reads the
// same offline; only the playback needs the network.
//
// Where the media worker made copies (core/media_derivatives.py: `derived_media` on the
// application), a video plays its low-bandwidth copy (16 MB, 300 kbit/s: it plays over 2G) with
// the thumbnail as its poster, and a voice note its evened-out copy; the original stays a link.
import { html } from "htm/preact";

function minutes(seconds) {
  const whole = Math.round(seconds || 0);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** What the player plays: {src, poster, original}, the worker's copies where it made them. */
function sources(kind, transcript, derived) {
  const copies = derived?.status === "done" ? derived.media || {} : {};
  const copy = kind === "video" ? copies.video_low : copies.voice_normalised;
  return {
    src: `/media/${copy || transcript.media_id}`,
    poster: kind === "video" && copies.thumbnail ? `/media/${copies.thumbnail}` : undefined,
    original: copy ? `/media/${transcript.media_id}` : "",
  };
}

function Player({ kind, transcript, derived, name }) {
  const { src, poster, original } = sources(kind, transcript, derived);
  const vtt = transcript.subtitles?.vtt;
  const track = vtt && html`<track kind="subtitles" src=${`/media/${vtt}`} srclang=${transcript.language || "en"}
    label=${`Subtitles (${transcript.language || "en"})`} default />`;
  const label = `Self-tape of ${name}`;
  const player = kind === "video"
    ? html`<video controls preload="none" src=${src} poster=${poster} aria-label=${label} class="player">${track}</video>`
    : html`<audio controls preload="none" src=${src} aria-label=${label} class="player">${track}</audio>`;
  return html`${player}${original && html`<a class="original-link" href=${original} target="_blank" rel="noopener"
    aria-label=${`Original ${kind === "video" ? "video" : "voice note"} of ${name}`}>Original file (full quality, larger)</a>`}`;
}

export function SelfTape({ tape, name, online, derived = null }) {
  const { item, transcript } = tape;
  const kind = String(item.content_type || "").split("/")[0];
  const what = kind === "video" ? "Video" : kind === "audio" ? "Voice note" : "Photo";
  return html`
    <figure class="self-tape" data-media-index=${tape.index}>
      <figcaption>${what}${transcript?.duration_s ? ` · ${minutes(transcript.duration_s)}` : ""}
        ${transcript?.language ? ` · ${transcript.language}` : ""}</figcaption>
      ${transcript?.media_id && (kind === "audio" || kind === "video")
        ? html`<${Player} kind=${kind} transcript=${transcript} derived=${derived} name=${name} />
          ${!online && html`<p class="hint">Playback needs the network; the transcript is here.</p>`}`
        : kind !== "image" && html`<p class="hint">${transcript ? "The file is still in the chat." : "Not transcribed yet."}</p>`}
      ${transcript?.status === "done" && html`
        <blockquote class="transcript" aria-label=${`Transcript of ${name}'s ${what.toLowerCase()}`}>
          ${transcript.text || html`<em>Nobody speaks in this file.</em>`}
        </blockquote>`}
      ${transcript?.status === "refused" && html`<p class="hint">No transcript: ${transcript.reason}</p>`}
    </figure>`;
}
