// The office's hand-edited stripboard: one "board" document in the office database, edited in
// place on every office device (not an intent), so two devices editing it offline make a real
// CouchDB conflict that a person resolves here. Shape:
//   {_id: "board", type: "board", author, updated_at, source: {from: "schedule"|"draft"|"breakdown",
//    draft?: n, edited: bool}, days: [{day: 1, date: "2026-12-01"|"", scenes: ["12", ...]}],
//    boneyard: ["31", ...]}
// Call-sheet notes are "call_sheet_notes:<date or day-N>" documents beside it.
import { getOrNull } from "./localDocs.js";

export const BOARD_ID = "board";
export const BONEYARD = "boneyard";
const EIGHTHS_PER_PAGE = 8;
// How many ancestor revisions a write carries (see ancestry below): more than a device makes
// offline between two syncs, so the server always finds where the edit joins its history.
const ANCESTRY_REVS = 50;

// The industry convention the core's stripboard uses (core/call_sheets/stripboard.py): an
// INT/EXT scene takes the EXT colour, and a time of day neither DAY nor NIGHT takes DAY's.
const STRIP_COLOURS = {
  "INT DAY": "white", "EXT DAY": "yellow", "INT NIGHT": "blue", "EXT NIGHT": "green",
};

export function stripColour(scene) {
  const inside = ["INT", ""].includes(scene?.int_ext || "") ? "INT" : "EXT";
  const night = scene?.day_night === "NIGHT" ? "NIGHT" : "DAY";
  return STRIP_COLOURS[`${inside} ${night}`];
}

/** Page count the way a first AD writes it: 11 eighths is "1 3/8". */
export function pages(eighths) {
  const whole = Math.floor(eighths / EIGHTHS_PER_PAGE);
  const rest = eighths % EIGHTHS_PER_PAGE;
  if (!rest) {
    return String(whole);
  }
  return whole ? `${whole} ${rest}/8` : `${rest}/8`;
}

/** A board from a published schedule or a solver draft (the shared schedule shape). */
export function boardFromSchedule(schedule, source) {
  return {
    source: { ...source, edited: false },
    days: (schedule.days || []).map((day) => ({
      day: day.day, date: day.date || "", scenes: (day.scenes || []).map((slot) => String(slot.scene_id)),
    })),
    boneyard: (schedule.boneyard || []).map(String),
  };
}

/** A board from the breakdown alone: every scene in the boneyard and one empty day. */
export function boardFromBreakdown(breakdown) {
  return {
    source: { from: "breakdown", edited: true },
    days: [{ day: 1, date: "", scenes: [] }],
    boneyard: (breakdown?.scenes || []).map((scene) => String(scene.id)),
  };
}

/** Where a scene is: a day number or "boneyard" (null if nowhere). */
export function placeOf(board, sceneId) {
  const day = board.days.find((entry) => entry.scenes.includes(sceneId));
  if (day) {
    return day.day;
  }
  return board.boneyard.includes(sceneId) ? BONEYARD : null;
}

function without(board, sceneId) {
  return {
    ...board,
    days: board.days.map((day) => ({ ...day, scenes: day.scenes.filter((id) => id !== sceneId) })),
    boneyard: board.boneyard.filter((id) => id !== sceneId),
  };
}

/** The board with `sceneId` moved to `target` (a day number or "boneyard") at `index` (end if
 *  omitted). Marks the board hand-edited: it is no longer the solver's order. */
export function moveStrip(board, sceneId, target, index = null) {
  const rest = without(board, sceneId);
  const insert = (list) => {
    const at = index === null ? list.length : Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), sceneId, ...list.slice(at)];
  };
  const moved = target === BONEYARD
    ? { ...rest, boneyard: insert(rest.boneyard) }
    : { ...rest, days: rest.days.map((day) => (day.day === target ? { ...day, scenes: insert(day.scenes) } : day)) };
  return { ...moved, source: { ...board.source, edited: true } };
}

/** One place up or down within its day or the boneyard. */
export function nudgeStrip(board, sceneId, step) {
  const target = placeOf(board, sceneId);
  const list = target === BONEYARD ? board.boneyard : board.days.find((day) => day.day === target).scenes;
  return moveStrip(board, sceneId, target, list.indexOf(sceneId) + step);
}

export function addDay(board) {
  const next = Math.max(0, ...board.days.map((day) => day.day)) + 1;
  return { ...board, days: [...board.days, { day: next, date: "", scenes: [] }], source: { ...board.source, edited: true } };
}

/** Every strip that sits somewhere else (or at another position) in the other version. */
export function differences(mine, other) {
  const ids = new Set([...allScenes(mine), ...allScenes(other)]);
  const position = (board, id) => {
    const place = placeOf(board, id);
    const list = place === BONEYARD ? board.boneyard : board.days.find((day) => day.day === place)?.scenes || [];
    return { place, index: list.indexOf(id) };
  };
  return [...ids].map((sceneId) => ({ sceneId, mine: position(mine, sceneId), other: position(other, sceneId) }))
    .filter((diff) => diff.mine.place !== diff.other.place)
    .sort((a, b) => a.sceneId.localeCompare(b.sceneId, undefined, { numeric: true }));
}

function allScenes(board) {
  return [...board.days.flatMap((day) => day.scenes), ...board.boneyard];
}

/** `mine` with every strip whose choice is "other" put where the other version has it; days
 *  only the other version has come along, so nothing it holds is lost. */
export function merge(mine, other, choices) {
  let merged = { ...mine, days: [...mine.days] };
  for (const day of other.days) {
    if (!merged.days.some((entry) => entry.day === day.day)) {
      merged.days.push({ ...day, scenes: [] });
    }
  }
  merged.days.sort((a, b) => a.day - b.day);
  for (const diff of differences(mine, other)) {
    if (choices[diff.sceneId] === "other" && diff.other.place !== null) {
      merged = moveStrip(merged, diff.sceneId, diff.other.place, diff.other.index);
    }
  }
  return { ...merged, source: { ...mine.source, edited: true } };
}

export function notesId(day) {
  return `call_sheet_notes:${day.date || `day-${day.day}`}`;
}


/** The board with its conflicting versions ([{rev, doc}]), as stored on this device. */
export async function loadBoard(db) {
  const board = await getOrNull(db, BOARD_ID, { conflicts: true, revs: true });
  if (!board) {
    return { board: null, others: [] };
  }
  const others = await Promise.all((board._conflicts || []).map(async (rev) => ({ rev, doc: await db.get(BOARD_ID, { rev, revs: true }) })));
  return { board, others };
}

export async function loadNotes(db) {
  const found = await db.allDocs({ startkey: "call_sheet_notes:", endkey: "call_sheet_notes:\ufff0", include_docs: true, conflicts: true });
  const notes = {};
  for (const row of found.rows) {
    const doc = await db.get(row.id, { conflicts: true, revs: true });
    const others = await Promise.all((doc._conflicts || []).map(async (rev) => ({ rev, doc: await db.get(row.id, { rev, revs: true }) })));
    notes[row.id] = { doc, others };
  }
  return notes;
}

export { getOrNull };

/** The replaced revision's history, carried in the body: PouchDB Server's validation loses a
 *  pushed revision's own history (sync/design/validate_doc_update.js puts it back from this). */
function ancestry(current) {
  const revisions = current?._revisions;
  return revisions ? { ancestry: { start: revisions.start, ids: revisions.ids.slice(0, ANCESTRY_REVS) } } : {};
}

/** Save the board on this device; it goes up with the next push. `current` is the stored
 *  revision being replaced (null for a first board). */
export function saveBoard(sync, dbName, personId, current, board) {
  return sync.write(dbName, {
    _id: BOARD_ID, ...(current ? { _rev: current._rev } : {}), ...ancestry(current), type: "board", author: personId,
    updated_at: new Date().toISOString(), source: board.source, days: board.days, boneyard: board.boneyard,
  });
}

export function saveNotes(sync, dbName, personId, current, day, text) {
  return sync.write(dbName, {
    _id: notesId(day), ...(current ? { _rev: current._rev } : {}), ...ancestry(current), type: "call_sheet_notes", author: personId,
    updated_at: new Date().toISOString(), day: day.day, date: day.date, text,
  });
}

/** A person's resolution: the chosen content becomes a new revision on top of the winner, and
 *  the losing revision is deleted (both go up with the next push). */
export async function resolveConflict(sync, dbName, winner, loser, body) {
  await sync.write(dbName, {
    ...body, _id: winner._id, _rev: winner._rev, ...ancestry(winner), updated_at: new Date().toISOString(),
  });
  await sync.write(dbName, { _id: winner._id, _rev: loser._rev, _deleted: true, ...ancestry(loser) });
}
