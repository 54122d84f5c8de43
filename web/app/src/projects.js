// The projects dashboard's figures, read from the databases on this device only: it shows the
// same whether the network is there or not.
import { JOB_POST_REQUEST, PROJECT_REQUEST } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";
import { budgetBurn, investmentsOf } from "./money.js";

const LAGOS_OFFSET_MS = 60 * 60 * 1000; // Africa/Lagos is UTC+1 all year (no daylight saving)
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in Lagos, as YYYY-MM-DD. */
export function lagosToday(now = new Date()) {
  return new Date(now.getTime() + LAGOS_OFFSET_MS).toISOString().slice(0, 10);
}

export function daysBetween(fromDate, toDate) {
  return Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS);
}

/** One dashboard card from a project's documents (any of them may be missing). */
export function projectCard({ projectId, membership, project, schedule, jobPosts }, today) {
  const scheduledDays = (schedule?.days || []).map((day) => day.date).sort();
  const firstShoot = scheduledDays[0] || project?.first_shoot_date || null;
  const slots = jobPosts.reduce((sum, post) => sum + (post.slots || 0), 0);
  const hired = jobPosts.reduce((sum, post) => sum + (post.hired || []).length, 0);
  return {
    projectId,
    title: project?.title || membership?.title || "Untitled project",
    firstShoot,
    firstShootPlanned: scheduledDays.length === 0,
    daysToFirstShoot: firstShoot ? daysBetween(today, firstShoot) : null,
    crew: jobPosts.length ? { hired, slots } : null,
    jobPosts: [...jobPosts].sort((a, b) => (a.created_at < b.created_at ? -1 : 1)),
  };
}


/** Everything the dashboard shows: {projects: [card], requests: [intent doc with its db]}. */
export async function loadDashboard(sync, today) {
  const user = sync.local(sync.userDb);
  const memberships = await docsWithPrefix(user, "membership:");
  const requests = (await docsWithPrefix(user, `${PROJECT_REQUEST}:`)).map((doc) => ({ doc, db: sync.userDb }));
  const projects = [];
  for (const membership of memberships) {
    const projectId = membership.project_id;
    const projectDb = sync.databases.get(`project_${projectId}`)?.local;
    const officeDb = sync.databases.get(`office_${projectId}`)?.local;
    const [project, schedule, jobPosts, jobRequests] = await Promise.all([
      getOrNull(projectDb, "project"),
      getOrNull(projectDb, "schedule"),
      docsWithPrefix(officeDb, "job_post:"),
      docsWithPrefix(officeDb, `${JOB_POST_REQUEST}:`),
    ]);
    projects.push({ ...projectCard({ projectId, membership, project, schedule, jobPosts }, today), office: Boolean(officeDb) });
    projects[projects.length - 1].burn = await budgetBurn(sync, projectId);
    requests.push(...jobRequests.map((doc) => ({ doc, db: `office_${projectId}`, projectTitle: project?.title })));
  }
  projects.sort((a, b) => a.title.localeCompare(b.title));
  requests.sort((a, b) => (a.doc.created_at < b.doc.created_at ? 1 : -1));
  // An investor is on no project's team: the core keeps their figures in their own database.
  const investments = await investmentsOf(user);
  return { projects, requests, investments };
}
