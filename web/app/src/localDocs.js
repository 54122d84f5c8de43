// Reads of a database on this device that every screen needs. A database not yet on the device
// (its project still syncing) reads as empty, not as an error.

/** Every document whose id starts with `prefix`, in id order. */
export async function docsWithPrefix(db, prefix) {
  if (!db) {
    return [];
  }
  const found = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return found.rows.map((row) => row.doc);
}

/** The document `id`, or null when there is none; `options` as PouchDB's get takes them. */
export async function getOrNull(db, id, options = {}) {
  if (!db) {
    return null;
  }
  try {
    return await db.get(id, options);
  } catch (error) {
    if (error.status === 404) {
      return null;
    }
    throw error;
  }
}
