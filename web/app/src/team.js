// A project's team as the production office's devices hold it: who is on the project, in which
// department, with which project roles; and the office's requests to give or take back a role.
//
// The core keeps each person's project roles in the office database ("team:<person>", with the
// department a head of department heads); who was hired for what comes from the hired
// applications (office) and the bookings (project database). Roles are given and taken back by
// intents in the office database: the core checks that the sender may (a producer) and answers.
import { newIntent } from "./intents.js";
import { docsWithPrefix, getOrNull } from "./localDocs.js";

export const TEAM_ROUTE = /^#\/project\/([a-z0-9]+)\/team$/;
export const PROJECT_ROLE_GRANT = "project_role_grant";
export const PROJECT_ROLE_REVOKE = "project_role_revoke";

// core/project_roles.py PROJECT_ROLES, in the order a call sheet lists people. Only the
// producer gives roles, and the producer's own role is never given or taken back.
export const PROJECT_ROLES = [
  { role: "producer", title: "Producer", office: true },
  { role: "first_ad", title: "First assistant director", office: true },
  { role: "unit_manager", title: "Unit production manager", office: true },
  { role: "production_accountant", title: "Production accountant", office: true },
  { role: "department_head", title: "Head of department", office: true },
  { role: "cast", title: "Cast", office: false },
  { role: "crew", title: "Crew", office: false },
];
export const GRANTABLE_ROLES = PROJECT_ROLES.filter((entry) => entry.role !== "producer");
// core/profile_lists.py DEPARTMENTS: what a head of department may head.
export const DEPARTMENTS = ["camera", "lighting", "grip", "sound", "art", "costume", "makeup", "production", "post_production"];
const OFFICE = "production";
const NOT_PLACED = "";

export function roleTitle(role) {
  return PROJECT_ROLES.find((entry) => entry.role === role)?.title || role;
}

export function departmentTitle(department) {
  if (!department) {
    return "No department yet";
  }
  const words = department.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A request to give `role` to `personId` (a head of department also needs `department`). */
export function roleGrant(author, { personId, role, department = "" }) {
  return newIntent(PROJECT_ROLE_GRANT, author, { person_id: personId, role, ...(department ? { department } : {}) });
}

export function roleRevoke(author, { personId, role }) {
  return newIntent(PROJECT_ROLE_REVOKE, author, { person_id: personId, role });
}

function person(people, personId) {
  if (!people.has(personId)) {
    people.set(personId, { personId, name: "", roles: [], departments: {}, department: NOT_PLACED, jobs: [] });
  }
  return people.get(personId);
}

/** Everyone on the project, one entry per person: {personId, name, roles, departments,
 *  department, jobs}. A person's department is the one they head, else the one they were hired
 *  into, else the office for office roles. */
export function teamPeople({ members = [], applications = [], bookings = [], jobPosts = [], producerId = "" }) {
  const people = new Map();
  for (const member of members) {
    Object.assign(person(people, member.person_id), {
      name: member.name || "", roles: [...(member.roles || [])], departments: { ...(member.departments || {}) },
    });
  }
  if (producerId && !person(people, producerId).roles.includes("producer")) {
    people.get(producerId).roles.unshift("producer"); // as the core recognises the producer
  }
  for (const application of applications.filter((doc) => doc.status === "hired")) {
    const entry = person(people, application.person_id);
    entry.name = entry.name || application.applicant?.name || "";
    entry.hiredInto = entry.hiredInto || application.applicant?.department || "";
    entry.jobs.push(application.job_title);
  }
  const departmentOfPost = new Map(jobPosts.map((post) => [post.job_post_id, post.department]));
  for (const booking of bookings.filter((doc) => doc.status !== "cancelled")) {
    const entry = person(people, booking.person_id);
    entry.hiredInto = entry.hiredInto || departmentOfPost.get(booking.job_post_id) || "";
    if (booking.role && !entry.jobs.includes(booking.role)) {
      entry.jobs.push(booking.role);
    }
  }
  const officeRoles = new Set(PROJECT_ROLES.filter((entry) => entry.office && entry.role !== "department_head").map((entry) => entry.role));
  for (const entry of people.values()) {
    entry.department = entry.departments.department_head || entry.hiredInto
      || (entry.roles.some((role) => officeRoles.has(role)) ? OFFICE : NOT_PLACED);
    entry.name = entry.name || (entry.jobs[0] ? `Someone hired as ${entry.jobs[0]}` : "Someone not yet named");
    entry.roles.sort((a, b) => rank(a) - rank(b));
  }
  return [...people.values()];
}

function rank(role) {
  const at = PROJECT_ROLES.findIndex((entry) => entry.role === role);
  return at === -1 ? PROJECT_ROLES.length : at;
}

/** The people grouped by department: [{department, title, people}], the office first, those
 *  without a department last, names in alphabetical order. */
export function byDepartment(people) {
  const groups = new Map();
  for (const entry of people) {
    groups.set(entry.department, [...(groups.get(entry.department) || []), entry]);
  }
  const order = (department) => (department === OFFICE ? -1 : department === NOT_PLACED ? DEPARTMENTS.length : DEPARTMENTS.indexOf(department));
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([department, members]) => ({
      department, title: departmentTitle(department), people: members.sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

/** People whose name (or part of it) or job matches what was typed: for the grant form. */
export function findPeople(people, typed) {
  const words = typed.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return people.filter((entry) => {
    const text = `${entry.name} ${entry.jobs.join(" ")}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Everything the team screen shows, from this device's databases. */
export async function loadTeam(sync, projectId) {
  const project = sync.databases.get(`project_${projectId}`)?.local || null;
  const office = sync.databases.get(`office_${projectId}`)?.local || null;
  const [info, members, applications, jobPosts, bookings, grants, revokes] = await Promise.all([
    getOrNull(office, "project").then((found) => found || getOrNull(project, "project")),
    docsWithPrefix(office, "team:"),
    docsWithPrefix(office, "application:"),
    docsWithPrefix(office, "job_post:"),
    docsWithPrefix(project, "booking:"),
    docsWithPrefix(office, `${PROJECT_ROLE_GRANT}:`),
    docsWithPrefix(office, `${PROJECT_ROLE_REVOKE}:`),
  ]);
  const people = teamPeople({ members, applications, bookings, jobPosts, producerId: info?.producer_id || "" });
  const requests = [...grants, ...revokes].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  return { title: info?.title || "", producerId: info?.producer_id || "", people, requests, office: Boolean(office) };
}
