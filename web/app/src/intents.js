// Intents: the requests this app writes into a local database, in the shapes core/intents.py
// reads. The id is chosen here, before the request leaves the device, so a retry after a
// dropped connection is the same request and never a second project or job post.
export const PROJECT_REQUEST = "project_request";
export const JOB_POST_REQUEST = "job_post_request";
export const INTENT_TYPES = [PROJECT_REQUEST, JOB_POST_REQUEST];

// getRandomValues, not randomUUID: the latter needs HTTPS, and `make dev` on a phone over the
// office Wi-Fi is plain HTTP.
function randomHex(bytes) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new request of `type` by `author`: its id chosen on this device (see above). */
export function newIntent(type, author, fields) {
  return {
    _id: `${type}:${randomHex(16)}`,
    type,
    author,
    created_at: new Date().toISOString(),
    ...fields,
  };
}

/** A new project: written in the producer's own database (user_<id>). */
export function projectRequest(author, { title, firstShootDate }) {
  return newIntent(PROJECT_REQUEST, author, {
    title: title.trim(),
    ...(firstShootDate ? { first_shoot_date: firstShootDate } : {}),
  });
}

/** A job post: written in the project's office database (office_<project id>).
 *  `rateNaira` is whole naira as typed; the core counts money in kobo. */
export function jobPostRequest(author, job) {
  return newIntent(JOB_POST_REQUEST, author, {
    title: job.title.trim(),
    department: job.department.trim().toLowerCase(),
    start_date: job.startDate,
    end_date: job.endDate,
    call_time: job.callTime,
    rate_minor: Math.round(Number(job.rateNaira) * 100),
    currency: "NGN",
    rate_per: job.ratePer,
    city: job.city.trim(),
    state: job.state.trim(),
    slots: Number.parseInt(job.slots, 10),
  });
}

/** What became of a request: "unsent", "waiting", "accepted" or "rejected", with a reason. */
export function requestState(doc, unsent, denied) {
  if (doc.outcome) {
    return { state: doc.outcome.status === "accepted" ? "accepted" : "rejected", reason: doc.outcome.reason || "" };
  }
  if (denied[doc._id]) {
    return { state: "rejected", reason: denied[doc._id] };
  }
  return { state: unsent.has(doc._id) ? "unsent" : "waiting", reason: "" };
}
