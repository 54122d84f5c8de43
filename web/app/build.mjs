// Builds the producers' web app into web/app/dist/: `npm run build`.
//
// dist/index.html   the shell, served at / (never cached long: it names the assets)
// dist/sw.js        the service worker, served at /sw.js (scope /), with the precache list
// dist/app/*        the bundles, their names carrying a content hash (cached for a year)
// Every text file also gets .gz and .br twins, so the api serves them compressed without
// compressing on each request (aiohttp picks the twin the browser accepts).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { compileCatalogs, refusalModules } from "./compile_catalogs.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, "src");
const DIST = join(HERE, "dist");
const ASSETS = join(DIST, "app");
// Chromium 100+, Firefox 100+, Safari 15.4+: what producers' phones in Lagos run in 2026.
const TARGET = ["chrome100", "firefox100", "safari15"];
const COMPRESSED = /\.(js|css|html|json|svg|webmanifest)$/;

async function bundleApp(catalogs) {
  const result = await build({
    entryPoints: { main: join(SRC, "main.js"), style: join(SRC, "style.css") },
    bundle: true,
    minify: true,
    format: "esm",
    target: TARGET,
    outdir: ASSETS,
    entryNames: "[name]-[hash]",
    metafile: true,
    legalComments: "linked",
    // PouchDB's browser build still names Node's `global`.
    define: { global: "globalThis", ...catalogs },
    logLevel: "warning",
  });
  const named = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (output.entryPoint) {
      named[output.entryPoint.endsWith(".css") ? "style" : "main"] = "/app/" + relative(ASSETS, file);
    }
  }
  return named;
}

async function writeShell(named) {
  const template = await readFile(join(SRC, "index.html"), "utf8");
  const html = template.replace("{{main}}", named.main).replace("{{style}}", named.style);
  await writeFile(join(DIST, "index.html"), html);
  return html;
}

async function writeServiceWorker(shell) {
  const assets = (await readdir(ASSETS)).filter((name) => !name.endsWith(".LEGAL.txt")).map((name) => "/app/" + name);
  const precache = ["/", ...assets.sort()];
  // The version changes whenever the shell or any asset does, so the worker installs anew.
  const version = createHash("sha256").update(shell).update(precache.join("\n")).digest("hex").slice(0, 16);
  await build({
    entryPoints: [join(SRC, "sw.js")],
    bundle: true,
    minify: true,
    format: "iife",
    target: TARGET,
    outfile: join(DIST, "sw.js"),
    define: { PRECACHE: JSON.stringify(precache), CACHE_VERSION: JSON.stringify(version) },
    logLevel: "warning",
  });
  return { version, precache };
}

async function compressAll(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await compressAll(path);
    } else if (COMPRESSED.test(entry.name)) {
      const raw = await readFile(path);
      await writeFile(path + ".gz", gzipSync(raw, { level: 9 }));
      await writeFile(path + ".br", brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

await rm(DIST, { recursive: true, force: true });
await mkdir(ASSETS, { recursive: true });
// The crew's languages (compile_catalogs.mjs): the app's own text goes in the bundle; the core's
// refusals, a module per language, are written after the service worker's precache list, so a
// phone fetches only its own language's, and only when it first shows a refusal.
const catalogs = await compileCatalogs();
const refusals = refusalModules(catalogs.refusals);
const named = await bundleApp({
  WEBAPP_CATALOGS: JSON.stringify(catalogs.webapp),
  REFUSAL_CATALOGS: JSON.stringify(Object.fromEntries(refusals.map((module) => [module.language, `/app/${module.name}`]))),
});
const shell = await writeShell(named);
const worker = await writeServiceWorker(shell);
await Promise.all(refusals.map((module) => writeFile(join(ASSETS, module.name), module.body)));
await compressAll(DIST);
await writeFile(join(DIST, "build.json"), JSON.stringify({ ...worker, ...named }, null, 2) + "\n");
console.log(`web app built: ${worker.precache.length} files precached, version ${worker.version}`);
