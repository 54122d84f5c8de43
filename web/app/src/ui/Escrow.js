// Escrow: each booking's pay, from the deposit asked (with its checkout link) to what is held and
// what was released, and the invoices the core issued for deposits paid.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { depositRequest, minorFromTyped, moneyText, releaseRequest } from "../money.js";
import { RequestLine } from "./RequestLine.js";

const DEPOSIT_STATUS = {
  awaiting_payment: "Waiting for the checkout link",
  checkout_ready: "Ready to pay",
  held: "Held in escrow",
  released: "Released in full",
  disputed: "Under dispute",
  cancelling: "Being cancelled",
  cancelled: "Cancelled",
};

const GATEWAYS = [["paystack", "Paystack"], ["flutterwave", "Flutterwave"]]; // what a Nigerian payer checks out with
const GATEWAY_NAMES = { paystack: "Paystack", flutterwave: "Flutterwave", stripe: "Stripe" };

function AmountForm({ id, label, button, optional, withGateway = false, onSubmit }) {
  const [typed, setTyped] = useState("");
  const [gateway, setGateway] = useState(GATEWAYS[0][0]);
  const [problem, setProblem] = useState("");
  const submit = (event) => {
    event.preventDefault();
    const minor = typed.trim() === "" && optional ? 0 : minorFromTyped(typed);
    if (minor === null || (!optional && minor === 0)) {
      setProblem("Type the amount in naira, for example 450000.");
      return;
    }
    setProblem("");
    setTyped("");
    onSubmit(minor, gateway);
  };
  return html`<form class="amount-form" onSubmit=${submit}>
    <label for=${id}>${label}</label>
    <input id=${id} inputmode="decimal" value=${typed} onInput=${(e) => setTyped(e.target.value)} required=${!optional} />
    ${withGateway && html`<label for=${`${id}-gateway`}>Pay through</label>
      <select id=${`${id}-gateway`} value=${gateway} onChange=${(e) => setGateway(e.target.value)}>
        ${GATEWAYS.map(([value, name]) => html`<option key=${value} value=${value}>${name}</option>`)}
      </select>`}
    ${problem && html`<p class="note error" role="alert">${problem}</p>`}
    <button type="submit">${button}</button>
  </form>`;
}

function Deposit({ entry, status, mayPay, onRelease }) {
  const { deposit, release } = entry;
  const currency = deposit.amount.currency;
  const heldMinor = deposit.amount.amount_minor - (deposit.released_minor || 0) - (deposit.refunded_minor || 0);
  const releasable = mayPay && (deposit.status === "held");
  return html`<div class="deposit" data-escrow-id=${deposit.escrow_id} data-status=${deposit.status}>
    <p><strong>${DEPOSIT_STATUS[deposit.status] || deposit.status}</strong>${deposit.milestone ? ` · milestone ${deposit.milestone}` : ""}:${" "}deposit ${moneyText(deposit.amount.amount_minor, currency)} through ${GATEWAY_NAMES[deposit.gateway] || deposit.gateway}</p>
    ${deposit.status === "checkout_ready" && deposit.checkout_url && html`
      <a class="button" href=${deposit.checkout_url} target="_blank" rel="noopener">Pay ${moneyText(deposit.amount.amount_minor, currency)} at ${GATEWAY_NAMES[deposit.gateway] || deposit.gateway}</a>`}
    ${(deposit.status === "held" || deposit.status === "released") && html`
      <p class="hold">Held ${moneyText(heldMinor, currency)} · released ${moneyText(deposit.released_minor || 0, currency)}</p>`}
    ${releasable && html`<${AmountForm} id=${`release-${deposit.escrow_id}`} optional=${true} button="Release"
      label=${`Amount to release (₦); leave empty to release all ${moneyText(heldMinor, currency)} held`}
      onSubmit=${(minor) => onRelease(deposit.escrow_id, minor)} />`}
    <${RequestLine} request=${release} status=${status} what="Release:" />
  </div>`;
}

function BookingEscrow({ row, status, mayPay, onDeposit, onRelease }) {
  const { booking } = row;
  const rate = booking.rate;
  return html`<li class="card booking-escrow" data-booking-id=${booking.booking_id}>
    <h4>${booking.role}${row.name ? ` · ${row.name}` : ""}</h4>
    <p class="hint">${booking.start_date} to ${booking.end_date}${rate ? ` · ${moneyText(rate.amount_minor, rate.currency)} per ${booking.rate_per}` : ""}</p>
    ${row.deposits.map((entry) => html`<${Deposit} key=${entry.deposit._id} entry=${entry} status=${status} mayPay=${mayPay}
      onRelease=${onRelease} />`)}
    ${row.deposits.length === 0 && html`<p>No deposit yet.</p>`}
    ${row.deposits.length === 0 && mayPay && html`<${AmountForm} id=${`deposit-${booking.booking_id}`} button="Deposit" withGateway=${true}
      label=${`Deposit for ${booking.role} (₦)`} onSubmit=${(minor, gateway) => onDeposit(booking.booking_id, minor, gateway)} />`}
    <${RequestLine} request=${row.depositAsked} status=${status} what="Deposit:" />
  </li>`;
}

export function Escrow({ data, sync, personId, projectId, status, mayPay }) {
  const office = `office_${projectId}`;
  const onDeposit = (bookingId, minor, gateway) => sync.write(office, depositRequest(personId, bookingId, minor, gateway));
  const onRelease = (escrowId, minor) => sync.write(office, releaseRequest(personId, escrowId, minor));
  return html`
    <section aria-labelledby="escrow-heading" class="escrow">
      <h3 id="escrow-heading">Escrow</h3>
      <p class="escrow-balance">Held in escrow now: <strong>${moneyText(data.heldMinor)}</strong></p>
      ${data.escrowRows.length === 0 ? html`<p class="empty">No bookings yet: hire crew and their pay can go in escrow.</p>`
        : html`<ul class="cards" aria-label="Pay in escrow by booking">
          ${data.escrowRows.map((row) => html`<${BookingEscrow} key=${row.booking.booking_id} row=${row} status=${status}
            mayPay=${mayPay} onDeposit=${onDeposit} onRelease=${onRelease} />`)}
        </ul>`}
    </section>
    <section aria-labelledby="invoices-heading" class="invoices">
      <h3 id="invoices-heading">Invoices</h3>
      ${data.invoices.length === 0 ? html`<p class="empty">No invoices yet: each deposit paid gets one.</p>`
        : html`<ul class="invoice-list">
          ${data.invoices.map((invoice) => html`<li key=${invoice._id} class="invoice" data-number=${invoice.number}>
            <a href=${`/receipts/${invoice.number}.pdf`} target="_blank" rel="noopener">${invoice.number}</a>${" · "}${invoice.reference?.role || invoice.title} · ${moneyText(invoice.total.amount_minor, invoice.total.currency)} · ${invoice.issued_at.slice(0, 10)}</li>`)}
        </ul>`}
    </section>`;
}
