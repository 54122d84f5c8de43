// The producers' web app: signs in once, then works from the databases on this device and
// syncs them through /db/ whenever there is network.
import { html, render } from "htm/preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

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
import { INVESTOR_ROUTE, MONEY_ROUTE } from "./money.js";
import { InvestorScreen } from "./ui/Investor.js";
import { MoneyScreen } from "./ui/Money.js";
import { DOOD_ROUTE, SCRIPT_ROUTE } from "./script.js";
import { DayOutOfDays } from "./ui/DayOutOfDays.js";
import { Script } from "./ui/Script.js";
import { TEAM_ROUTE } from "./team.js";
import { Settings } from "./ui/Settings.js";
import { Team } from "./ui/Team.js";
import { CREW_ROUTE, isCrewOnly } from "./crew.js";
import { CrewView } from "./ui/CrewView.js";
import { DAILIES_ROUTE } from "./dailies.js";
import { Dailies } from "./ui/Dailies.js";
import { useLanguage } from "./ui/language.js";

const RELOAD_DELAY_MS = 100; // a burst of replicated changes redraws the dashboard once
const POST_JOB_ROUTE = /^#\/project\/([a-z0-9]+)\/post-job$/;
const BOARD_ROUTE = /^#\/project\/([a-z0-9]+)\/board$/;

function useHashRoute() {
  const [route, setRoute] = useState(location.hash || "#/");
  // Subscribed as the screen is drawn (a layout effect), and read once more then: a plain effect
  // runs a frame later, and a link followed in that frame was lost, leaving the old screen up.
  useLayoutEffect(() => {
    const follow = () => setRoute(location.hash || "#/");
    window.addEventListener("hashchange", follow);
    follow();
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
  const [, t] = useLanguage();
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
    return html`<p class="loading">${t("Opening your projects…")}</p>`;
  }
  const leave = async () => {
    if (status.unsent > 0
      && !confirm(t("{count} changes have not gone up yet and will be lost. Sign out anyway?", { count: status.unsent }))) {
      return;
    }
    const answer = await signOut();
    if (!answer.ok && answer.status === undefined) {
      // Offline: the session would stay live on the server with its cookie on this device.
      alert(t("Signing out needs the network, to end this device's session on the server. Try again when online."));
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
  } else if (route.match(SCRIPT_ROUTE)) {
    const [, scriptProject, version] = route.match(SCRIPT_ROUTE);
    screen = html`<${Script} key=${scriptProject} sync=${sync} personId=${person.person_id} projectId=${scriptProject} version=${version}
      project=${data.projects.find((card) => card.projectId === scriptProject)} status=${status} />`;
  } else if (route.match(DOOD_ROUTE)) {
    const doodProject = route.match(DOOD_ROUTE)[1];
    screen = html`<${DayOutOfDays} key=${doodProject} sync=${sync} projectId=${doodProject}
      project=${data.projects.find((card) => card.projectId === doodProject)} />`;
  } else if (route.match(MONEY_ROUTE)) {
    const moneyProject = route.match(MONEY_ROUTE)[1];
    screen = html`<${MoneyScreen} key=${moneyProject} sync=${sync} personId=${person.person_id} projectId=${moneyProject} status=${status} />`;
  } else if (route.match(INVESTOR_ROUTE)) {
    screen = html`<${InvestorScreen} key=${route} sync=${sync} projectId=${route.match(INVESTOR_ROUTE)[1]} />`;
  } else if (route.match(TEAM_ROUTE)) {
    const teamProject = route.match(TEAM_ROUTE)[1];
    screen = html`<${Team} key=${teamProject} sync=${sync} personId=${person.person_id} projectId=${teamProject} status=${status} />`;
  } else if (route.match(DAILIES_ROUTE)) {
    const [, dailiesProject, dailiesKey, dailiesVersion] = route.match(DAILIES_ROUTE);
    screen = html`<${Dailies} key=${dailiesProject} sync=${sync} personId=${person.person_id} projectId=${dailiesProject}
      labelKeyShown=${dailiesKey} versionShown=${dailiesVersion} status=${status} />`;
  } else if (route === "#/settings") {
    screen = html`<${Settings} sync=${sync} personId=${person.person_id} status=${status} onSignOut=${leave} />`;
  } else if (route === CREW_ROUTE || (route === "#/" && isCrewOnly(sync.roles))) {
    screen = html`<${CrewView} sync=${sync} personId=${person.person_id} status=${status} />`;
  } else {
    screen = html`<${Dashboard} data=${data} status=${status} />`;
  }
  return html`
    <header class="top">
      <a class="brand" href="#/">NollyCrew</a>
      <a class="who" href="#/account" title="Email and password">${person.label}</a>
      <a class="settings-link" href="#/settings">${t("Settings")}</a>
      <button type="button" class="link" onClick=${leave}>${t("Sign out")}</button>
    </header>
    <${SyncBar} status=${status} offlineReady=${offlineReady} />
    ${status.signedOut && html`<p class="note error" role="alert">${t("Your session has ended. Sign out and sign in again to sync.")}</p>`}
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
  navigator.serviceWorker.register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // Not controlled although a worker is active: this page loaded while it was installing,
      // or by a reload that bypassed it. Without control a reload with no network fails.
      if (!navigator.serviceWorker.controller && registration.active) {
        registration.active.postMessage("nollycrew:claim");
      }
    })
    .catch((error) => {
      console.warn("nollycrew: no offline copy of the app on this browser", error);
    });
}
const root = document.getElementById("app");
root.replaceChildren(); // the "Loading" line the shell shows until this script runs
render(html`<${App} />`, root);
