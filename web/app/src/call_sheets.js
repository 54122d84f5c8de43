// Call sheets and the live board, read from the databases on this device: the published sheets
// and what the core records of each booking (answer, check-in, running late) come down with the
// project database; the sends and the office's "send" requests live in the office database.
//
// No summary document is needed: the core writes into the project database the booking
// ("booking:<id>": status confirmed/declined and answered_at), the day's check-ins
// ("attendance:<day>") and each late notice ("late:<booking>:<day>"), and every office device
// pulls that database live. Why someone declined is in the office database only
// ("call_answer:<booking>"): the whole unit reads the project database.

import { newIntent } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const CALL_SHEET_SEND = "call_sheet_send";
export const CALL_SHEETS_ROUTE = /^#\/project\/([a-z0-9]+)\/call-sheets$/;
export const CALL_SHEET_ROUTE = /^#\/project\/([a-z0-9]+)\/call-sheet\/(\d{4}-\d{2}-\d{2})$/;

const SHEET_PREFIX = "call_sheet:"; // "call_sheet_sends:" does not share it: ":" is not "_"

/** "Send to the unit": written in the office database; the id is chosen here so a retry is
 *  the same request, never a second round of messages. */
export function callSheetSendRequest(author, day) {
  return newIntent(CALL_SHEET_SEND, author, { day });
}

/** Everyone on the sheet, cast then crew by department, as the core's everyone_called orders them. */
export function everyoneCalled(sheet) {
  const cast = (sheet.cast || []).map((row) => ({ ...row, kind: "cast", role: row.character ? `as ${row.character}` : "" }));
  const crew = (sheet.crew || []).flatMap((department) =>
    (department.people || []).map((row) => ({ ...row, kind: "crew", department: department.department })));
  return [...cast, ...crew];
}

/** The booking that covers `day` for this person: the answered one first, then the latest made. */
function bookingFor(bookings, personId, day) {
  const covering = bookings.filter((booking) => booking.person_id === personId
    && (!booking.start_date || booking.start_date <= day) && (!booking.end_date || day <= booking.end_date)
    && booking.status !== "cancelled");
  const answered = (booking) => (booking.status === "confirmed" || booking.status === "declined" ? 1 : 0);
  covering.sort((a, b) => answered(b) - answered(a) || ((b.answered_at || b.created_at || "") < (a.answered_at || a.created_at || "") ? -1 : 1));
  return covering[0] || null;
}

/** One board row per person called on `sheet`, from the project's bookings, check-ins and late
 *  notices of that day. answer: "confirmed", "declined", "waiting" (booked, no answer yet) or
 *  "not_booked" (on the sheet without a NollyCrew booking). */
export function boardRows(sheet, { bookings = [], answers = [], checkIns = [], lates = [], sends = null } = {}) {
  const day = sheet.date;
  const told = sends?.people || {};
  return everyoneCalled(sheet).map((person) => {
    const booking = bookingFor(bookings, person.person_id, day);
    const bookingId = booking?.booking_id;
    const checkIn = checkIns.find((record) => record.day === day
      && (record.booking_id === bookingId || record.person_id === person.person_id));
    const late = lates.find((notice) => notice.day === day
      && (notice.booking_id === bookingId || notice.person_id === person.person_id));
    const answer = !booking ? "not_booked" : booking.status === "confirmed" || booking.status === "declined" ? booking.status : "waiting";
    return {
      personId: person.person_id, name: person.name, kind: person.kind, department: person.department || "",
      role: person.role || "", call: person.call, answer,
      reason: answer === "declined" ? answers.find((said) => said.booking_id === bookingId)?.reason || "" : "",
      answeredAt: booking?.answered_at || null,
      checkedInAt: checkIn?.at || null, checkInMethod: checkIn?.method || "",
      late: !checkIn && late ? { etaMinutes: late.eta_minutes, expectedAt: late.expected_at } : null,
      sentAt: told[person.person_id]?.at || null,
    };
  });
}

/** Counts for the board's heading. */
export function boardTotals(rows) {
  const count = (test) => rows.filter(test).length;
  return {
    called: rows.length,
    confirmed: count((row) => row.answer === "confirmed"),
    declined: count((row) => row.answer === "declined"),
    checkedIn: count((row) => row.checkedInAt),
    late: count((row) => row.late),
  };
}

const LAGOS_OFFSET_MS = 60 * 60 * 1000; // Africa/Lagos is UTC+1 all year

/** "07:05" in Lagos from an ISO time with its offset (the core may stamp UTC or Lagos). */
export function clockOf(iso) {
  const moment = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(moment) ? "" : new Date(moment + LAGOS_OFFSET_MS).toISOString().slice(11, 16);
}


export function projectDbs(sync, projectId) {
  return {
    project: sync.databases.get(`project_${projectId}`)?.local || null,
    office: sync.databases.get(`office_${projectId}`)?.local || null,
  };
}

/** The project's shoot days that have a published call sheet, in date order. */
export async function loadCallSheetDays(sync, projectId) {
  const { project } = projectDbs(sync, projectId);
  const [sheets, info] = await Promise.all([docsWithPrefix(project, SHEET_PREFIX), getOrNull(project, "project")]);
  const days = sheets.filter((sheet) => !sheet.withdrawn && sheet.date).map((sheet) => ({
    date: sheet.date, dayNumber: sheet.day_number, daysTotal: sheet.days_total, dateLabel: sheet.date_label || sheet.date,
    crewCall: sheet.crew_call || "", wrap: sheet.wrap || "", people: everyoneCalled(sheet).length,
    scenes: (sheet.scenes || []).length,
  }));
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { title: info?.title || "", days, synced: Boolean(project) };
}

/** One day's sheet, its board, and the office's send requests for that day (newest first). */
export async function loadCallSheetDay(sync, projectId, day) {
  const { project, office } = projectDbs(sync, projectId);
  const [info, sheet, bookings, answers, attendance, lates, sends, requests] = await Promise.all([
    getOrNull(project, "project"),
    getOrNull(project, `${SHEET_PREFIX}${day}`),
    docsWithPrefix(project, "booking:"),
    docsWithPrefix(office, "call_answer:"),
    // The day's check-ins in one document, rather than every check-in of the shoot.
    getOrNull(project, `attendance:${day}`),
    docsWithPrefix(project, "late:"),
    getOrNull(office, `call_sheet_sends:${day}`),
    docsWithPrefix(office, `${CALL_SHEET_SEND}:`),
  ]);
  const usable = sheet && !sheet.withdrawn ? sheet : null;
  return {
    title: info?.title || "",
    sheet: usable,
    withdrawn: Boolean(sheet?.withdrawn),
    rows: usable ? boardRows(usable, { bookings, answers, checkIns: attendance?.check_ins || [], lates, sends }) : [],
    sends,
    requests: requests.filter((doc) => doc.day === day).sort((a, b) => (a.created_at < b.created_at ? 1 : -1)),
    synced: Boolean(project),
    office: Boolean(office),
  };
}
