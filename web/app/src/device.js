// What this device remembers between visits, in localStorage: who is signed in, which
// requests have not reached the server yet, and when everything was last in sync.
// The session token itself is the HttpOnly cookie the server set at sign-in: kept by the
// browser for 90 days, sent with every /db/ and /auth/ request, out of reach of scripts.
const PERSON_KEY = "nollycrew.person";
const UNSENT_KEY = "nollycrew.unsent";
const LAST_SYNC_KEY = "nollycrew.last_sync";
const DENIED_KEY = "nollycrew.denied";
const ROLES_KEY = "nollycrew.roles";

function read(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch (error) {
    console.warn("nollycrew: unreadable saved state, starting afresh", key, error);
    return fallback;
  }
}

function write(key, value) {
  localStorage.setItem(key, JSON.stringify(value));
}

/** {person_id, label} of the person signed in on this device, or null. */
export function signedInPerson() {
  return read(PERSON_KEY, null);
}

export function rememberPerson(personId, label) {
  write(PERSON_KEY, { person_id: personId, label });
}

export function forgetPerson() {
  localStorage.removeItem(PERSON_KEY);
  localStorage.removeItem(UNSENT_KEY);
  localStorage.removeItem(LAST_SYNC_KEY);
  localStorage.removeItem(DENIED_KEY);
  localStorage.removeItem(ROLES_KEY);
}

/** Ids of requests written on this device that the server has not yet received. */
export function unsentIds() {
  return new Set(read(UNSENT_KEY, []));
}

export function markUnsent(docId) {
  const ids = unsentIds();
  ids.add(docId);
  write(UNSENT_KEY, [...ids]);
}

/** Forget `docIds` as unsent; true if any of them was. */
export function markSent(docIds) {
  const ids = unsentIds();
  let changed = false;
  for (const id of docIds) {
    changed = ids.delete(id) || changed;
  }
  if (changed) {
    write(UNSENT_KEY, [...ids]);
  }
  return changed;
}

export function lastSyncAt() {
  return read(LAST_SYNC_KEY, null);
}

export function rememberSync(isoTime) {
  write(LAST_SYNC_KEY, isoTime);
}

/** {doc id: reason} of requests the server refused to store (its validation said no). */
export function deniedReasons() {
  return read(DENIED_KEY, {});
}

export function rememberDenied(docId, reason) {
  write(DENIED_KEY, { ...deniedReasons(), [docId]: reason });
}

/** The person's CouchDB roles as last seen online: which project and office databases to open. */
export function savedRoles() {
  return read(ROLES_KEY, []);
}

export function rememberRoles(roles) {
  write(ROLES_KEY, roles);
}
