// The stripboard (#/project/<id>/board): strips coloured by INT/EXT and DAY/NIGHT, a black day
// break after each shoot day, the boneyard, call-sheet notes per day; strips move by drag and
// drop, or by tapping one and choosing where it goes (phone and keyboard). "Optimise" asks the
// solver and shows its proposal beside the board; "Check my board" has it time the board as
// arranged, saying what it had to move and why; "Publish" sends a solver draft.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import {
  BONEYARD, addDay, boardFromBreakdown, boardFromSchedule, getOrNull, loadBoard, loadNotes, moveStrip, notesId,
  nudgeStrip, pages, placeOf, resolveConflict, saveBoard, saveNotes, stripColour,
} from "../board.js";
import { SCHEDULE_PUBLISH, SCHEDULE_REQUEST, latestRequest, proposalFor, schedulePublish, scheduleRequest } from "../boardRequests.js";
import { BoardConflict, NotesConflict } from "./BoardConflict.js";
import { DayColumn, BoardColumns } from "./StripList.js";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes redraws the board once
const RETRY_DELAY_MS = 2000;

function useOfficeData(sync, projectId) {
  const dbName = `office_${projectId}`;
  const db = sync.databases.get(dbName)?.local;
  const projectDb = sync.databases.get(`project_${projectId}`)?.local;
  const [data, setData] = useState(null);
  useEffect(() => {
    if (!db) {
      return undefined;
    }
    let timer = null;
    let live = true;
    const load = async () => {
      const [stored, notes, breakdown, schedule, optimise, publish] = await Promise.all([
        loadBoard(db), loadNotes(db), getOrNull(db, "breakdown"), projectDb ? getOrNull(projectDb, "schedule") : null,
        latestRequest(db, SCHEDULE_REQUEST), latestRequest(db, SCHEDULE_PUBLISH),
      ]);
      const proposal = await proposalFor(db, optimise);
      if (live) {
        setData({ ...stored, notes, breakdown, schedule, optimise, publish, proposal });
      }
    };
    // A read that fails (the office database still opening) is tried again, not left blank.
    const reload = (delay = RELOAD_DELAY_MS) => {
      clearTimeout(timer);
      timer = setTimeout(() => load().catch((error) => {
        console.error(error);
        if (live) {
          reload(RETRY_DELAY_MS);
        }
      }), delay);
    };
    reload(0);
    const feeds = [db, projectDb].filter(Boolean).map((source) => source.changes({ since: "now", live: true }).on("change", () => reload()));
    return () => {
      live = false;
      clearTimeout(timer);
      feeds.forEach((feed) => feed.cancel());
    };
  }, [db, projectDb]);
  return { dbName, db, data };
}

function requestLine(doc, unsentIds, what) {
  if (!doc) {
    return null;
  }
  let text = `${what}: sent, waiting for NollyCrew`;
  if (unsentIds.includes(doc._id)) {
    text = `${what}: waiting to go up`;
  } else if (doc.outcome?.status === "accepted") {
    text = `${what}: accepted`;
  } else if (doc.outcome) {
    text = `${what}: refused: ${doc.outcome.reason || "no reason given"}`;
  }
  return html`<p class=${`request-line ${doc.outcome?.status || "waiting"}`} role="status">${text}</p>`;
}

function StartBoard({ data, onStart }) {
  return html`
    <section class="board-start">
      <p>There is no board yet. Start it from:</p>
      <div class="actions">
        ${data.schedule && html`<button type="button" onClick=${() => onStart(boardFromSchedule(data.schedule, { from: "schedule", version: data.schedule.version }))}>
          The published schedule (version ${data.schedule.version})</button>`}
        ${data.breakdown && html`<button type="button" class="secondary" onClick=${() => onStart(boardFromBreakdown(data.breakdown))}>
          The breakdown (every scene in the boneyard)</button>`}
      </div>
      ${!data.schedule && !data.breakdown && html`<p class="hint">Upload the script first: strips are made from its breakdown.</p>`}
    </section>`;
}

function NotesForDay({ day, entry, onSave, onResolve }) {
  const [text, setText] = useState(entry?.doc.text || "");
  const [saved, setSaved] = useState(""); // "", "saved" or why it was not
  useEffect(() => setText(entry?.doc.text || ""), [entry?.doc._rev]);
  const id = `notes-${day.day}`;
  const label = `Call-sheet notes for day ${day.day}`;
  if (entry?.others.length) {
    return html`<${NotesConflict} label=${label} mine=${entry.doc} other=${entry.others[0]} onResolve=${(chosen) => onResolve(entry, chosen)} />`;
  }
  return html`
    <div class="day-notes">
      <label for=${id}>${label}</label>
      <textarea id=${id} rows="2" value=${text} onInput=${(e) => { setText(e.target.value); setSaved(""); }} />
      <button type="button" class="secondary" onClick=${() => onSave(day, entry?.doc || null, text).then(() => setSaved("saved"),
        (error) => setSaved(error.status === 409 ? "These notes changed on another device a moment ago: look again, then save."
          : `Not saved: ${error.message || error}`))}>
        Save notes for day ${day.day}</button>
      ${saved === "saved" && html`<span class="hint" role="status"> Saved on this device.</span>`}
      ${saved && saved !== "saved" && html`<p class="note error" role="alert">${saved}</p>`}
    </div>`;
}

export function Stripboard({ sync, personId, projectId, project, status }) {
  // Re-rendered on every sync status change, so the office database is picked up once it opens.
  const { dbName, db, data } = useOfficeData(sync, projectId);
  const [selected, setSelected] = useState(null);
  const [target, setTarget] = useState("");
  const [problem, setProblem] = useState("");
  if (!db || !data) {
    return html`<main id="main" class="stripboard"><p class="loading">Opening the production office…</p></main>`;
  }
  const title = project?.title || "this project";
  const scenes = Object.fromEntries((data.breakdown?.scenes || []).map((scene) => [String(scene.id), scene]));
  const board = data.board;
  const conflict = board && data.others.length > 0 ? data.others[0] : null;
  // A change that came down a moment ago makes this edit stale (409): say so, never lose it quietly.
  const saved = (writing) => writing.then(() => setProblem(""), (error) => setProblem(error.status === 409
    ? "The board changed on another device a moment ago, so that change was not saved. Look again and redo it."
    : `That change was not saved on this device: ${error.message || error}`));
  const save = (next) => saved(saveBoard(sync, dbName, personId, board, next));
  const move = (sceneId, place, index = null) => save(moveStrip(board, sceneId, place, index));
  const strip = (sceneId) => ({ sceneId, scene: scenes[sceneId], colour: stripColour(scenes[sceneId]) });
  const optimiseBusy = data.optimise && !data.optimise.outcome;
  const publishable = board?.source?.from === "draft" && !board.source.edited;

  const selectedPlace = selected && board ? placeOf(board, selected) : null;
  const moveSelected = () => {
    const place = target === BONEYARD ? BONEYARD : Number.parseInt(target, 10);
    if (selected && (place === BONEYARD || board.days.some((day) => day.day === place))) {
      move(selected, place);
    }
  };
  const selectedLabel = selected ? `scene ${scenes[selected]?.number || selected}` : "";

  return html`
    <main id="main" class="stripboard">
      <div class="heading-row">
        <h2>Stripboard: ${title}</h2>
        <a class="button secondary" href="#/">Back to projects</a>
      </div>
      <ul class="legend" aria-label="Strip colours">
        <li class="strip-white">INT day</li><li class="strip-yellow">EXT day</li>
        <li class="strip-blue">INT night</li><li class="strip-green">EXT night</li>
      </ul>
      ${problem && html`<p class="note error" role="alert">${problem}</p>`}
      ${!board && html`<${StartBoard} data=${data} onStart=${(next) => saved(saveBoard(sync, dbName, personId, null, next))} />`}
      ${conflict && html`<${BoardConflict} key=${conflict.rev} mine=${board} other=${conflict} personId=${personId} scenes=${scenes} strip=${strip}
        onResolve=${(chosen) => saved(resolveConflict(sync, dbName, board, conflict.doc, {
          type: "board", author: personId, source: chosen.source, days: chosen.days, boneyard: chosen.boneyard,
        }))} />`}
      ${board && !conflict && html`
        <div class="board-tools" role="group" aria-label="Move a strip">
          ${selected
            ? html`<p>Selected: <strong>${selectedLabel}</strong> (${selectedPlace === BONEYARD ? "boneyard" : `day ${selectedPlace}`})</p>
              <label for="move-target">Move ${selectedLabel} to</label>
              <select id="move-target" value=${target} onChange=${(e) => setTarget(e.target.value)}>
                <option value="">Choose…</option>
                ${board.days.map((day) => html`<option value=${String(day.day)}>Day ${day.day}</option>`)}
                <option value=${BONEYARD}>Boneyard</option>
              </select>
              <div class="actions">
                <button type="button" onClick=${moveSelected} disabled=${!target}>Move</button>
                <button type="button" class="secondary" onClick=${() => save(nudgeStrip(board, selected, -1))}>Earlier</button>
                <button type="button" class="secondary" onClick=${() => save(nudgeStrip(board, selected, 1))}>Later</button>
                <button type="button" class="secondary" onClick=${() => setSelected(null)}>Done</button>
              </div>`
            : html`<p class="hint">Tap a strip to move it, or drag it to another day.</p>`}
        </div>
        <div class="board-actions actions">
          <button type="button" class="secondary" onClick=${() => save(addDay(board))}>Add a shoot day</button>
          <button type="button" onClick=${() => sync.write(dbName, scheduleRequest(personId))} disabled=${optimiseBusy}>Optimise</button>
          <button type="button" onClick=${() => sync.write(dbName, scheduleRequest(personId, { fromBoard: true }))}
            disabled=${optimiseBusy || !board.source?.edited}>Check my board</button>
          <button type="button" onClick=${() => sync.write(dbName, schedulePublish(personId, board.source.draft))} disabled=${!publishable}>Publish</button>
        </div>
        ${!publishable && html`<p class="hint">Publish sends a draft the solver has timed: "Check my board" (or
          "Optimise"), use the proposal, then publish.</p>`}
        ${requestLine(data.optimise, status.unsentIds, data.optimise?.from_board ? "Check my board" : "Optimise")}
        ${requestLine(data.publish, status.unsentIds, "Publish")}
        <${BoardColumns} proposal=${data.proposal} strip=${strip}
          onUse=${(draft) => save(boardFromSchedule(draft.schedule, { from: "draft", draft: draft.number }))}>
          ${board.days.map((day) => html`
            <${DayColumn} key=${day.day} title=${`Day ${day.day}${day.date ? ` · ${day.date}` : ""}`} place=${day.day}
              ids=${day.scenes} strip=${strip} selected=${selected} onSelect=${(id) => { setSelected(id === selected ? null : id); setTarget(""); }}
              onDrop=${move} dayBreak=${`End of day ${day.day} · ${pages(day.scenes.reduce((sum, id) => sum + (scenes[id]?.eighths || 0), 0))} pages`}>
              <${NotesForDay} day=${day} entry=${data.notes[notesId(day)]}
                onSave=${(d, current, text) => saveNotes(sync, dbName, personId, current, d, text)}
                onResolve=${(entry, text) => saved(resolveConflict(sync, dbName, entry.doc, entry.others[0].doc, {
                  type: "call_sheet_notes", author: personId, day: entry.doc.day, date: entry.doc.date, text,
                }))} />
            </${DayColumn}>`)}
          <${DayColumn} title="Boneyard" place=${BONEYARD} ids=${board.boneyard} strip=${strip} selected=${selected}
            onSelect=${(id) => { setSelected(id === selected ? null : id); setTarget(""); }} onDrop=${move} />
        </${BoardColumns}>`}
    </main>`;
}
