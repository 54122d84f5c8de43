// Sign in (or sign up) by phone and a one-time code, or by email and password.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { requestCode, signInWithPassword, verifyCode } from "../auth.js";

const ASK_PHONE = "ask_phone";
const ASK_CODE = "ask_code";
const ASK_PASSWORD = "ask_password";

export function SignIn({ onSignedIn }) {
  const [step, setStep] = useState(ASK_PHONE);
  const [phone, setPhone] = useState("");
  const [newHere, setNewHere] = useState(false);
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState(null); // {kind: "error"|"info", text}
  const [busy, setBusy] = useState(false);

  async function run(action) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  const sendCode = (event) => {
    event.preventDefault();
    run(async () => {
      const answer = await requestCode(phone.trim(), newHere ? { name: name.trim(), roles: ["producer"] } : null);
      if (!answer.ok) {
        setMessage({ kind: "error", text: answer.reason });
        return;
      }
      setMessage({ kind: "info", text: answer.reason });
      setStep(ASK_CODE);
    });
  };

  const checkCode = (event) => {
    event.preventDefault();
    run(async () => {
      const answer = await verifyCode(phone.trim(), code.trim());
      if (!answer.ok) {
        setMessage({ kind: "error", text: answer.reason });
        return;
      }
      onSignedIn(answer.person_id, phone.trim());
    });
  };

  const checkPassword = (event) => {
    event.preventDefault();
    run(async () => {
      const answer = await signInWithPassword(email.trim(), password);
      if (!answer.ok) {
        setMessage({ kind: "error", text: answer.reason });
        return;
      }
      onSignedIn(answer.person_id, email.trim());
    });
  };

  return html`
    <main class="sign-in" id="main">
      <h1>NollyCrew</h1>
      <p class="lede">Your productions, hiring and shoot days, with or without network.</p>
      ${message && html`<p class=${`note ${message.kind}`} role=${message.kind === "error" ? "alert" : "status"}>${message.text}</p>`}
      ${step === ASK_PHONE && html`
        <form onSubmit=${sendCode} aria-label="Sign in with your phone">
          <label for="phone">Phone number</label>
          <input id="phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" required
            placeholder="+234 803 000 0000" value=${phone} onInput=${(e) => setPhone(e.target.value)} />
          <label class="check"><input type="checkbox" checked=${newHere}
            onChange=${(e) => setNewHere(e.target.checked)} /> I am new: sign me up as a producer</label>
          ${newHere && html`
            <label for="name">Your name</label>
            <input id="name" name="name" autocomplete="name" required value=${name}
              onInput=${(e) => setName(e.target.value)} />`}
          <button type="submit" disabled=${busy}>Send me a code</button>
          <p class="hint">We send a six-digit code by WhatsApp, or by SMS.</p>
        </form>
        <button type="button" class="link" onClick=${() => setStep(ASK_PASSWORD)}>Sign in with email and password instead</button>`}
      ${step === ASK_CODE && html`
        <form onSubmit=${checkCode} aria-label="Enter your code">
          <label for="code">The six-digit code we sent to ${phone}</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="\\s*\\d{6}\\s*"
            maxlength="8" required value=${code} onInput=${(e) => setCode(e.target.value)} />
          <button type="submit" disabled=${busy}>Sign in</button>
        </form>
        <button type="button" class="link" onClick=${() => setStep(ASK_PHONE)}>Use another number</button>`}
      ${step === ASK_PASSWORD && html`
        <form onSubmit=${checkPassword} aria-label="Sign in with email and password">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value=${email}
            onInput=${(e) => setEmail(e.target.value)} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required
            value=${password} onInput=${(e) => setPassword(e.target.value)} />
          <button type="submit" disabled=${busy}>Sign in</button>
        </form>
        <button type="button" class="link" onClick=${() => setStep(ASK_PHONE)}>Sign in with your phone instead</button>`}
    </main>`;
}
