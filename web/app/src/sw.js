// The service worker: keeps the app shell and its bundles on the device, so NollyCrew opens
// with no network. Data never passes through here: PouchDB keeps it in IndexedDB and syncs it
// through /db/ itself, and /auth/ must always reach the server.
/* global PRECACHE, CACHE_VERSION */
const CACHE = `nollycrew-app-${CACHE_VERSION}`;
const SHELL = "/";
const CLAIM_REQUEST = "nollycrew:claim";

self.addEventListener("install", (event) => {
  // Through the HTTP cache: the page has just fetched these bundles (cached for a year under
  // names that change with their content), so installing costs no second download; the shell
  // is "no-cache", so it is revalidated, never taken stale.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("nollycrew-app-") && name !== CACHE).map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

// A page that opened while this worker was still installing (a second tab, or the same tab
// navigating again) can miss the claim made on activation: a document that is still loading is
// not claimed. Such a page asks, so it works offline without waiting for the next visit.
self.addEventListener("message", (event) => {
  if (event.data === CLAIM_REQUEST) {
    event.waitUntil(self.clients.claim());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && url.pathname === SHELL) {
    event.respondWith(fromCacheFirst(SHELL));
  } else if (url.pathname.startsWith("/app/")) {
    event.respondWith(fromCacheFirst(request));
  }
});

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  const answer = await fetch(request);
  // Hashed bundles never change under one name: keep any new one that arrives.
  if (answer.ok && typeof request !== "string") {
    await cache.put(request, answer.clone());
  }
  return answer;
}
