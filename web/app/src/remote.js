// The server's databases through /db/, and how replication talks to them over a slow link.
import PouchDB from "pouchdb-browser";

// Pull in few, large batches and keep its checkpoint on the device only: on a 2G link each
// batch costs round trips, and a server-side checkpoint one more (bench/replication.py).
export const PULL_OPTIONS = { batch_size: 2000, batches_limit: 1, checkpoint: "target" };
export const PUSH_OPTIONS = { batch_size: 100, checkpoint: "source" };
// Replication retries for ever, with a short back-off: a producer coming out of a dead zone
// should see their work go up within seconds, not after PouchDB's default ten minutes.
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 8000;
export const LIVE = { live: true, retry: true, back_off_function: backOff };
const GZIP_ABOVE_BYTES = 1024; // request bodies worth compressing (a _bulk_get of 2,000 documents is ~150 KB)

/** The server's copy of `name` through /db/, as this device's session. */
export function remoteDb(name) {
  const url = `${location.origin}/db/${name}/`;
  const remote = new PouchDB(url, { skip_setup: true, fetch: gzippingFetch });
  // PouchDB asks the server root for a uuid to name each replication's checkpoint; /db/ does
  // not serve the root (403), so that is a wasted round trip per replication: name it here.
  remote.id = () => Promise.resolve(url);
  // Each replication also asks the server's info before it starts, only to fill PouchDB's
  // activeTasks progress figures, which this app does not show: another round trip saved.
  remote.info = () => Promise.resolve({ db_name: name, update_seq: 0 });
  return remote;
}

/** fetch, with large request bodies gzipped (the api inflates them): uplinks are slow too. */
async function gzippingFetch(url, options) {
  const body = options.body;
  if (typeof body !== "string" || body.length < GZIP_ABOVE_BYTES || typeof CompressionStream === "undefined") {
    return PouchDB.fetch(url, options);
  }
  const gzipped = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
  const headers = new Headers(options.headers);
  headers.set("Content-Encoding", "gzip");
  return PouchDB.fetch(url, { ...options, headers, body: gzipped });
}

function backOff(delayMs) {
  return delayMs === 0 ? FIRST_RETRY_MS : Math.min(delayMs * 2, MAX_RETRY_MS);
}
