// The breakdown of one script version, scene by scene: heading, INT/EXT, D/N, length in pages,
// characters and elements by category. On the current version the office edits a scene; each
// changed field goes to the core as one correction (an intent), shown under the scene as
// waiting, applied or refused with the core's reason.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { pages } from "../board.js";
import { requestState } from "../intents.js";
import { ELEMENT_CATEGORIES, correctionsFor, describeCorrection } from "../script.js";

const DAY_NIGHT = { DAY: "Day", NIGHT: "Night", OTHER: "Other" };
const CORRECTION_STATE = {
  unsent: "waiting to go up", waiting: "sent, waiting for NollyCrew", accepted: "applied", rejected: "refused",
};
const SHOWN_CORRECTIONS = 5; // per scene: the latest few, so a much-corrected scene stays short

function Chips({ items, label, onRemove }) {
  if (!items.length) {
    return html`<span class="hint">none</span>`;
  }
  return html`<ul class="chips" aria-label=${label}>
    ${items.map((item) => html`<li key=${item}>${item}
      ${onRemove && html`<button type="button" class="chip-remove" aria-label=${`Remove ${item} from ${label.toLowerCase()}`}
        onClick=${() => onRemove(item)}>×</button>`}</li>`)}
  </ul>`;
}

function SceneEditor({ scene, onSave, onCancel }) {
  const [eighths, setEighths] = useState(String(scene.eighths || 1));
  const [characters, setCharacters] = useState([...(scene.characters || [])]);
  const [elements, setElements] = useState(Object.fromEntries(ELEMENT_CATEGORIES.map(([key]) => [key, [...(scene.elements?.[key] || [])]])));
  const [newCharacter, setNewCharacter] = useState("");
  const [category, setCategory] = useState("props");
  const [newElement, setNewElement] = useState("");
  const [problem, setProblem] = useState("");
  const addCharacter = () => {
    const name = newCharacter.trim().toUpperCase(); // speaking parts are written in capitals in a script
    if (name && !characters.includes(name)) {
      setCharacters([...characters, name]);
    }
    setNewCharacter("");
  };
  const addElement = () => {
    const item = newElement.trim();
    if (item && !elements[category].includes(item)) {
      setElements({ ...elements, [category]: [...elements[category], item] });
    }
    setNewElement("");
  };
  const save = () => {
    const length = Number(eighths);
    if (!Number.isInteger(length) || length < 1) {
      setProblem("Type the length as a whole number of eighths of a page, at least 1 (8 eighths make a page).");
      return;
    }
    const corrections = correctionsFor(scene, { eighths: length, characters, elements });
    if (!corrections.length) {
      onCancel();
      return;
    }
    onSave(corrections).catch((error) => setProblem(`Not saved on this device: ${error.message || error}`));
  };
  const label = `scene ${scene.number || scene.id}`;
  return html`
    <form class="scene-editor" aria-label=${`Edit ${label}`} onSubmit=${(e) => { e.preventDefault(); save(); }}>
      <label for="edit-eighths">Length in eighths of a page</label>
      <input id="edit-eighths" type="number" inputmode="numeric" min="1" step="1" value=${eighths}
        onInput=${(e) => { setEighths(e.target.value); setProblem(""); }} />
      <p class="hint">${Number(eighths) >= 1 ? `${pages(Math.floor(Number(eighths)))} pages` : ""}</p>
      <h4>Characters</h4>
      <${Chips} items=${characters} label=${`Characters of ${label}`} onRemove=${(name) => setCharacters(characters.filter((c) => c !== name))} />
      <div class="add-row">
        <label for="new-character">New character</label>
        <input id="new-character" value=${newCharacter} autocomplete="off" onInput=${(e) => setNewCharacter(e.target.value)}
          onKeyDown=${(e) => { if (e.key === "Enter") { e.preventDefault(); addCharacter(); } }} />
        <button type="button" class="secondary" onClick=${addCharacter}>Add character</button>
      </div>
      <h4>Elements</h4>
      ${ELEMENT_CATEGORIES.filter(([key]) => elements[key].length).map(([key, name]) => html`
        <div class="element-group" key=${key}><span class="category">${name}</span>
          <${Chips} items=${elements[key]} label=${`${name} of ${label}`}
            onRemove=${(item) => setElements({ ...elements, [key]: elements[key].filter((i) => i !== item) })} /></div>`)}
      <div class="add-row">
        <label for="element-category">Element category</label>
        <select id="element-category" value=${category} onChange=${(e) => setCategory(e.target.value)}>
          ${ELEMENT_CATEGORIES.map(([key, name]) => html`<option value=${key}>${name}</option>`)}
        </select>
        <label for="new-element">New element</label>
        <input id="new-element" value=${newElement} autocomplete="off" onInput=${(e) => setNewElement(e.target.value)}
          onKeyDown=${(e) => { if (e.key === "Enter") { e.preventDefault(); addElement(); } }} />
        <button type="button" class="secondary" onClick=${addElement}>Add element</button>
      </div>
      ${problem && html`<p class="note error" role="alert">${problem}</p>`}
      <div class="actions">
        <button type="submit">Save changes</button>
        <button type="button" class="secondary" onClick=${onCancel}>Cancel</button>
      </div>
      <p class="hint">Changes are kept on this device and go to NollyCrew when there is signal.</p>
    </form>`;
}

export function CorrectionLines({ entries, status }) {
  if (!entries.length) {
    return null;
  }
  const unsent = new Set(status.unsentIds);
  return html`<ul class="corrections" aria-label="Corrections" aria-live="polite">
    ${entries.map((doc) => {
      const { state, reason } = requestState(doc, unsent, status.denied);
      return html`<li key=${doc._id} class=${`correction ${state}`} data-state=${state} data-request-id=${doc._id}>
        ${describeCorrection(doc.correction, pages)}: <strong>${CORRECTION_STATE[state]}${reason ? `: ${reason}` : ""}</strong></li>`;
    })}
  </ul>`;
}

function SceneRow({ scene, editing, editable, corrections, status, onEdit, onSave, onCancel }) {
  const number = scene.number || scene.id;
  const elements = ELEMENT_CATEGORIES.filter(([key]) => (scene.elements?.[key] || []).length);
  return html`
    <li class="scene" data-scene-id=${scene.id}>
      <h3>${number}. ${scene.heading}</h3>
      <p class="scene-facts">
        <span class="fact">${scene.int_ext || "—"}</span>
        <span class="fact">${DAY_NIGHT[scene.day_night] || scene.day_night || "—"}</span>
        <span class="fact">${pages(scene.eighths || 1)} pages</span>
      </p>
      <dl class="scene-lists">
        <div><dt>Characters</dt><dd>${(scene.characters || []).join(", ") || "none"}</dd></div>
        ${elements.map(([key, name]) => html`<div key=${key} data-category=${key}><dt>${name}</dt>
          <dd>${scene.elements[key].join(", ")}</dd></div>`)}
      </dl>
      <${CorrectionLines} entries=${corrections.slice(-SHOWN_CORRECTIONS)} status=${status} />
      ${editing
        ? html`<${SceneEditor} scene=${scene} onSave=${onSave} onCancel=${onCancel} />`
        : editable && html`<button type="button" class="secondary" aria-label=${`Edit scene ${number}`} onClick=${onEdit}>Edit</button>`}
    </li>`;
}

/** `breakdown`: {scenes}; `editable`: the current version (corrections go to it only);
 *  `corrections`: this office's correction intents; `onCorrect(list)` writes one intent each. */
export function BreakdownList({ breakdown, editable, corrections, status, onCorrect }) {
  const [editing, setEditing] = useState(null);
  const scenes = breakdown?.scenes || [];
  if (!scenes.length) {
    return html`<p class="empty">This version has no scenes.</p>`;
  }
  const total = scenes.reduce((sum, scene) => sum + (scene.eighths || 0), 0);
  return html`
    <p class="hint">${scenes.length} scenes · ${pages(total)} pages</p>
    <ol class="scenes">
      ${scenes.map((scene) => html`<${SceneRow} key=${scene.id} scene=${scene} editable=${editable}
        editing=${editable && editing === scene.id} status=${status}
        corrections=${corrections.filter((doc) => String(doc.correction?.scene) === String(scene.id))}
        onEdit=${() => setEditing(scene.id)} onCancel=${() => setEditing(null)}
        onSave=${(list) => onCorrect(list).then(() => setEditing(null))} />`)}
    </ol>`;
}
