// A project's money, read from the databases on this device: the budget ("budget") and each
// escrow deposit ("escrow_deposit:<escrow id>") with what is held and released come down with
// the office database; bookings with the project database; invoices the core files in the office
// ("invoice:<number>"). What is spent comes from the ledger, which never reaches a device: the
// core's cost report (GET /projects/<id>/cost-report) is read when there is network and kept on
// this device (a _local document, never replicated), so the figures show offline with their date.
// The device adds up only the lines it shows; every other figure is the core's.
import { newIntent } from "./intents.js";
import { approximateMinor, displayCurrency } from "./settings.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const BUDGET_UPDATE = "budget_update";
export const DEPOSIT_REQUEST = "escrow_deposit_request";
export const RELEASE_REQUEST = "escrow_release_request";
export const MONEY_ROUTE = /^#\/project\/([a-z0-9]+)\/money$/;
export const INVESTOR_ROUTE = /^#\/project\/([a-z0-9]+)\/investor$/;

const COST_REPORT_ID = "_local/cost_report";
const COST_REPORT_FRESH_MS = 60 * 1000; // the dashboard asks again at most once a minute per project
const KEEP_TRIES = 3; // two writers at once settle on the second try; a third conflict is a bug
const asked = new Map(); // project id -> when this page last asked for its cost report

// The top sheet's categories in its order (core/budget/top_sheet.py SECTIONS).
export const CATEGORIES = [
  "story_and_rights", "producers", "director", "cast", "crew", "equipment", "locations", "art_and_wardrobe",
  "catering", "transport", "accommodation", "post", "music", "visual_effects", "marketing", "insurance",
  "legal_and_admin", "contingency",
];

export function categoryLabel(category) {
  const words = category.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const formats = new Map();

function formatOf(currency) {
  if (!formats.has(currency)) {
    formats.set(currency, new Intl.NumberFormat("en-NG", { style: "currency", currency }));
  }
  return formats.get(currency);
}

/** "₦450,000.00" from 45000000 kobo, with "(≈ $290.32)" after it when the person shows amounts
 *  in another currency too and this device has its rate (Settings). */
export function moneyText(amountMinor, currency = "NGN") {
  const exact = exactMoneyText(amountMinor, currency);
  const shownAlso = displayCurrency();
  if (currency !== "NGN" || shownAlso === "NGN") {
    return exact;
  }
  const approximate = approximateMinor(amountMinor, shownAlso);
  return approximate === null ? exact : `${exact} (≈ ${exactMoneyText(approximate, shownAlso)})`;
}

/** "₦450,000.00" from 45000000 kobo: the amount goes to Intl as a decimal string, never a float. */
export function exactMoneyText(amountMinor, currency = "NGN") {
  const format = formatOf(currency);
  const digits = format.resolvedOptions().maximumFractionDigits;
  const sign = amountMinor < 0 ? "-" : "";
  const units = String(Math.abs(amountMinor)).padStart(digits + 1, "0");
  const decimal = digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
  return format.format(`${sign}${decimal}`);
}

/** Whole naira (or "12500.50") as typed, in kobo; null when it is not an amount. */
export function minorFromTyped(text) {
  const match = String(text).trim().replaceAll(",", "").match(/^(\d+)(?:\.(\d{1,2}))?$/);
  if (!match) {
    return null;
  }
  return Number.parseInt(match[1], 10) * 100 + Number.parseInt((match[2] || "0").padEnd(2, "0"), 10);
}

/** The budget as budget_update carries it: the budget's own fields, none of the document's. */
function budgetBody(budget, lines) {
  const body = { currency: budget?.currency || "NGN", lines };
  for (const key of ["warn_at_bp", "line_of_booking"]) {
    if (budget?.[key] !== undefined) {
      body[key] = budget[key];
    }
  }
  return body;
}

/** The whole budget again with one line's amount changed (or a line added): the core replaces it. */
export function budgetUpdateRequest(author, budget, line) {
  const lines = (budget?.lines || []).map((old) => (old.line_id === line.line_id ? { ...old, ...line } : old));
  if (!lines.some((old) => old.line_id === line.line_id)) {
    lines.push(line);
  }
  return newIntent(BUDGET_UPDATE, author, { budget: budgetBody(budget, lines) });
}

/** Put a booking's pay in escrow: the core answers with a checkout link on the deposit. */
export function depositRequest(author, bookingId, amountMinor, gateway = "paystack") {
  return newIntent(DEPOSIT_REQUEST, author, { booking_id: bookingId, amount_minor: amountMinor, currency: "NGN", gateway });
}

/** Release from escrow; without an amount, all that is still held. */
export function releaseRequest(author, escrowId, amountMinor = 0) {
  return newIntent(RELEASE_REQUEST, author, { escrow_id: escrowId, ...(amountMinor ? { amount_minor: amountMinor } : {}) });
}

/** The latest request of `type` that `matches`, or null. */
function latest(requests, type, matches) {
  const mine = requests.filter((doc) => doc.type === type && matches(doc));
  mine.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  return mine[0] || null;
}

/** The budget lines with the cost report's figures for each (zeros where the report has none). */
export function budgetRows(budget, report) {
  const figures = new Map((report?.lines || []).map((row) => [row.line_id, row]));
  return (budget?.lines || []).map((line) => {
    const row = figures.get(line.line_id);
    return {
      ...line,
      committed: row?.committed ?? 0,
      spent: row?.spent ?? 0,
      remaining: row && row.budget === line.amount_minor ? row.variance : null, // unknown until the report has the edit
    };
  });
}

/** Everything the money screen shows for a project. */
export async function loadMoney(sync, projectId) {
  const office = sync.databases.get(`office_${projectId}`)?.local;
  const project = sync.databases.get(`project_${projectId}`)?.local;
  const [projectDoc, budget, deposits, invoices, bookings, applications, requests, report] = await Promise.all([
    getOrNull(project, "project"), getOrNull(office, "budget"), docsWithPrefix(office, "escrow_deposit:"),
    docsWithPrefix(office, "invoice:"), docsWithPrefix(project, "booking:"), docsWithPrefix(office, "application:"),
    Promise.all([BUDGET_UPDATE, DEPOSIT_REQUEST, RELEASE_REQUEST].map((type) => docsWithPrefix(office, `${type}:`))),
    getOrNull(office, COST_REPORT_ID),
  ]);
  const allRequests = requests.flat();
  const names = new Map(applications.map((doc) => [doc._id.slice("application:".length), doc.applicant?.name]));
  const escrowRows = bookings.filter((booking) => booking.status !== "cancelled").map((booking) => {
    const own = deposits.filter((deposit) => deposit.booking_id === booking.booking_id);
    return {
      booking,
      name: names.get(booking.application_id) || "",
      deposits: own.map((deposit) => ({
        deposit,
        release: latest(allRequests, RELEASE_REQUEST, (doc) => doc.escrow_id === deposit.escrow_id),
      })),
      depositAsked: latest(allRequests, DEPOSIT_REQUEST, (doc) => doc.booking_id === booking.booking_id),
    };
  });
  const held = deposits.filter((deposit) => deposit.status === "held" || deposit.status === "released");
  return {
    synced: Boolean(office),
    title: projectDoc?.title || "",
    budget,
    report: report?.report || null,
    reportAt: report?.fetched_at || null,
    budgetRequest: latest(allRequests, BUDGET_UPDATE, () => true),
    escrowRows,
    // What the office's deposit documents say is still in escrow, summed as shown line by line.
    heldMinor: held.reduce((sum, deposit) => sum + deposit.amount.amount_minor - (deposit.released_minor || 0)
      - (deposit.refunded_minor || 0), 0),
    invoices: [...invoices].sort((a, b) => (a.issued_at < b.issued_at ? 1 : -1)),
  };
}

/** Asks the core for its cost report and keeps it on this device. {report} or {reason}. */
export async function refreshCostReport(sync, projectId) {
  asked.set(projectId, Date.now());
  const office = sync.databases.get(`office_${projectId}`)?.local;
  let answer;
  try {
    answer = await fetch(`/projects/${projectId}/cost-report`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch (error) {
    return { reason: "Offline: the figures below are the last ones this device had." };
  }
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    return { reason: body.reason || `The cost report could not be read (${answer.status}).` };
  }
  if (office) {
    await keepReport(office, body);
  }
  return { report: body };
}

/** The report kept on this device; the dashboard and the money screen may both write it at once. */
async function keepReport(office, report) {
  for (let tries = 1; ; tries += 1) {
    const kept = await getOrNull(office, COST_REPORT_ID);
    try {
      await office.put({ _id: COST_REPORT_ID, ...(kept ? { _rev: kept._rev } : {}), report, fetched_at: new Date().toISOString() });
      return;
    } catch (error) {
      if (error.status !== 409 || tries === KEEP_TRIES) {
        throw error;
      }
    }
  }
}

/** The budget burn a dashboard card shows, from the cost report kept on the device (or null);
 *  asks the core again in the background when the kept one is over a minute old. */
export async function budgetBurn(sync, projectId) {
  const office = sync.databases.get(`office_${projectId}`)?.local;
  if (!office) {
    return null;
  }
  const [kept, budget] = await Promise.all([getOrNull(office, COST_REPORT_ID), getOrNull(office, "budget")]);
  if (!budget) {
    return null; // nothing to burn, and nothing to ask over a slow link
  }
  if (navigator.onLine && Date.now() - (asked.get(projectId) || 0) > COST_REPORT_FRESH_MS) {
    // Redrawn once the answer is kept; the redraw asks nothing (asked a moment ago).
    refreshCostReport(sync, projectId).then(({ report }) => report && sync._changed(), (error) => console.warn("nollycrew: cost report", error));
  }
  const totals = kept?.report?.totals;
  if (!totals || !totals.budget) {
    return null;
  }
  return { spent: totals.spent, budget: totals.budget, currency: kept.report.currency };
}

/** What the investor's device holds for a project: the core's figures for them
 *  ("investment:<id>"), their statement with the shoot's progress ("investor_statement:<id>",
 *  core/handlers/investor_views.py) and their own payments through our checkout. */
export async function loadInvestment(sync, projectId) {
  const user = sync.local(sync.userDb);
  const [view, statement, pledges] = await Promise.all([
    getOrNull(user, `investment:${projectId}`), getOrNull(user, `investor_statement:${projectId}`), docsWithPrefix(user, "pledge:"),
  ]);
  const own = pledges.filter((pledge) => pledge.project_id === projectId);
  return { view, statement, pledges: own, title: statement?.project_title || own[0]?.project_title || "" };
}

/** The projects this person has money in, for the dashboard: [{projectId, title}]. */
export async function investmentsOf(user) {
  const [views, statements] = await Promise.all([docsWithPrefix(user, "investment:"), docsWithPrefix(user, "investor_statement:")]);
  const titles = new Map(statements.map((doc) => [doc.project_id, doc.project_title]));
  return views.map((view) => ({ projectId: view.project_id, title: titles.get(view.project_id) || "" }));
}
