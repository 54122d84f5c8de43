// Day out of days (#/project/<id>/dood): cast down the side, shoot days across, SW/W/H/WF/SWF in
// each cell, work, hold and total days per person and the day's counts at the foot. It is the
// office's "day_out_of_days" document, which the core writes when a schedule is published, so
// it is on the device and shows offline. On a phone the grid scrolls sideways under a fixed
// name column.
import { html } from "htm/preact";

import { DOOD_CODES, loadDayOutOfDays } from "../script.js";
import { useOfficeLive } from "./Script.js";

const PER_DAY_ROWS = [["working", "Working"], ["holding", "Holding"], ["starting", "Starting"], ["finishing", "Finishing"]];

function counted(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function summary(report) {
  return [counted(report.rows.length, "cast member", "cast members"), counted(report.days.length, "shoot day", "shoot days"),
    counted(report.totals.hold_days, "hold day", "hold days")].join(" · ");
}

function Grid({ report }) {
  const days = report.days;
  return html`
    <div class="dood-scroll" role="region" aria-labelledby="dood-caption" tabindex="0">
      <table class="dood">
        <caption id="dood-caption">Day out of days, schedule version ${report.schedule_version ?? report.version}</caption>
        <thead>
          <tr>
            <th scope="col" class="dood-name">Cast</th>
            ${days.map((day) => html`<th scope="col" key=${day.day_number} data-date=${day.date}>
              ${`Day ${day.day_number}`}<span class="dood-date">${day.label.replace(/^Day \d+ /, "")}</span></th>`)}
            <th scope="col">Work</th><th scope="col">Hold</th><th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          ${report.rows.map((row) => html`
            <tr key=${`${row.person_id}:${row.character}`} data-character=${row.character}>
              <th scope="row" class="dood-name">
                ${row.cast_number ? `${row.cast_number}. ` : ""}${row.character}<span class="dood-person">${row.name}</span></th>
              ${row.codes.map((code, index) => html`<td key=${index} class=${`dood-code${code ? ` code-${code}` : ""}`}
                title=${code ? DOOD_CODES[code] : ""}>${code}</td>`)}
              <td class="dood-count">${row.work_days}</td><td class="dood-count">${row.hold_days}</td>
              <td class="dood-count">${row.total_days}</td>
            </tr>`)}
        </tbody>
        <tfoot>
          ${PER_DAY_ROWS.map(([key, name], index) => html`
            <tr key=${key} data-count=${key}>
              <th scope="row" class="dood-name">${name}</th>
              ${(report.per_day || []).map((counts, day) => html`<td key=${day} class="dood-count">${counts[key]}</td>`)}
              ${index === 0
                ? html`<td class="dood-count">${report.totals.work_days}</td><td class="dood-count">${report.totals.hold_days}</td>
                  <td class="dood-count">${report.totals.total_days}</td>`
                : html`<td></td><td></td><td></td>`}
            </tr>`)}
        </tfoot>
      </table>
    </div>`;
}

export function DayOutOfDays({ sync, projectId, project }) {
  const { data, error, office } = useOfficeLive(sync, projectId, loadDayOutOfDays, projectId);
  const title = project?.title || "this project";
  const csv = `/projects/${projectId}/day-out-of-days.csv`;
  return html`
    <main id="main" class="dood-screen">
      <div class="heading-row">
        <h2>Day out of days: ${title}</h2>
        <a class="button secondary" href="#/">Back to projects</a>
      </div>
      ${error && html`<p class="note error" role="alert">${error}</p>`}
      ${(!office || !data) && html`<p class="loading">Opening the production office…</p>`}
      ${data && !data.report && html`<p class="empty">No day out of days yet: it is made when a schedule is published
        (Stripboard, then Optimise and Publish).</p>`}
      ${data?.stale && html`<p class="note info" role="status">The breakdown has changed since this schedule was published.
        Publish again to bring the day out of days and the call sheets up to date.</p>`}
      ${data?.report && html`
        <p class="hint">${summary(data.report)}</p>
        <ul class="dood-legend" aria-label="Codes">
          ${Object.entries(DOOD_CODES).map(([code, words]) => html`<li key=${code}><span class=${`dood-code code-${code}`}>${code}</span> ${words}</li>`)}
        </ul>
        <${Grid} report=${data.report} />
        <a class="button secondary" href=${csv} download=${`day-out-of-days-${projectId}.csv`}>Download as CSV</a>
        <p class="hint">The download needs the network; the grid above is on this device.</p>`}
    </main>`;
}
