// Script versions, the breakdown and the day out of days, read from the databases on this device.
//
// The core writes in the office database: "script" (the versions: number, file name, status
// reading/ready/refused with its reason, which one is current), "script_version:<n>" (the parse
// of each version and what changed since the one before), "breakdown" (the current version's
// parse with every person's correction applied: what schedules are made from) and, when a
// schedule is published, "day_out_of_days" (core/call_sheets/day_out_of_days.py, as published).
// A new version or a correction is an intent (core/shoot_commands.py shapes), so it waits on
// the device while offline and the core's outcome comes back by replication.
import { newIntent } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const SCRIPT_UPLOAD = "script_upload";
export const BREAKDOWN_CORRECTION = "breakdown_correction";
export const SCRIPT_ROUTE = /^#\/project\/([a-z0-9]+)\/script(?:\/version\/(\d+))?$/;
export const DOOD_ROUTE = /^#\/project\/([a-z0-9]+)\/dood$/;

// The element categories of core/script/lexicon.py, as a breakdown sheet names them. "cast" is
// left out: it follows the characters, which are edited as such.
export const ELEMENT_CATEGORIES = [
  ["props", "Props"], ["vehicles", "Vehicles"], ["wardrobe", "Wardrobe"], ["makeup", "Makeup"],
  ["extras", "Extras"], ["animals", "Animals"], ["stunts", "Stunts"], ["special_effects", "Special effects"],
  ["visual_effects", "Visual effects"], ["sound", "Sound"], ["special_equipment", "Special equipment"],
];
const CATEGORY_NAMES = Object.fromEntries(ELEMENT_CATEGORIES);

/** A new script version: the file is already on the server (POST /media/script gave its id). */
export function scriptUpload(author, uploadId, fileName) {
  return newIntent(SCRIPT_UPLOAD, author, { upload_id: uploadId, file_name: fileName });
}

/** One correction of one scene (core/script/corrections.py shapes). */
export function breakdownCorrection(author, correction) {
  return newIntent(BREAKDOWN_CORRECTION, author, { correction });
}

/** Sends the file to /media/script; {mediaId} or {reason} (the server's, or why it did not go). */
export async function uploadScriptFile(file) {
  try {
    const answer = await fetch("/media/script", {
      method: "POST", body: file, credentials: "same-origin", headers: { "Content-Type": "application/octet-stream" },
    });
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
      return { mediaId: body.media_id };
    }
    return { reason: body.reason || `The server said no (${answer.status}).` };
  } catch (error) {
    return { reason: "The file needs the network to go up: try again when you have signal." };
  }
}

/** The corrections that turn `scene` into `edited` ({eighths, characters, elements}): one per field. */
export function correctionsFor(scene, edited) {
  const corrections = [];
  const listChange = (field, before, after) => {
    const add = after.filter((item) => !before.includes(item));
    const remove = before.filter((item) => !after.includes(item));
    if (add.length || remove.length) {
      corrections.push({ scene: String(scene.id), heading: scene.heading, field,
        ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) });
    }
  };
  if (edited.eighths !== scene.eighths) {
    corrections.push({ scene: String(scene.id), heading: scene.heading, field: "eighths", set: edited.eighths });
  }
  listChange("characters", scene.characters || [], edited.characters);
  for (const [category] of ELEMENT_CATEGORIES) {
    listChange(`elements.${category}`, scene.elements?.[category] || [], edited.elements[category] || []);
  }
  return corrections;
}

/** A correction in words: "Add props: cutlass; remove: knife", "Eighths: 1 3/8". */
export function describeCorrection(correction, pages) {
  const field = correction.field || "";
  if (field === "eighths") {
    return `Length set to ${Number.isInteger(correction.set) ? `${pages(correction.set)} pages` : String(correction.set)}`;
  }
  const what = field.startsWith("elements.") ? CATEGORY_NAMES[field.slice(9)] || field.slice(9) : "Characters";
  const parts = [];
  if (correction.add?.length) {
    parts.push(`add ${correction.add.join(", ")}`);
  }
  if (correction.remove?.length) {
    parts.push(`remove ${correction.remove.join(", ")}`);
  }
  return `${what}: ${parts.join("; ")}`;
}

/** Everything the script screen shows, from the office database on this device. */
export async function loadScript(db, viewed) {
  const [script, breakdown, uploads, corrections] = await Promise.all([
    getOrNull(db, "script"), getOrNull(db, "breakdown"),
    docsWithPrefix(db, `${SCRIPT_UPLOAD}:`), docsWithPrefix(db, `${BREAKDOWN_CORRECTION}:`),
  ]);
  const versions = await Promise.all((script?.versions || []).map(async (version) => {
    const parsed = version.status === "ready" ? await getOrNull(db, `script_version:${version.number}`) : null;
    return { ...version, current: script.current === version.number, scenes: parsed ? parsed.breakdown.scenes.length : null,
      diff: parsed?.diff || null, diffFrom: parsed?.diff_from ?? null };
  }));
  const newestFirst = (a, b) => (a.created_at < b.created_at ? 1 : -1);
  let shown = null;
  if (viewed && viewed !== script?.current) {
    const parsed = await getOrNull(db, `script_version:${viewed}`);
    shown = parsed ? { number: viewed, breakdown: parsed.breakdown, current: false } : null;
  } else if (breakdown) {
    shown = { number: breakdown.version, breakdown, current: true };
  }
  return {
    versions: versions.reverse(),
    current: script?.current ?? null,
    shown,
    orphaned: breakdown?.orphaned_corrections || [],
    uploads: uploads.sort(newestFirst),
    corrections: corrections.sort((a, b) => (a.created_at < b.created_at ? -1 : 1)),
  };
}

/** The day out of days as last published, with the schedule it came from (both on this device). */
export async function loadDayOutOfDays(officeDb, projectDb) {
  const [report, schedule, breakdown] = await Promise.all([
    getOrNull(officeDb, "day_out_of_days"), getOrNull(projectDb, "schedule"), getOrNull(officeDb, "breakdown"),
  ]);
  // Call sheets and this report show the scenes as published: a later correction or script
  // version reaches them when the schedule is published again.
  const stale = Boolean(report && schedule?.published_at && breakdown?.updated_at && breakdown.updated_at > schedule.published_at);
  return { report, schedule, stale };
}

/** "SW" and friends in words, for screen readers and the legend. */
export const DOOD_CODES = {
  SW: "start work", W: "work", H: "hold", WF: "work finish", SWF: "start, work and finish",
};
