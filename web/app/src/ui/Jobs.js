// A project's job posts with how far each has got: applied, shortlisted, offered, hired.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { loadJobs, rateText } from "../hiring.js";

/** Reloads `load()` whenever the sync status changes: a write here or a change coming down. */
export function useOfficeData(load, status, keys) {
  const [data, setData] = useState(null);
  useEffect(() => {
    let live = true;
    load().then((next) => live && setData(next), (error) => console.error(error));
    return () => {
      live = false;
    };
  }, [status, ...keys]);
  return data;
}

function JobRow({ projectId, job }) {
  const { post, counts } = job;
  return html`
    <li class="card job" data-job-post-id=${post.job_post_id}>
      <h3><a href=${`#/project/${projectId}/job/${post.job_post_id}`}>${post.title}</a></h3>
      <p class="hint">${`${post.department} · ${rateText(post.rate, post.rate_per)} · ${post.start_date} to ${post.end_date} · ${post.status}`}
        ${post.code ? html` · code <code>${post.code}</code>` : ""}</p>
      <dl class="counts" aria-label=${`Progress of ${post.title}`}>
        <div><dt>Applied</dt><dd data-count="applied">${counts.applied}</dd></div>
        <div><dt>Shortlisted</dt><dd data-count="shortlisted">${counts.shortlisted}</dd></div>
        <div><dt>Offered</dt><dd data-count="offered">${counts.offered}</dd></div>
        <div><dt>Hired</dt><dd data-count="hired">${counts.hired} of ${post.slots}</dd></div>
      </dl>
      <a class="button secondary" href=${`#/project/${projectId}/job/${post.job_post_id}`}
        aria-label=${`Applicants for ${post.title}`}>Applicants</a>
    </li>`;
}

export function Jobs({ sync, status, project, projectId }) {
  const data = useOfficeData(() => loadJobs(sync, projectId), status, [projectId]);
  const title = project?.title || "this project";
  if (!data) {
    return html`<main id="main"><p class="loading">Opening the jobs…</p></main>`;
  }
  return html`
    <main id="main" class="hiring jobs-screen">
      <p class="crumbs"><a href="#/">Projects</a></p>
      <div class="heading-row">
        <h2>Jobs on ${title}</h2>
        ${data.office && html`<a class="button" href=${`#/project/${projectId}/post-job`}>Post a job</a>`}
      </div>
      ${!data.office
        ? html`<p class="hint">Syncing the production office…</p>`
        : data.jobs.length === 0
          ? html`<p class="empty">No jobs posted yet.</p>`
          : html`<ul class="cards" aria-label=${`Jobs on ${title}`}>
              ${data.jobs.map((job) => html`<${JobRow} key=${job.post._id} projectId=${projectId} job=${job} />`)}
            </ul>`}
    </main>`;
}
