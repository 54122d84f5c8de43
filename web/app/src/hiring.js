// The hiring pipeline's data: a project's job posts, their applications (with self-tapes and
// transcripts) and offers, and the requests the office wrote about them. All of it is read from
// the office database on this device, so every screen shows the same with no network.
import { newIntent, requestState } from "./intents.js";
import { docsWithPrefix } from "./localDocs.js";

export const SHORTLIST_REQUEST = "shortlist_request";
export const SHORTLIST_DECISION = "shortlist_decision";
export const SHORTLIST_REMOVAL = "shortlist_removal";
export const APPLICATION_DECLINE = "application_decline";
export const OFFER_REQUEST = "offer_request";
const HIRING_INTENTS = [SHORTLIST_REQUEST, SHORTLIST_DECISION, SHORTLIST_REMOVAL, APPLICATION_DECLINE, OFFER_REQUEST];

const LAGOS_OFFSET = "+01:00"; // Africa/Lagos, no daylight saving: a deadline typed here is Lagos time
const OPEN_STATUSES = new Set(["applied", "received", "shortlisted", "auditioning", "offered"]);
const SHORTLISTED_OR_LATER = new Set(["shortlisted", "auditioning", "offered", "hired"]);
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 3; // three columns still fit a laptop's width; a phone scrolls the table

// The office's working list of one job (core/handlers/discovery.py keeps it as "shortlist:<name>"):
// what "Remove from shortlist" takes a person off, as the application's own status only goes forward.
export function jobListName(jobPostId) {
  return `job-${jobPostId}`;
}

/** Shortlisting is two requests: the application moves forward (the applicant is told), and the
 *  person goes on the job's list, from which "Remove" can take them off again. */
export function shortlistRequests(author, application) {
  return [
    newIntent(SHORTLIST_REQUEST, author, { application_id: application.application_id }),
    newIntent(SHORTLIST_DECISION, author, {
      person_id: application.person_id, decision: "like", list_name: jobListName(application.job_post_id),
    }),
  ];
}

/** Back on the job's list after a removal (the application is already shortlisted). */
export function shortlistReturn(author, application) {
  return shortlistRequests(author, application)[1];
}

export function shortlistRemoval(author, application) {
  return newIntent(SHORTLIST_REMOVAL, author, {
    person_id: application.person_id, list_name: jobListName(application.job_post_id),
  });
}

export function applicationDecline(author, application, feedback = "") {
  return newIntent(APPLICATION_DECLINE, author, { application_id: application.application_id, feedback: feedback.trim() });
}

/** The offer is the job post's rate and dates (the core copies them); the office sets until when
 *  it stands. `deadlineDate` YYYY-MM-DD and `deadlineTime` HH:MM are Lagos time. */
export function offerRequest(author, application, { deadlineDate, deadlineTime, note }) {
  return newIntent(OFFER_REQUEST, author, {
    application_id: application.application_id,
    expires_at: `${deadlineDate}T${deadlineTime}:00${LAGOS_OFFSET}`,
    note: (note || "").trim(),
  });
}

export function isOpen(application) {
  return OPEN_STATUSES.has(application.status);
}

export function statusText(status) {
  return status === "received" ? "applied" : status;
}

/** How far a job has got, as a funnel: applications that ever reached shortlisted (or further),
 *  offered (or hired), and the places hired. A declined applicant still counts where they got to. */
export function jobCounts(jobPost, applications) {
  const steps = (application) => [application.status, ...(application.history || []).map((step) => step.status)];
  const reached = (statuses) => applications.filter((application) => steps(application).some((step) => statuses.has(step))).length;
  return {
    applied: applications.length,
    shortlisted: reached(SHORTLISTED_OR_LATER),
    offered: reached(new Set(["offered", "hired"])),
    hired: (jobPost.hired || []).length,
  };
}

/** "₦45,000 per day" from a money doc ({amount_minor, currency}) and its period. */
export function rateText(rate, ratePer) {
  if (!rate) {
    return "";
  }
  const whole = rate.amount_minor / 100;
  const amount = rate.currency === "NGN" ? `₦${whole.toLocaleString("en-NG")}` : `${rate.currency} ${whole.toLocaleString("en")}`;
  const per = { day: "per day", hour: "per hour", job: "for the job" }[ratePer] || "";
  return `${amount} ${per}`.trim();
}

/** The transcript of each media item, with what the page needs to play it: {index, item, transcript}. */
export function selfTapes(application) {
  const transcripts = application.transcripts || [];
  return (application.media || []).map((item, index) => ({
    index,
    item,
    transcript: transcripts.find((entry) => entry.media_index === index) || null,
  }));
}


function officeOf(sync, projectId) {
  return sync.databases.get(`office_${projectId}`)?.local || null;
}

/** {office, jobs: [{post, counts}]}; office false while the office database is not on this device. */
export async function loadJobs(sync, projectId) {
  const office = officeOf(sync, projectId);
  if (!office) {
    return { office: false, jobs: [] };
  }
  const [posts, applications] = await Promise.all([docsWithPrefix(office, "job_post:"), docsWithPrefix(office, "application:")]);
  const jobs = posts
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
    .map((post) => ({ post, counts: jobCounts(post, applications.filter((a) => a.job_post_id === post.job_post_id)) }));
  return { office: true, jobs };
}

/** One job's applicants: {office, post, applications, offers: {application id: offer}, listed: Set of
 *  person ids on the job's list, requests: {application id: [{doc, state, reason}]}}. */
export async function loadApplicants(sync, projectId, jobPostId, status) {
  const office = officeOf(sync, projectId);
  if (!office) {
    return { office: false };
  }
  const post = (await docsWithPrefix(office, `job_post:${jobPostId}`)).find((doc) => doc.job_post_id === jobPostId) || null;
  const [applications, offers, lists, intents] = await Promise.all([
    docsWithPrefix(office, `application:${jobPostId}.`),
    docsWithPrefix(office, `offer:${jobPostId}.`),
    docsWithPrefix(office, `shortlist:${jobListName(jobPostId)}`),
    Promise.all(HIRING_INTENTS.map((type) => docsWithPrefix(office, `${type}:`))).then((all) => all.flat()),
  ]);
  const list = lists.find((doc) => doc.list_name === jobListName(jobPostId));
  const unsent = new Set(status?.unsentIds || []);
  const requests = {};
  for (const application of applications) {
    requests[application.application_id] = intents
      .filter((doc) => doc.application_id === application.application_id
        || (doc.person_id === application.person_id && doc.list_name === jobListName(jobPostId)))
      .sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
      .map((doc) => ({ doc, ...requestState(doc, unsent, status?.denied || {}) }));
  }
  applications.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  return {
    office: true,
    post,
    applications,
    offers: Object.fromEntries(offers.map((offer) => [offer.application_id, offer])),
    listed: new Set((list?.liked || []).map((entry) => entry.person_id)),
    requests,
  };
}

/** The shortlisted applications of a job as the compare screen picks them, by application id. */
export function picked(applications, ids) {
  return ids.map((id) => applications.find((application) => application.application_id === id)).filter(Boolean);
}

/** The profiles' side of a comparison (rate, rating, skills...), from the server's search index:
 *  {rows} or {reason} when it cannot be had (offline, no public profile). */
export async function profileComparison(personIds) {
  try {
    const answer = await fetch(`/search/compare?ids=${personIds.map(encodeURIComponent).join(",")}`, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    const body = await answer.json();
    return answer.ok ? { rows: body.rows } : { reason: body.reason || "The profiles could not be compared." };
  } catch (error) {
    return { reason: "Profile details (rate, rating, skills) need the network." };
  }
}
