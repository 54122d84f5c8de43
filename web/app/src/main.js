// The producers' web app: signs in once, then works from the databases on this device and
// syncs them through /db/ whenever there is network.
import { html, render } from "htm/preact";
import { useEffect, useRef, useState } from "preact/hooks";

import { signOut } from "./auth.js";
import { forgetPerson, rememberPerson, signedInPerson } from "./device.js";
import { lagosToday, loadDashboard } from "./projects.js";
import { DeviceSync } from "./sync.js";
import { Dashboard } from "./ui/Dashboard.js";
import { AccountForm, JobForm, ProjectForm } from "./ui/Forms.js";
import { SignIn } from "./ui/SignIn.js";
import { SyncBar } from "./ui/SyncBar.js";
import { CallSheetScreen, isCallSheetRoute } from "./ui/CallSheets.js";
import { hiringScreen } from "./ui/Hiring.js";
import { Stripboard } from "./ui/Stripboard.js";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes redraws the dashboard once
const POST_JOB_ROUTE = /^#\/project\/([a-z0-9]+)\/post-job$/;
const BOARD_ROUTE = /^#\/project\/([a-z0-9]+)\/board$/;

function useHashRoute() {
  const [route, setRoute] = useState(location.hash || "#/");
  useEffect(() => {
    const follow = () => setRoute(location.hash || "#/");
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return route;
}

function useOfflineReady() {
  const [ready, setReady] = useState(Boolean(navigator.serviceWorker?.controller));
  useEffect(() => {
    navigator.serviceWorker?.ready.then(() => setReady(true));
  }, []);
  return ready;
}

function Workspace({ person, onSignedOut }) {
  const route = useHashRoute();
  const offlineReady = useOfflineReady();
  const syncRef = useRef(null);
  const [status, setStatus] = useState(null);
  const [data, setData] = useState({ projects: [], requests: [] });

  useEffect(() => {
    let timer = null;
    const sync = new DeviceSync(person.person_id, (next) => {
      setStatus({ ...next });
      clearTimeout(timer);
      timer = setTimeout(() => loadDashboard(sync, lagosToday()).then(setData, (error) => console.error(error)), RELOAD_DELAY_MS);
    });
    syncRef.current = sync;
    sync.start();
    return () => {
      clearTimeout(timer);
      sync.stop();
    };
  }, [person.person_id]);

  const sync = syncRef.current;
  if (!sync || !status) {
    return html`<p class="loading">Opening your projects…</p>`;
  }
  const leave = async () => {
    if (status.unsent > 0 && !confirm(`${status.unsent} change(s) have not gone up yet and will be lost. Sign out anyway?`)) {
      return;
    }
    const answer = await signOut();
    if (!answer.ok && answer.status === undefined) {
      // Offline: the session would stay live on the server with its cookie on this device.
      alert("Signing out needs the network, to end this device's session on the server. Try again when online.");
      return;
    }
    sync.stop();
    await Promise.all([...sync.databases.values()].map((db) => db.local.destroy()));
    forgetPerson();
    onSignedOut();
  };
  const backHome = () => {
    location.hash = "#/";
  };
  const postJob = route.match(POST_JOB_ROUTE);
  const hiring = hiringScreen(route, { sync, status, personId: person.person_id, projects: data.projects });
  let screen;
  if (route === "#/account") {
    screen = html`<${AccountForm} />`;
  } else if (route === "#/new-project") {
    screen = html`<${ProjectForm} sync=${sync} personId=${person.person_id} onDone=${backHome} />`;
  } else if (postJob) {
    const project = data.projects.find((card) => card.projectId === postJob[1]);
    screen = html`<${JobForm} key=${postJob[1]} sync=${sync} personId=${person.person_id} project=${project} onDone=${backHome} />`;
  } else if (isCallSheetRoute(route)) {
    screen = html`<${CallSheetScreen} route=${route} sync=${sync} personId=${person.person_id} status=${status} />`;
  } else if (hiring) {
    screen = hiring;
  } else if (route.match(BOARD_ROUTE)) {
    const boardProject = route.match(BOARD_ROUTE)[1];
    screen = html`<${Stripboard} key=${boardProject} sync=${sync} personId=${person.person_id} projectId=${boardProject}
      project=${data.projects.find((card) => card.projectId === boardProject)} status=${status} />`;
  } else {
    screen = html`<${Dashboard} data=${data} status=${status} />`;
  }
  return html`
    <header class="top">
      <a class="brand" href="#/">NollyCrew</a>
      <a class="who" href="#/account" title="Email and password">${person.label}</a>
      <button type="button" class="link" onClick=${leave}>Sign out</button>
    </header>
    <${SyncBar} status=${status} offlineReady=${offlineReady} />
    ${status.signedOut && html`<p class="note error" role="alert">Your session has ended. Sign out and sign in again to sync.</p>`}
    ${screen}`;
}

function App() {
  const [person, setPerson] = useState(signedInPerson());
  if (!person) {
    return html`<${SignIn} onSignedIn=${(personId, label) => {
      rememberPerson(personId, label);
      setPerson(signedInPerson());
    }} />`;
  }
  return html`<${Workspace} person=${person} onSignedOut=${() => setPerson(null)} />`;
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => {
    console.warn("nollycrew: no offline copy of the app on this browser", error);
  });
}
const root = document.getElementById("app");
root.replaceChildren(); // the "Loading" line the shell shows until this script runs
render(html`<${App} />`, root);
