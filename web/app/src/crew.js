// What a cast or crew member sees of their work, read from the databases on this device: their
// bookings, escrow and payouts and their own requests come down in their database (user_<id>);
// the published call sheets, and the day's check-ins, in each booked project's database.
//
// Their requests are the bots' intents in the same shapes (core/intents.py): a call-time answer
// ("call_confirmation": YES or NO with why) and a check-in with the set code ("check_in").
import { newIntent } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const CALL_CONFIRMATION = "call_confirmation";
export const CHECK_IN = "check_in";
export const CREW_ROUTE = "#/me";
const LAGOS_OFFSET_MS = 60 * 60 * 1000; // Africa/Lagos is UTC+1 all year
const CLOSED_BOOKINGS = ["cancelled", "declined"]; // no call to go to
const REQUESTS_SHOWN = 4; // per booking, the latest: older answers are history, not news
const PERSON_ROLES = ["crew", "actor"];

/** Whether the person signed in is cast or crew only, with no office or producer's role: their
 *  home screen is their calls, not the producers' dashboard. False until the roles are known. */
export function isCrewOnly(roles) {
  const office = roles.some((role) => role === "producer" || role.endsWith(":office"));
  return !office && roles.some((role) => PERSON_ROLES.includes(role));
}

/** YES or NO to a booking's call time; `reason` says why not (the core asks for one). */
export function callConfirmation(author, bookingId, confirmed, reason = "") {
  return newIntent(CALL_CONFIRMATION, author, {
    booking_id: bookingId, answer: confirmed ? "yes" : "no", ...(confirmed ? {} : { reason: reason.trim() }),
  });
}

/** "2026-12-01T07:05:00+01:00": now on the set's clock, as the core reads a check-in's day. */
export function lagosNow(now = new Date()) {
  return new Date(now.getTime() + LAGOS_OFFSET_MS).toISOString().slice(0, 19) + "+01:00";
}

/** Checking in on set with the code the AD shows. */
export function checkIn(author, bookingId, setCode, now = new Date()) {
  return newIntent(CHECK_IN, author, { booking_id: bookingId, method: "set_code", set_code: setCode.trim(), at: lagosNow(now) });
}

/** The person's row on a call sheet, cast or crew, or null. */
export function rowOf(sheet, personId) {
  const cast = (sheet.cast || []).find((row) => row.person_id === personId);
  if (cast) {
    return { ...cast, part: cast.character || "" };
  }
  for (const department of sheet.crew || []) {
    const crew = (department.people || []).find((row) => row.person_id === personId);
    if (crew) {
      return { ...crew, part: crew.role || "", department: department.department };
    }
  }
  return null;
}

function covering(bookings, projectId, day) {
  return bookings.find((booking) => booking.project_id === projectId && booking.start_date <= day
    && day <= booking.end_date && !CLOSED_BOOKINGS.includes(booking.status)) || null;
}

/** The day's places where the person has a scene (each place lists its scenes), in the order the
 *  unit gets there; every place when the sheet says nothing of which scenes are where. */
function placesOf(locations, mine) {
  const theirs = locations.filter((place) => !place.scenes || place.scenes.some((number) => mine.has(number)));
  return (theirs.length ? theirs : locations).map((place) => ({
    name: place.name || "", address: place.address || "", mapLink: place.map_link || "",
  }));
}

/** The person's calls from `today` on, soonest first: one per published sheet they are on, in a
 *  project they are booked on that day. `sheetsByProject`: {project id: [call_sheet doc]}. */
export function nextCalls(personId, bookings, sheetsByProject, today) {
  const calls = [];
  for (const [projectId, sheets] of Object.entries(sheetsByProject)) {
    for (const sheet of sheets) {
      const row = !sheet.withdrawn && sheet.date >= today ? rowOf(sheet, personId) : null;
      const booking = row && covering(bookings, projectId, sheet.date);
      if (!booking) {
        continue;
      }
      const mine = new Set(row.scenes || (sheet.scenes || []).map((scene) => scene.number));
      calls.push({
        date: sheet.date, today: sheet.date === today, projectId, projectTitle: booking.project_title || sheet.title || "",
        bookingId: booking.booking_id, confirmed: booking.status === "confirmed", part: row.part || booking.role || "",
        call: row.call || sheet.crew_call || "", dayNumber: sheet.day_number, daysTotal: sheet.days_total,
        pickup: row.pickup || null,
        places: placesOf(sheet.locations || [], mine),
        scenes: (sheet.scenes || []).filter((scene) => mine.has(scene.number)).map((scene) => scene.number),
      });
    }
  }
  return calls.sort((a, b) => (a.date === b.date ? a.call.localeCompare(b.call) : a.date < b.date ? -1 : 1));
}

/** The bookings still to come or under way, soonest first, each with its latest requests. */
export function currentBookings(bookings, requests, today) {
  return bookings
    .filter((booking) => booking.status !== "cancelled" && (booking.end_date || "") >= today)
    .map((booking) => ({
      ...booking,
      requests: requests.filter((doc) => doc.booking_id === booking.booking_id).slice(0, REQUESTS_SHOWN),
    }))
    .sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
}

/** The person's answers and check-ins, newest first. */
export function crewRequests(confirmations, checkIns) {
  return [...confirmations, ...checkIns].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
}

/** Whether the person checked in for `bookingId` on `day`, from the day's attendance document. */
function checkedInAt(attendance, bookingId) {
  return (attendance?.check_ins || []).find((record) => record.booking_id === bookingId)?.at || null;
}

/** Everything the crew view shows, read from this device. */
export async function loadCrewView(sync, personId, today) {
  const user = sync.local(sync.userDb);
  const [bookings, escrows, payouts, confirmations, checkIns] = await Promise.all([
    docsWithPrefix(user, "booking:"),
    docsWithPrefix(user, "escrow:"),
    docsWithPrefix(user, "payout:"),
    docsWithPrefix(user, `${CALL_CONFIRMATION}:`),
    docsWithPrefix(user, `${CHECK_IN}:`),
  ]);
  const projectIds = [...new Set(bookings.map((booking) => booking.project_id))];
  const sheetsByProject = {};
  const attendance = {};
  const syncing = [];
  await Promise.all(projectIds.map(async (projectId) => {
    const project = sync.databases.get(`project_${projectId}`)?.local || null;
    if (!project) {
      syncing.push(projectId); // not on this device yet: its call sheets are still to come
    }
    const [sheets, todays] = await Promise.all([
      docsWithPrefix(project, "call_sheet:"), getOrNull(project, `attendance:${today}`),
    ]);
    sheetsByProject[projectId] = sheets;
    attendance[projectId] = todays;
  }));
  const calls = nextCalls(personId, bookings, sheetsByProject, today).map((call) => ({
    ...call, checkedInAt: call.today ? checkedInAt(attendance[call.projectId], call.bookingId) : null,
  }));
  return {
    bookings: currentBookings(bookings, crewRequests(confirmations, checkIns), today),
    calls,
    escrows: escrows.filter((doc) => doc.amount),
    payouts: payouts.filter((doc) => doc.amount).sort((a, b) => (a.requested_at < b.requested_at ? 1 : -1)),
    syncing,
  };
}
