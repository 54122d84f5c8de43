// The hiring pipeline's routes, so the app's router needs one line for all of them:
//   #/project/<id>/jobs                              the project's job posts with their counts
//   #/project/<id>/job/<job post id>                 a job's applicants
//   #/project/<id>/job/<job post id>/compare/<a,b>   2 or 3 applicants side by side
//   #/project/<id>/job/<job post id>/offer/<app id>  an offer to one applicant
import { html } from "htm/preact";

import { Applicants } from "./Applicants.js";
import { Compare } from "./Compare.js";
import { Jobs } from "./Jobs.js";
import { OfferForm } from "./Offer.js";

const JOBS_ROUTE = /^#\/project\/([a-z0-9]+)\/jobs$/;
const JOB_ROUTE = /^#\/project\/([a-z0-9]+)\/job\/([a-z0-9]+)(?:\/(compare|offer)\/([a-z0-9.,]+))?$/;

/** The hiring screen for `route`, or null when the route is not one of hiring's.
 *  `props`: {sync, status, personId, projects (the dashboard's cards)}. */
export function hiringScreen(route, { sync, status, personId, projects }) {
  const jobs = route.match(JOBS_ROUTE);
  if (jobs) {
    const project = projects.find((card) => card.projectId === jobs[1]);
    return html`<${Jobs} key=${jobs[1]} sync=${sync} status=${status} project=${project} projectId=${jobs[1]} />`;
  }
  const job = route.match(JOB_ROUTE);
  if (!job) {
    return null;
  }
  const [, projectId, jobPostId, view, ref] = job;
  const common = { sync, status, personId, projectId, jobPostId };
  if (view === "compare") {
    return html`<${Compare} key=${route} ...${common} ids=${ref.split(",")} />`;
  }
  if (view === "offer") {
    return html`<${OfferForm} key=${route} ...${common} applicationId=${ref} />`;
  }
  return html`<${Applicants} key=${jobPostId} ...${common} />`;
}
