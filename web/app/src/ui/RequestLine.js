// One money request's state in a line: waiting to go up, sent, accepted, or refused with the
// core's reason (intents.js requestState).
import { html } from "htm/preact";

import { requestState } from "../intents.js";

export function RequestLine({ request, status, what, accepted = "Accepted" }) {
  if (!request) {
    return null;
  }
  const { state, reason } = requestState(request, new Set(status.unsentIds), status.denied);
  const text = { unsent: "Waiting to go up", waiting: "Sent: waiting for NollyCrew", accepted, rejected: "Refused" }[state];
  return html`<p class=${`request money-request ${state}`} data-request-id=${request._id} data-state=${state} role="status">
    <span class="what">${what}</span> <span class="state">${text}${reason ? `: ${reason}` : ""}</span></p>`;
}
