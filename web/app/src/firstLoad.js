// A database's first sync on this device, in as few round trips and bytes as the link allows.
//
// PouchDB's replication reads the changes feed, then asks for the documents by id and revision
// (_bulk_get: a request body as large as the feed, and each document with its revision
// history). For a database the device has never held, one read of the changes feed with the
// documents in it carries the same data in about half the bytes and a third of the round trips
// (bench/webapp_load.py). The live replication then starts from that feed's last sequence.
const PAGE_DOCS = 5000; // a device keeps each database well under 10,000 documents

/** Fill an empty local database from the server's; the sequence to replicate on from, or
 *  null when the local database is not empty (replication alone carries on from its checkpoint). */
export async function firstLoad(local, name) {
  const info = await local.info();
  if (info.update_seq !== 0 && info.update_seq !== "0") {
    return null;
  }
  let since = 0;
  for (;;) {
    const query = new URLSearchParams({ include_docs: "true", style: "all_docs", limit: String(PAGE_DOCS), since: String(since) });
    const answer = await fetch(`/db/${name}/_changes?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!answer.ok) {
      throw Object.assign(new Error(`first load of ${name}: ${answer.status}`), { status: answer.status });
    }
    const page = await answer.json();
    const docs = page.results.filter((row) => row.doc && !row.deleted).map((row) => row.doc);
    if (docs.length) {
      // new_edits: false keeps the server's revisions as they are, as replication would.
      await local.bulkDocs(docs, { new_edits: false });
    }
    since = page.last_seq;
    // `pending` (CouchDB 2 and later) saves the last, empty page's round trip.
    if (page.results.length < PAGE_DOCS || page.pending === 0) {
      return since;
    }
  }
}
