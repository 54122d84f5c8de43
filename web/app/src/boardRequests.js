// The stripboard's requests to the core (core/shoot_commands.py shapes), written in the office
// database like every intent: "Optimise" asks the solver for a draft, "Check my board" asks it to
// time the hand-arranged board (kept wherever the plan allows), "Publish" sends a draft.
import { newIntent } from "./intents.js";

export const SCHEDULE_REQUEST = "schedule_request";
export const SCHEDULE_PUBLISH = "schedule_publish";
const OPTIMISE_LIMIT_S = 30; // what the demo seed gives the solver: enough for a Nollywood feature

export function scheduleRequest(author, { fromBoard = false } = {}) {
  return newIntent(SCHEDULE_REQUEST, author, { limit_s: OPTIMISE_LIMIT_S, keep_published: false, from_board: fromBoard });
}

export function schedulePublish(author, draftNumber) {
  return newIntent(SCHEDULE_PUBLISH, author, { draft: draftNumber });
}

/** The newest request of `type` on this device, or null. */
export async function latestRequest(db, type) {
  const found = await db.allDocs({ startkey: `${type}:`, endkey: `${type}:\ufff0`, include_docs: true });
  const docs = found.rows.map((row) => row.doc).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  return docs[0] || null;
}

/** The solver's answer to `request`, once the core has accepted it: {number, status, schedule, reasons}. */
export async function proposalFor(db, request) {
  const ref = request?.outcome?.status === "accepted" ? request.outcome.ref : null;
  if (!ref) {
    return null;
  }
  const number = Number.parseInt(ref.split(":")[1], 10);
  try {
    return await db.get(ref);
  } catch (error) {
    if (error.status === 404) {
      return { number, status: "solving", schedule: null, reasons: [] };
    }
    throw error;
  }
}
