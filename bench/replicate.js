// Pull one remote database into a fresh local PouchDB (leveldb in a temp dir) and print one JSON line:
// {"ok", "docs_written", "elapsed_ms", "requests", "resent", "answer_encodings"}.
// bench/replication.py runs it through the throttled link; it works on its own too:
//
//   NOLLYCREW_BENCH_USER=nollycrew NOLLYCREW_BENCH_PASSWORD=... \
//     node bench/replicate.js http://127.0.0.1:5984/project_x '{"batch_size":100}' \
//       [--skip-setup] [--accept-encoding=E] [--gzip-requests] [--trace]
//
// OPTIONS_JSON goes to PouchDB.replicate as is. --skip-setup is the remote database's own option: no
// GET of the database (and PUT if missing) before the first request; a member's device would use it.
// PouchDB in Node fetches with node-fetch 2, which sends Accept-Encoding: gzip,deflate and inflates
// gzip, deflate and br answers. --accept-encoding=identity gets uncompressed answers, as CouchDB 3
// gives; =br asks for brotli, as browsers do over HTTPS.
// Requests go over kept-alive connections, at most 6 at a time, as a browser's do: node-fetch 2 alone
// sends `Connection: close`, which would add a TCP handshake (one more round trip) to every request.
// --gzip-requests gzips request bodies (Content-Encoding: gzip); CouchDB and PouchDB Server accept it,
// and a browser can do the same with CompressionStream in PouchDB's `fetch` option.
// --trace prints each request's start and end (ms since the replication started) on stderr.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const PouchDB = require(path.join(__dirname, '..', 'node_modules', 'pouchdb'));

function parseArgs(argv) {
  const flags = new Set(argv.filter((arg) => arg.startsWith('--')));
  const [url, optionsJson = '{}'] = argv.filter((arg) => !arg.startsWith('--'));
  if (!url) {
    throw new Error('usage: replicate.js URL [OPTIONS_JSON] [--skip-setup] [--accept-encoding=E] [--gzip-requests] [--trace]');
  }
  return {
    url,
    options: JSON.parse(optionsJson),
    skipSetup: flags.has('--skip-setup'),
    acceptEncoding: (argv.find((arg) => arg.startsWith('--accept-encoding=')) || '').split('=')[1],
    gzipRequests: flags.has('--gzip-requests'),
    trace: flags.has('--trace'),
  };
}

const BROWSER_CONNECTIONS_PER_HOST = 6;

function remoteFetch(args, agents, counter) {
  return function (url, init) {
    counter.requests += 1;
    init.agent = (parsed) => agents[parsed.protocol];
    if (args.acceptEncoding) {
      init.headers.set('Accept-Encoding', args.acceptEncoding);
    }
    if (args.gzipRequests && typeof init.body === 'string' && init.body.length > 0) {
      init.body = zlib.gzipSync(init.body);
      init.headers.set('Content-Encoding', 'gzip');
    }
    const sent = process.hrtime.bigint();
    const answered = PouchDB.fetch(url, init).catch((err) => {
      // The server (PouchDB Server: 5 s) closed a kept-alive connection just as we reused it.
      // Browsers resend in that case; node-fetch does not.
      if (err.code !== 'ECONNRESET') {
        throw err;
      }
      counter.resent += 1;
      return PouchDB.fetch(url, init);
    });
    answered.then((response) => {
      counter.encodings.add(response.headers.get('content-encoding') || 'identity');
    }, () => {});
    if (args.trace) {
      answered.then((response) => response.clone().buffer()).then(() => {
        const ms = (t) => Math.round(Number(t - counter.started) / 1e6);
        console.error(`${ms(sent)}..${ms(process.hrtime.bigint())} ms ${init.method || 'GET'} ${url}`);
      }, () => {});
    }
    return answered;
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const counter = { requests: 0, resent: 0, encodings: new Set(), started: process.hrtime.bigint() };
  const agentOptions = { keepAlive: true, maxSockets: BROWSER_CONNECTIONS_PER_HOST };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const user = process.env.NOLLYCREW_BENCH_USER;
  const remote = new PouchDB(args.url, {
    auth: user ? { username: user, password: process.env.NOLLYCREW_BENCH_PASSWORD } : undefined,
    skip_setup: args.skipSetup,
    fetch: remoteFetch(args, agents, counter),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nollycrew-replicate-'));
  const local = new PouchDB(path.join(dir, 'local'));
  const started = process.hrtime.bigint();
  counter.started = started;
  let result;
  try {
    result = await PouchDB.replicate(remote, local, args.options);
  } finally {
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({
    ok: result.ok,
    docs_written: result.docs_written,
    elapsed_ms: Math.round(elapsedMs),
    requests: counter.requests,
    resent: counter.resent,
    answer_encodings: [...counter.encodings].sort(),
  }));
  // Kept-alive sockets and PouchDB's last unawaited info() request would hold the process open.
  process.exit(0);
}

// PouchDB fires some requests without awaiting them (src.info() after each batch); a browser logs
// their failure and goes on, Node would end the process.
process.on('unhandledRejection', (err) => console.error('unhandled rejection:', err && err.message));

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
