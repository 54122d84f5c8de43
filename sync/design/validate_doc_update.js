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
