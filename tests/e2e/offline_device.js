// A crew member's phone: the real PouchDB replicates their database, loses its signal,
// checks in while offline, and syncs when the signal returns. The test drives it through
// lines on stdin ("offline", "online") and reads one JSON line per step on stdout.
const path = require('path');
const readline = require('readline');
const PouchDB = require(path.join(process.cwd(), 'node_modules', 'pouchdb'));

const [url, user, password, dir, bookingId, setCode] = process.argv.slice(2);
const say = (step, fields) => console.log(JSON.stringify({step, ...fields}));
const lines = readline.createInterface({input: process.stdin})[Symbol.asyncIterator]();
const waitFor = async (word) => { for (;;) { const {value} = await lines.next(); if (value.trim() === word) return; } };

function lagosNow() {
  // Phones in Nigeria keep West Africa Time, UTC+1.
  const wat = new Date(Date.now() + 3600 * 1000).toISOString().slice(0, 19);
  return wat + '+01:00';
}

(async () => {
  const local = new PouchDB(dir);
  const remote = new PouchDB(url, {auth: {username: user, password}, skip_setup: true});
  const pulled = await PouchDB.replicate(remote, local);
  const booking = await local.get('booking:' + bookingId);
  say('pulled', {docs_written: pulled.docs_written, booking_status: booking.status});

  await waitFor('offline');
  const checkIn = {
    _id: 'check_in:' + require('crypto').randomUUID(), type: 'check_in', author: user,
    created_at: new Date().toISOString(), booking_id: bookingId, at: lagosNow(),
    method: 'set_code', set_code: setCode,
  };
  await local.put(checkIn);
  let offlineError = null;
  try { await PouchDB.replicate(local, remote); } catch (error) { offlineError = String(error.message || error); }
  say('written_offline', {id: checkIn._id, push_failed: offlineError !== null, error: offlineError});

  await waitFor('online');
  const pushed = await PouchDB.replicate(local, remote);
  say('pushed', {docs_written: pushed.docs_written});
  // Pushing again changes nothing: the server already has this revision.
  const again = await PouchDB.replicate(local, remote);
  say('pushed_again', {docs_written: again.docs_written});
  for (let i = 0; i < 100; i++) {
    await PouchDB.replicate(remote, local);
    const mine = await local.get(checkIn._id);
    if (mine.outcome) { say('outcome', {outcome: mine.outcome}); process.exit(0); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  say('no_outcome', {});
  process.exit(1);
})().catch((error) => {
  say('error', {status: error.status, name: error.name, reason: error.reason || error.message});
  process.exit(2);
});
