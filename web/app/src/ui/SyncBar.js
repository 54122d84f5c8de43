// The sync status, always on screen: online or offline, requests waiting to go up, last sync.
import { html } from "htm/preact";

import { useLanguage } from "./language.js";

function connection(status, t) {
  if (!status.online) {
    return { kind: "offline", text: t("Offline: your work is saved on this device") };
  }
  if (status.signedOut) {
    return { kind: "problem", text: t("Signed out on the server: sign in again to sync") };
  }
  if (status.unreachable) {
    return { kind: "problem", text: t("Online, but NollyCrew cannot be reached: retrying") };
  }
  return status.syncing ? { kind: "syncing", text: t("Online: syncing…") }
    : { kind: "online", text: t("Online: up to date") };
}

function waiting(unsent, t) {
  if (unsent === 0) {
    return t("Nothing waiting to go up");
  }
  return unsent === 1 ? t("1 change waiting to go up") : t("{count} changes waiting to go up", { count: unsent });
}

function clockTime(iso, t) {
  if (!iso) {
    return t("never");
  }
  // Shown in the production's time zone, whatever the phone's own setting.
  return new Date(iso).toLocaleString("en-GB", {
    timeZone: "Africa/Lagos", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
}

export function SyncBar({ status, offlineReady }) {
  const [, t] = useLanguage();
  const state = connection(status, t);
  return html`
    <div class=${`sync-bar ${state.kind}`} role="status" aria-live="polite" data-testid="sync-status"
      data-online=${String(status.online)} data-unsent=${status.unsent}>
      <span class="dot" aria-hidden="true"></span>
      <span class="connection">${state.text}</span>
      <span class="waiting">${waiting(status.unsent, t)}</span>
      <span class="last-sync" aria-live="off">${t("Last sync:")} <time datetime=${status.lastSync || ""}>${clockTime(status.lastSync, t)}</time></span>
      ${offlineReady && html`<span class="offline-ready">${t("App saved for offline use")}</span>`}
    </div>`;
}
