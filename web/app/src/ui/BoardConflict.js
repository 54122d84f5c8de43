// Two versions of the stripboard (or of a day's call-sheet notes) made on two devices while
// offline: shown side by side, and a person decides what stays. Nothing is dropped silently.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { BONEYARD, differences, merge } from "../board.js";
import { VersionsSideBySide } from "./StripList.js";

function placeText(place) {
  if (place === null) {
    return "not on this version";
  }
  return place === BONEYARD ? "boneyard" : `day ${place}`;
}

function who(doc, personId) {
  const when = (doc.updated_at || "").slice(11, 19);
  return `${doc.author === personId ? "you" : "another office member"}${when ? ` (saved ${when} UTC)` : ""}`;
}

/** The board in conflict: each strip that differs, with a choice of where it goes. */
export function BoardConflict({ mine, other, personId, scenes, strip, onResolve }) {
  const diffs = differences(mine, other.doc);
  const [choices, setChoices] = useState({});
  const choose = (sceneId, side) => setChoices({ ...choices, [sceneId]: side });
  const keepAll = (side) => onResolve(side === "mine" ? mine : other.doc);
  return html`
    <section class="board-conflict" role="alert" aria-labelledby="board-conflict-heading">
      <h3 id="board-conflict-heading">Two versions of this board</h3>
      <p>This board was changed on two devices while they were offline: "this version" by ${who(mine, personId)},
        the "other version" by ${who(other.doc, personId)}. Choose where each strip goes, then save; both versions
        are kept until you do.</p>
      ${diffs.length === 0
        ? html`<p>Every strip is on the same day in both versions (only their order within a day differs).</p>`
        : html`
        <table class="diff">
          <caption>Strips that differ</caption>
          <thead><tr><th scope="col">Scene</th><th scope="col">This version</th><th scope="col">Other version</th></tr></thead>
          <tbody>
            ${diffs.map((diff) => {
              const label = `Scene ${scenes[diff.sceneId]?.number || diff.sceneId}`;
              const side = choices[diff.sceneId] || "mine";
              return html`
                <tr key=${diff.sceneId} data-scene-id=${diff.sceneId}>
                  <th scope="row">${label}</th>
                  <td><label class="check"><input type="radio" name=${`keep-${diff.sceneId}`} checked=${side === "mine"}
                    onChange=${() => choose(diff.sceneId, "mine")} aria-label=${`${label}: ${placeText(diff.mine.place)} (this version)`} />
                    ${placeText(diff.mine.place)}</label></td>
                  <td><label class="check"><input type="radio" name=${`keep-${diff.sceneId}`} checked=${side === "other"}
                    onChange=${() => choose(diff.sceneId, "other")} aria-label=${`${label}: ${placeText(diff.other.place)} (other version)`} />
                    ${placeText(diff.other.place)}</label></td>
                </tr>`;
            })}
          </tbody>
        </table>`}
      <div class="actions">
        <button type="button" onClick=${() => onResolve(merge(mine, other.doc, choices))}>Save the strips as chosen</button>
        <button type="button" class="secondary" onClick=${() => keepAll("mine")}>Keep this version</button>
        <button type="button" class="secondary" onClick=${() => keepAll("other")}>Keep the other version</button>
      </div>
      <${VersionsSideBySide} strip=${strip} differing=${new Set(diffs.map((diff) => diff.sceneId))} versions=${[
        { label: "This version", side: "this", board: mine }, { label: "Other version", side: "other", board: other.doc },
      ]} />
    </section>`;
}

/** A day's call-sheet notes in conflict: both texts, and which to keep (or both). */
export function NotesConflict({ label, mine, other, onResolve }) {
  return html`
    <div class="notes-conflict" role="alert">
      <p><strong>${label}: two versions of these notes.</strong> Choose what stays.</p>
      <div class="side-by-side">
        <figure><figcaption>This version</figcaption><blockquote>${mine.text}</blockquote></figure>
        <figure><figcaption>Other version</figcaption><blockquote>${other.doc.text}</blockquote></figure>
      </div>
      <div class="actions">
        <button type="button" onClick=${() => onResolve(`${mine.text}\n${other.doc.text}`)}>Keep both texts</button>
        <button type="button" class="secondary" onClick=${() => onResolve(mine.text)}>Keep this version</button>
        <button type="button" class="secondary" onClick=${() => onResolve(other.doc.text)}>Keep the other version</button>
      </div>
    </div>`;
}
