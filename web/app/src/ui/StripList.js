// The strips of one shoot day (or of the boneyard), and the board beside the solver's proposal.
import { html } from "htm/preact";

import { pages } from "../board.js";

const DRAG_TYPE = "text/plain";

function stripText(sceneId, scene) {
  if (!scene) {
    return { short: `Scene ${sceneId}`, long: `Scene ${sceneId} (not in the breakdown)` };
  }
  const where = [scene.int_ext, scene.set].filter(Boolean).join(" ");
  const length = pages(scene.eighths || 1);
  return {
    short: `${scene.number || sceneId} · ${where} · ${scene.time_of_day || scene.day_night || ""} · ${length}`,
    long: `Scene ${scene.number || sceneId}, ${where}, ${(scene.time_of_day || scene.day_night || "").toLowerCase()}, ${length} pages`,
  };
}

function Strip({ info, index, place, selected, onSelect, onDrop }) {
  const text = stripText(info.sceneId, info.scene);
  const movable = Boolean(onSelect);
  return html`
    <li class=${`strip strip-${info.colour}${selected ? " selected" : ""}`} data-scene-id=${info.sceneId}
      draggable=${movable ? "true" : "false"}
      onDragStart=${(e) => e.dataTransfer.setData(DRAG_TYPE, info.sceneId)}
      onDragOver=${(e) => movable && e.preventDefault()}
      onDrop=${(e) => {
        if (!movable) {
          return;
        }
        e.preventDefault();
        e.stopPropagation(); // dropped on a strip: it goes before this one, not at the day's end
        onDrop(e.dataTransfer.getData(DRAG_TYPE), place, index);
      }}>
      ${movable
        ? html`<button type="button" aria-pressed=${selected ? "true" : "false"} aria-label=${text.long}
            onClick=${() => onSelect(info.sceneId)}>${text.short}</button>`
        : html`<span aria-label=${text.long}>${text.short}</span>`}
      ${info.scene?.synopsis && html`<span class="synopsis">${info.scene.synopsis}</span>`}
    </li>`;
}

/** One shoot day's strips and its day break, or the boneyard. Without onSelect it is read only. */
export function DayColumn({ title, place, ids, strip, selected, onSelect, onDrop, dayBreak, children, side = "" }) {
  const headingId = `strips-${String(title).replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${side || (onSelect ? "board" : "proposal")}`;
  return html`
    <section class=${`strip-day${place === "boneyard" ? " boneyard" : ""}`} aria-labelledby=${headingId} data-place=${place}>
      <h3 id=${headingId}>${title}</h3>
      <ol class="strips" aria-label=${`${title} strips`}
        onDragOver=${(e) => onSelect && e.preventDefault()}
        onDrop=${(e) => {
          if (onSelect) {
            e.preventDefault();
            onDrop(e.dataTransfer.getData(DRAG_TYPE), place, null);
          }
        }}>
        ${ids.length === 0 && html`<li class="empty">${onSelect ? "No strips: drop one here." : "No strips."}</li>`}
        ${ids.map((id, index) => html`<${Strip} key=${id} info=${strip(id)} index=${index} place=${place}
          selected=${selected === id} onSelect=${onSelect} onDrop=${onDrop} />`)}
      </ol>
      ${dayBreak && html`<p class="day-break">${dayBreak}</p>`}
      ${children}
    </section>`;
}

function Proposal({ proposal, strip, onUse }) {
  if (proposal.status === "solving") {
    return html`<p role="status">Draft ${proposal.number}: the solver is working on it…</p>`;
  }
  if (proposal.status !== "ready") {
    return html`<div role="status"><p>Draft ${proposal.number} could not be made:</p>
      <ul>${(proposal.reasons || []).map((reason) => html`<li>${reason}</li>`)}</ul></div>`;
  }
  const schedule = proposal.schedule;
  const moved = schedule.moved_by_solver || [];
  return html`
    ${schedule.from_board && html`<div role="status" class="board-check">
      ${moved.length === 0
        ? html`<p>Your board works as arranged: every strip kept its day.</p>`
        : html`<p>Your board, with ${moved.length === 1 ? "one strip" : `${moved.length} strips`} moved:</p>
          <ul>${moved.map((move) => html`<li>Scene ${strip(move.scene_id).scene?.number || move.scene_id}:
            ${move.from_date} → ${move.to_date || "boneyard"}. ${move.reason}</li>`)}</ul>`}
    </div>`}
    <button type="button" onClick=${() => onUse(proposal)}>Use draft ${proposal.number} as the board</button>
    ${schedule.days.map((day) => html`<${DayColumn} key=${day.day} title=${`Day ${day.day} · ${day.date}`} place=${day.day}
      ids=${day.scenes.map((slot) => String(slot.scene_id))} strip=${strip}
      dayBreak=${`End of day ${day.day} · call ${day.call || "?"}, wrap ${day.wrap || "?"}`} />`)}
    ${(schedule.boneyard || []).length > 0 && html`<${DayColumn} title="Boneyard" place="boneyard"
      ids=${schedule.boneyard.map(String)} strip=${strip} />`}`;
}

/** The board, with the solver's proposal beside it (below it on a phone) once one is asked for. */
export function BoardColumns({ proposal, strip, onUse, children }) {
  return html`
    <div class=${`board-columns${proposal ? " with-proposal" : ""}`}>
      <section class="board-current" aria-label="Current board">${children}</section>
      ${proposal && html`
        <section class="board-proposal" aria-labelledby="proposal-heading">
          <h3 id="proposal-heading">Proposal: draft ${proposal.number}</h3>
          <${Proposal} proposal=${proposal} strip=${strip} onUse=${onUse} />
        </section>`}
    </div>`;
}

/** Two versions of the board side by side, read only, each strip marked where they differ. */
export function VersionsSideBySide({ versions, strip, differing }) {
  const mark = (id) => ({ ...strip(id), colour: `${strip(id).colour}${differing.has(id) ? " differs" : ""}` });
  return html`
    <div class="board-columns with-proposal">
      ${versions.map(({ label, side, board }) => html`
        <section class="board-version" aria-label=${label} key=${side}>
          <h3>${label}</h3>
          ${board.days.map((day) => html`<${DayColumn} key=${day.day} side=${side} title=${`Day ${day.day}${day.date ? ` · ${day.date}` : ""}`}
            place=${day.day} ids=${day.scenes} strip=${mark} />`)}
          <${DayColumn} side=${side} title="Boneyard" place="boneyard" ids=${board.boneyard} strip=${mark} />
        </section>`)}
    </div>`;
}
