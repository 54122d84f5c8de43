// Sign-in calls to the api's /auth/ routes. Each answers {ok: true, ...} or {ok: false, reason}
// with the server's own words, or words about the network when the server cannot be reached.
const OFFLINE_REASON = "You are offline. Signing in needs the network once; after that NollyCrew works offline.";

async function post(path, body, method = "POST") {
  let answer;
  try {
    answer = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    return { ok: false, reason: OFFLINE_REASON };
  }
  let data = {};
  try {
    data = await answer.json();
  } catch (error) {
    data = { reason: `The server answered ${answer.status} without details. Try again.` };
  }
  return answer.ok ? { ...data, ok: true } : { ...data, ok: false, status: answer.status };
}

/** Ask for a one-time code by WhatsApp or SMS. `signUp` carries {name, roles} for a new person. */
export function requestCode(phone, signUp = null) {
  const body = signUp
    ? { phone, purpose: "sign_up", name: signUp.name, roles: signUp.roles, language: "en" }
    : { phone, purpose: "sign_in" };
  return post("/auth/code", body);
}

export function verifyCode(phone, code) {
  return post("/auth/code/verify", { phone, code, device: deviceName() });
}

export function signInWithPassword(email, password, secondFactor = "") {
  return post("/auth/password", { email, password, device: deviceName(), second_factor_code: secondFactor });
}

export function setPassword(email, password) {
  return post("/auth/password", { email, password }, "PUT");
}

export function signOut() {
  return post("/auth/sign-out", {});
}

function deviceName() {
  const platform = navigator.userAgentData?.platform || navigator.platform || "a browser";
  return `Web app on ${platform}`.slice(0, 200);
}
