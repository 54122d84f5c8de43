// A project's budget and escrow (#/project/<id>/money). Read from this device and read again on
// every change replication brings; the core's cost report is asked for again at the same moments
// when there is network, and the last one kept shows offline with its date.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { loadMoney, refreshCostReport } from "../money.js";
import { getOrNull } from "../localDocs.js";
import { Budget } from "./Budget.js";
import { Escrow } from "./Escrow.js";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes is read once
const PAYING_ROLES = ["producer", "production_accountant"]; // core/project_roles.py APPROVE_PAYMENTS

function useMoney(sync, projectId) {
  const [data, setData] = useState(null);
  const [reportNote, setReportNote] = useState("");
  const office = sync.databases.get(`office_${projectId}`)?.local;
  const project = sync.databases.get(`project_${projectId}`)?.local;
  useEffect(() => {
    let timer = null;
    let stopped = false;
    const read = () => loadMoney(sync, projectId).then((next) => {
      if (!stopped) {
        setData(next);
      }
      return next;
    });
    const readAndAsk = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          if (!(await read()).budget) {
            return; // no budget: no cost report to ask for
          }
          const { reason } = await refreshCostReport(sync, projectId);
          if (!stopped) {
            setReportNote(reason || "");
            await read();
          }
        } catch (error) {
          if (!stopped) {
            setReportNote(`The money on this device could not be read: ${error.message || error}`);
          }
          console.error("nollycrew: money screen", error);
        }
      }, RELOAD_DELAY_MS);
    };
    readAndAsk();
    const feeds = [project, office].filter(Boolean).map((db) => db.changes({ live: true, since: "now" }).on("change", readAndAsk));
    return () => {
      stopped = true;
      clearTimeout(timer);
      feeds.forEach((feed) => feed.cancel());
    };
  }, [projectId, project, office]);
  return { data, reportNote };
}

function useRoles(sync, projectId) {
  const [roles, setRoles] = useState([]);
  useEffect(() => {
    getOrNull(sync.local(sync.userDb), `membership:${projectId}`).then((membership) => setRoles(membership?.roles || []));
  }, [projectId]);
  return roles;
}

export function MoneyScreen({ sync, personId, projectId, status }) {
  const { data, reportNote } = useMoney(sync, projectId);
  const roles = useRoles(sync, projectId);
  const mayPay = roles.some((role) => PAYING_ROLES.includes(role));
  return html`
    <main id="main" class="money">
      <h2>Budget and escrow${data?.title ? ` · ${data.title}` : ""}</h2>
      ${!data ? html`<p class="loading">Reading the money on this device…</p>`
        : !data.synced ? html`<p class="hint">The production office is still coming down to this device…</p>`
        : html`
          <p class="hint report-date">${data.reportAt
            ? `Committed and spent as NollyCrew reported them at ${new Date(data.reportAt).toLocaleString("en-NG", { timeZone: "Africa/Lagos" })}.`
            : "Committed and spent come from NollyCrew when there is network."}</p>
          ${reportNote && html`<p class="hint report-note" role="status">${reportNote}</p>`}
          <${Budget} data=${data} sync=${sync} personId=${personId} projectId=${projectId} status=${status} mayEdit=${mayPay} />
          <${Escrow} data=${data} sync=${sync} personId=${personId} projectId=${projectId} status=${status} mayPay=${mayPay} />`}
      <a class="button secondary" href="#/">Back to projects</a>
    </main>`;
}
