// The device's databases and their live replication through /db/.
//
// The person's own database (user_<id>) goes both ways; it holds a membership document per
// project, and each one brings that project's database (read only: the core writes it) and,
// for office roles, its office database (both ways: job posts are asked for there).
import PouchDB from "pouchdb-browser";

import { firstLoad } from "./firstLoad.js";
import { LIVE, PULL_OPTIONS, PUSH_OPTIONS, remoteDb } from "./remote.js";
import {
  deniedReasons, lastSyncAt, markSent, markUnsent, rememberDenied, rememberRoles, rememberSync, savedRoles, unsentIds,
} from "./device.js";

const PROJECT_ROLE = /^project_([a-z0-9]+):(member|office)$/;
const ROLES_RETRY_FIRST_MS = 2000;
const ROLES_RETRY_MAX_MS = 60000;

/** The office documents every office device edits in place (see board.js). */
function editedInPlace(docId) {
  return docId === "board" || docId.startsWith("call_sheet_notes:");
}

export class DeviceSync {
  constructor(personId, onChange) {
    this.personId = personId;
    this.onChange = onChange;
    this.databases = new Map(); // name -> {local, push, replications}
    this.states = new Map(); // "<name> pull|push" -> "active", "idle" or "unreachable"
    this.roles = savedRoles();
    this.online = navigator.onLine;
    this.signedOut = false;
    this.userDb = `user_${personId}`;
  }

  start() {
    this._follow(this.userDb, true);
    const user = this.local(this.userDb);
    this.memberships = user.changes({ live: true, since: 0, include_docs: true }).on("change", (change) => {
      if (change.id.startsWith("membership:") && !change.deleted) {
        this._followProject(change.doc.project_id);
        if (!this.roles.includes(`project_${change.doc.project_id}:office`)) {
          this.refreshRoles(); // a project made a moment ago: its office role is new too
        }
      }
    });
    this._reconnect = () => {
      this.online = true;
      this.refreshRoles();
      this.restart();
    };
    this._disconnect = () => {
      this.online = false;
      this._changed();
    };
    window.addEventListener("online", this._reconnect);
    window.addEventListener("offline", this._disconnect);
    this.refreshRoles();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.rolesRetry);
    window.removeEventListener("online", this._reconnect);
    window.removeEventListener("offline", this._disconnect);
    this.memberships?.cancel();
    this.databases.forEach(cancel);
  }

  local(name) {
    return this.databases.get(name).local;
  }

  projectIds() {
    return [...this.databases.keys()].filter((name) => name.startsWith("project_")).map((name) => name.slice(8));
  }

  /** Write a request into a local database; it goes up with the next push. */
  async write(dbName, doc) {
    markUnsent(doc._id);
    await this.local(dbName).put(doc);
    this._changed();
    return doc;
  }

  /** Cancel and start again every replication: on coming back online, skip the back-off. */
  restart() {
    for (const [name, db] of this.databases) {
      cancel(db);
      this._replicate(name, db);
    }
    this._changed();
  }

  /** Which office databases this person may open: their CouchDB roles, kept for offline starts.
   *  An answer that fails (a busy server, one bar of signal) keeps the roles known before and is
   *  asked again later: a project's office must not stay closed until the next visit. */
  async refreshRoles() {
    clearTimeout(this.rolesRetry);
    let roles = null;
    try {
      const answer = await fetch("/db/_session", { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (answer.status === 401) {
        this.signedOut = true;
        this._changed();
        return;
      }
      const body = answer.ok ? await answer.json() : {};
      // Signed in, the answer names this person; one that names nobody says nothing of roles.
      roles = body.userCtx?.name && Array.isArray(body.userCtx.roles) ? body.userCtx.roles : null;
    } catch (error) {
      // No network, or an answer cut short: the roles kept from the last visit serve meanwhile.
    }
    if (this.stopped) {
      return;
    }
    if (roles === null) {
      this.rolesRetryMs = Math.min((this.rolesRetryMs || ROLES_RETRY_FIRST_MS / 2) * 2, ROLES_RETRY_MAX_MS);
      this.rolesRetry = setTimeout(() => this.refreshRoles(), this.rolesRetryMs);
      return;
    }
    this.rolesRetryMs = 0;
    this.roles = roles;
    rememberRoles(roles);
    // The roles name every project this person is on: their databases start syncing now,
    // in parallel with the person's own, not a few round trips later when it has come down.
    const fromRoles = roles.map((role) => role.match(PROJECT_ROLE)?.[1]).filter(Boolean);
    new Set([...this.projectIds(), ...fromRoles]).forEach((projectId) => this._followProject(projectId));
  }

  status() {
    const states = [...this.states.values()];
    const unsent = [...unsentIds()];
    return {
      online: this.online,
      signedOut: this.signedOut,
      unsent: unsent.length,
      unsentIds: unsent,
      denied: deniedReasons(),
      lastSync: lastSyncAt(),
      syncing: states.includes("active"),
      unreachable: this.online && states.includes("unreachable"),
    };
  }

  _followProject(projectId) {
    // The office first: it is the smaller, and on a slow link the first answer asked for is
    // the first to arrive, so it syncs while the project's call sheets are still coming down.
    if (this.roles.includes(`project_${projectId}:office`)) {
      this._follow(`office_${projectId}`, true);
    }
    this._follow(`project_${projectId}`, false);
  }

  _follow(name, push) {
    if (this.databases.has(name)) {
      return;
    }
    const db = { local: new PouchDB(name), push, replications: [], generation: 0 };
    this.databases.set(name, db);
    this._replicate(name, db);
    this._changed();
  }

  _replicate(name, db) {
    const remote = remoteDb(name);
    db.replications = [];
    this._pull(name, db, remote, db.generation);
    if (db.push) {
      // Only this person's requests still without an outcome: everything else came from the
      // server, and asking it about thousands of its own documents costs a large _revs_diff.
      // The few documents edited in place (the board, call-sheet notes) always go: a
      // co-producer's resolution of a conflict may leave another person's revision winning,
      // and its deleted loser must still reach the server.
      const mine = (doc) => (doc.author === this.personId && !doc.outcome) || editedInPlace(doc._id);
      const push = db.local.replicate.to(remote, { ...LIVE, ...PUSH_OPTIONS, filter: mine });
      this._watch(name, push, "push");
      push.on("change", (info) => markSent(info.docs.map((doc) => doc._id)));
      push.on("denied", (error) => {
        // The server's validation refused a request: it will never go up, so say why.
        if (error?.id) {
          rememberDenied(error.id, error.reason || error.message || "The server refused this request.");
          markSent([error.id]);
        }
        this._changed();
      });
      db.replications.push(push);
    }
  }

  async _pull(name, db, remote, generation) {
    this.states.set(`${name} pull`, "active");
    let since = null;
    try {
      since = await firstLoad(db.local, name);
    } catch (error) {
      // Offline or refused: the replication below retries, and says so in the status.
      this.signedOut = this.signedOut || error.status === 401;
    }
    if (db.generation !== generation) {
      return; // cancelled and started afresh meanwhile
    }
    if (since !== null) {
      this._changed();
      this._followLive(name, db, remote, { ...LIVE, ...PULL_OPTIONS, since });
      return;
    }
    // Catch up in one shot, then follow live. A live pull reads the changes feed as a long
    // poll, which the /db/ proxy streams uncompressed; the one-shot read comes gzipped.
    const catchUp = db.local.replicate.from(remote, PULL_OPTIONS);
    this._watch(name, catchUp, "pull");
    db.replications.push(catchUp);
    let wentLive = false;
    const goLive = () => {
      if (!wentLive && db.generation === generation) {
        wentLive = true;
        this._followLive(name, db, remote, { ...LIVE, ...PULL_OPTIONS });
      }
    };
    catchUp.on("complete", goLive);
    catchUp.on("error", goLive);
  }

  _followLive(name, db, remote, options) {
    const pull = db.local.replicate.from(remote, options);
    this._watch(name, pull, "pull");
    db.replications.push(pull);
  }

  _watch(name, replication, direction) {
    const key = `${name} ${direction}`;
    const setState = (state) => {
      this.states.set(key, state);
      this._changed();
    };
    this.states.set(key, "active");
    replication.on("change", (info) => {
      if (direction === "pull") {
        // An outcome coming down means the request reached the server, whatever the push saw.
        markSent(info.docs.filter((doc) => doc.outcome).map((doc) => doc._id));
      }
      this._changed();
    });
    replication.on("active", () => setState("active"));
    replication.on("paused", (error) => {
      if (error?.status === 401) {
        this.signedOut = true;
      }
      this.states.set(key, error ? "unreachable" : "idle");
      if (!error && [...this.states.values()].every((state) => state === "idle")) {
        rememberSync(new Date().toISOString());
      }
      this._changed();
    });
    replication.on("error", (error) => {
      console.warn("nollycrew: replication stopped", key, error);
      setState("unreachable");
    });
  }

  _changed() {
    this.onChange(this.status());
  }
}

function cancel(db) {
  db.generation += 1; // before cancelling: a catch-up that completes now must not go live
  db.replications.forEach((replication) => replication.cancel());
  db.replications = [];
}
