// The live board of a shoot day: for each person on the call sheet, their answer to the call
// (confirmed, declined with the reason, or not yet), and on the day their check-in or how late
// they said they would be. The rows come from the day's load, which the call-sheet screen
// re-reads whenever replication brings a change: nobody reloads the page.
import { html } from "htm/preact";

import { boardTotals, clockOf } from "../call_sheets.js";

function answerText(row) {
  if (row.answer === "confirmed") {
    return "Confirmed";
  }
  if (row.answer === "declined") {
    return row.reason ? `Declined: ${row.reason}` : "Declined";
  }
  return row.answer === "waiting" ? "Not answered yet" : "Not booked on NollyCrew";
}

function arrivalText(row) {
  if (row.checkedInAt) {
    return `Checked in ${clockOf(row.checkedInAt)}${row.checkInMethod === "location" ? " (location)" : ""}`;
  }
  if (row.late) {
    return `Running late: ${row.late.etaMinutes} min, expected ${clockOf(row.late.expectedAt)}`;
  }
  return "Not checked in";
}

function arrivalState(row) {
  return row.checkedInAt ? "checked_in" : row.late ? "late" : "not_in";
}

function BoardRow({ row }) {
  const who = row.kind === "cast" ? row.role : `${row.role}${row.department ? ` · ${row.department}` : ""}`;
  return html`
    <li class=${`board-row answer-${row.answer} arrival-${arrivalState(row)}`} data-person-id=${row.personId}
      data-answer=${row.answer} data-arrival=${arrivalState(row)}>
      <div class="who-called">
        <span class="name">${row.name}</span>
        <span class="role">${who}</span>
        <span class="call">Call ${row.call}</span>
      </div>
      <div class="states">
        <span class="answer">${answerText(row)}</span>
        <span class="arrival">${arrivalText(row)}</span>
        ${row.sentAt && html`<span class="sent">Sheet sent ${clockOf(row.sentAt)}</span>`}
      </div>
    </li>`;
}

export function LiveBoard({ rows }) {
  const totals = boardTotals(rows);
  return html`
    <section class="live-board" aria-labelledby="board-heading">
      <h3 id="board-heading">Who has confirmed and checked in</h3>
      <p class="board-totals" data-testid="board-totals">
        ${`${totals.confirmed} of ${totals.called} confirmed · ${totals.declined} declined · `
          + `${totals.checkedIn} checked in · ${totals.late} running late`}
      </p>
      ${rows.length === 0
        ? html`<p class="empty">Nobody is called on this sheet.</p>`
        : html`<ul class="live-board-rows" aria-live="polite" aria-label="Live board">
            ${rows.map((row) => html`<${BoardRow} key=${row.personId} row=${row} />`)}
          </ul>`}
    </section>`;
}
