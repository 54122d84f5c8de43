// The sync status, always on screen: online or offline, requests waiting to go up, last sync.
import { html } from "htm/preact";

function connection(status) {
  if (!status.online) {
    return { kind: "offline", text: "Offline: your work is saved on this device" };
  }
  if (status.signedOut) {
    return { kind: "problem", text: "Signed out on the server: sign in again to sync" };
  }
  if (status.unreachable) {
    return { kind: "problem", text: "Online, but NollyCrew cannot be reached: retrying" };
  }
  return status.syncing ? { kind: "syncing", text: "Online: syncing…" } : { kind: "online", text: "Online: up to date" };
}

function clockTime(iso) {
  if (!iso) {
    return "never";
  }
  // Shown in the production's time zone, whatever the phone's own setting.
  return new Date(iso).toLocaleString("en-GB", {
    timeZone: "Africa/Lagos", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
}

export function SyncBar({ status, offlineReady }) {
  const state = connection(status);
  return html`
    <div class=${`sync-bar ${state.kind}`} role="status" aria-live="polite" data-testid="sync-status"
      data-online=${String(status.online)} data-unsent=${status.unsent}>
      <span class="dot" aria-hidden="true"></span>
      <span class="connection">${state.text}</span>
      <span class="waiting">${status.unsent === 0 ? "Nothing waiting to go up"
        : `${status.unsent} change${status.unsent === 1 ? "" : "s"} waiting to go up`}</span>
      <span class="last-sync" aria-live="off">Last sync: <time datetime=${status.lastSync || ""}>${clockTime(status.lastSync)}</time></span>
      ${offlineReady && html`<span class="offline-ready">App saved for offline use</span>`}
    </div>`;
}
