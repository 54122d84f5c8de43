// The crew's languages for the web app, compiled from gettext catalogs at build time (build.mjs).
//
//   web/app/locale/<language>/LC_MESSAGES/webapp.po    the app's own text (t("...") in src/)
//   bots/locale/<language>/LC_MESSAGES/refusals.po     the core's refusals, shared with the bots
//
// Read here, in the build, rather than by a Python step: `npm run build` is the one command that
// builds the app everywhere (make app, the image's Node stage, which has no Python), so the
// catalogs can never be left out of a bundle or stale beside it. What counts as a translation is
// what bots/i18n.py counts: not the header, not empty, not fuzzy. tests/unit/web/test_webapp_catalogs.py
// checks this reading against Babel's on every catalog.
//
// `node web/app/compile_catalogs.mjs` prints the compiled catalogs as JSON (for that test).
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..");
const WEBAPP_LOCALE = join(HERE, "locale");
const BOTS_LOCALE = join(REPO, "bots", "locale");
const HASH_CHARS = 8;
const ESCAPES = { "\\": "\\", t: "\t", r: "\r", n: "\n", '"': '"' }; // what Babel's unescape knows

function unquote(literal, where) {
  if (!/^".*"$/.test(literal)) {
    throw new Error(`${where}: expected a quoted string, found ${literal}`);
  }
  return literal.slice(1, -1).replace(/\\(.)/g, (whole, char) => ESCAPES[char] ?? whole);
}

/** The entries of a .po file: [{context, id, string, fuzzy}], obsolete (#~) ones left out. */
export function readPo(text, name = "catalog") {
  const entries = [];
  let entry = null;
  let field = null;
  const finish = () => {
    if (entry && entry.id !== null && !entry.obsolete) {
      entries.push({ context: entry.context, id: entry.id, string: entry.string ?? "", fuzzy: entry.fuzzy });
    }
    entry = null;
    field = null;
  };
  const current = () => entry ?? (entry = { context: null, id: null, string: null, fuzzy: false, obsolete: false });
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${name}:${index + 1}`;
    if (line === "") {
      finish();
    } else if (line.startsWith("#~")) {
      current().obsolete = true;
    } else if (line.startsWith("#,")) {
      current().fuzzy ||= line.slice(2).split(",").map((flag) => flag.trim()).includes("fuzzy");
    } else if (line.startsWith("#")) {
      current(); // translator and extracted comments, references, previous msgids: not the message
    } else if (line.startsWith('"')) {
      if (!field) {
        throw new Error(`${where}: a continued string with nothing before it`);
      }
      entry[field] += unquote(line, where);
    } else {
      const [, keyword, literal] = line.match(/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)$/) || [];
      if (!keyword) {
        throw new Error(`${where}: not a line of a .po file: ${line}`);
      }
      if (keyword === "msgid_plural" || keyword.startsWith("msgstr[")) {
        throw new Error(`${where}: plural forms are not used by the web app; write the sentence without one`);
      }
      if (keyword === "msgctxt" && entry?.id != null) {
        finish(); // a new entry without a blank line before it
      }
      field = { msgctxt: "context", msgid: "id", msgstr: "string" }[keyword];
      current()[field] = unquote(literal, where);
    }
  });
  finish();
  return entries;
}

/** {English: translation} of the current translations in a .po file, as bots/i18n.py reads one. */
export function translations(text, name) {
  const found = {};
  for (const message of readPo(text, name)) {
    if (message.id && message.string && !message.fuzzy && message.context === null) {
      found[message.id] = message.string;
    }
  }
  return found;
}

/** The languages the web app is translated into: one folder each in web/app/locale. */
async function webappLanguages() {
  const entries = await readdir(WEBAPP_LOCALE, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

async function readCatalog(path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`The web app's catalogs need ${path} (${error.code}): the image's app stage copies bots/locale too`);
  }
}

/** Every catalog, compiled: {webapp: {language: {english: text}}, refusals: {language: {english: text}}}. */
export async function compileCatalogs() {
  const webapp = {};
  const refusals = {};
  for (const language of await webappLanguages()) {
    const own = join(WEBAPP_LOCALE, language, "LC_MESSAGES", "webapp.po");
    const core = join(BOTS_LOCALE, language, "LC_MESSAGES", "refusals.po");
    webapp[language] = translations(await readCatalog(own), own);
    refusals[language] = translations(await readCatalog(core), core);
  }
  return { webapp, refusals };
}

/** The refusals of each language as an ES module of its own, named by its content:
 *  [{language, name, body}]. A module, not a .json file: the bundle loads it with import(). */
export function refusalModules(refusals) {
  return Object.entries(refusals).map(([language, catalog]) => {
    const body = `export default ${JSON.stringify(catalog)};\n`;
    const hash = createHash("sha256").update(body).digest("hex").slice(0, HASH_CHARS);
    return { language, name: `refusals-${language}-${hash}.js`, body };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await compileCatalogs()));
}
