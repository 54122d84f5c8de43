// Who may write what, run by CouchDB (and PouchDB Server) on every write, replication included.
// __KIND__ and __INTENT_TYPES__ are filled in per kind of database by sync/design_docs.py from
// core/intents.py, so the lists here and in the rules engine cannot drift apart.
function (newDoc, oldDoc, userCtx, secObj) {
  var KIND = "__KIND__";
  var INTENT_TYPES = __INTENT_TYPES__;

  function refuse(reason) {
    throw ({forbidden: reason});
  }

  // The core writes authoritative state with the server admin account.
  if (userCtx.roles.indexOf("_admin") !== -1) {
    return;
  }
  if (newDoc._id.indexOf("_design/") === 0) {
    refuse("Only NollyCrew changes design documents.");
  }
  // The office's hand-edited stripboard and its call-sheet notes are edited in place on
  // every office device, so two devices offline make a real conflict; whoever resolves it
  // deletes the losing revision, which arrives without its type (hence the id checks).
  var boardId = newDoc._id === "board";
  var notesId = newDoc._id.indexOf("call_sheet_notes:") === 0;
  if (KIND === "office" && (boardId || notesId)) {
    // PouchDB Server's validation overwrites a replicated revision's _revisions with the stored
    // winner's, which silently drops every edit of an existing document pushed by a device. The
    // device writes its parent's ancestry in the body ("ancestry"); put the true history back.
    // (CouchDB hands this function a copy, so there it changes nothing, as it should.)
    var ancestry = newDoc.ancestry;
    var revParts = typeof newDoc._rev === "string" ? newDoc._rev.split("-") : [];
    if (ancestry && Array.isArray(ancestry.ids) && revParts.length === 2 && ancestry.start === Number(revParts[0]) - 1) {
      newDoc._revisions = {start: Number(revParts[0]), ids: [revParts[1]].concat(ancestry.ids)};
    } else if (!ancestry && revParts.length === 2 && revParts[0] === "1") {
      newDoc._revisions = {start: 1, ids: [revParts[1]]}; // made on two devices at once: a conflict, not a loss
    }
    if (newDoc._deleted) {
      return;
    }
    if (newDoc.type !== (boardId ? "board" : "call_sheet_notes")) {
      refuse("The document '" + newDoc._id + "' must have type '" + (boardId ? "board" : "call_sheet_notes") + "'.");
    }
    if (newDoc.author !== userCtx.name) {
      refuse("author must be the signed-in person.");
    }
    if (typeof newDoc.updated_at !== "string") {
      refuse("updated_at is required.");
    }
    if (boardId && !(Array.isArray(newDoc.days) && Array.isArray(newDoc.boneyard))) {
      refuse("A board needs its days and its boneyard.");
    }
    if (notesId && typeof newDoc.text !== "string") {
      refuse("Call-sheet notes need their text.");
    }
    return;
  }
  if (newDoc._deleted) {
    refuse("Nothing here can be deleted: send a new request instead.");
  }
  if (oldDoc && !oldDoc._deleted) {
    refuse("A request cannot be changed once sent: send a new one.");
  }
  if (INTENT_TYPES.indexOf(newDoc.type) === -1) {
    refuse("You may not write a document of type '" + newDoc.type + "' in this database.");
  }
  if (newDoc._id.indexOf(newDoc.type + ":") !== 0) {
    refuse("The id of a " + newDoc.type + " starts with '" + newDoc.type + ":'.");
  }
  if (newDoc.author !== userCtx.name) {
    refuse("author must be the signed-in person.");
  }
  if (newDoc.outcome !== undefined) {
    refuse("Only NollyCrew writes the outcome of a request.");
  }
  if (typeof newDoc.created_at !== "string") {
    refuse("created_at is required.");
  }
  // Only members can write at all; this re-checks the owner where the server passes the
  // security object (PouchDB Server's _bulk_docs passes an empty one).
  var owners = secObj && secObj.members && secObj.members.names;
  if (KIND === "user" && owners && owners.indexOf(userCtx.name) === -1) {
    refuse("Only the owner writes in their own database.");
  }
}
