// The budget by category: what each line budgets, what bookings commit, what is spent and what
// remains (the core's cost report), with a line's amount edited or a line added as a
// budget_update request that works offline.
import { html } from "htm/preact";
import { useState } from "preact/hooks";

import { budgetRows, budgetUpdateRequest, CATEGORIES, categoryLabel, minorFromTyped, moneyText } from "../money.js";
import { RequestLine } from "./RequestLine.js";

function Figure({ label, minor, currency }) {
  return html`<div><dt>${label}</dt><dd>${minor === null ? "not yet reported" : moneyText(minor, currency)}</dd></div>`;
}

function LineEditor({ line, currency, onSave, onCancel }) {
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState("");
  const fieldId = `budget-amount-${line.line_id}`;
  const save = (event) => {
    event.preventDefault();
    const minor = minorFromTyped(typed);
    if (minor === null) {
      setProblem("Type the amount in naira, for example 1500000 or 1,500,000.50.");
      return;
    }
    onSave(minor);
  };
  return html`<form class="line-editor" onSubmit=${save}>
    <label for=${fieldId}>New budget for ${line.description || line.line_id} (${currency === "NGN" ? "₦" : currency})</label>
    <input id=${fieldId} inputmode="decimal" value=${typed} onInput=${(e) => setTyped(e.target.value)} required />
    ${problem && html`<p class="note error" role="alert">${problem}</p>`}
    <div class="actions"><button type="submit">Save</button>
      <button type="button" class="secondary" onClick=${onCancel}>Cancel</button></div>
  </form>`;
}

function NewLine({ onAdd }) {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState({ category: "crew", description: "", amount: "" });
  const [problem, setProblem] = useState("");
  if (!open) {
    return html`<button type="button" class="secondary" onClick=${() => setOpen(true)}>Add a budget line</button>`;
  }
  const set = (key) => (event) => setFields({ ...fields, [key]: event.target.value });
  const add = (event) => {
    event.preventDefault();
    const minor = minorFromTyped(fields.amount);
    if (minor === null || !fields.description.trim()) {
      setProblem("Say what the line is for and its amount in naira.");
      return;
    }
    const slug = fields.description.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 30);
    onAdd({ line_id: `${fields.category}-${slug}-${Date.now().toString(36)}`, category: fields.category,
      description: fields.description.trim(), amount_minor: minor });
    setOpen(false);
    setFields({ category: "crew", description: "", amount: "" });
  };
  return html`<form class="line-editor" onSubmit=${add} aria-label="New budget line">
    <label for="new-line-category">Category</label>
    <select id="new-line-category" value=${fields.category} onChange=${set("category")}>
      ${CATEGORIES.map((category) => html`<option key=${category} value=${category}>${categoryLabel(category)}</option>`)}
    </select>
    <label for="new-line-description">What it is for</label>
    <input id="new-line-description" value=${fields.description} onInput=${set("description")} required />
    <label for="new-line-amount">Budget (₦)</label>
    <input id="new-line-amount" inputmode="decimal" value=${fields.amount} onInput=${set("amount")} required />
    ${problem && html`<p class="note error" role="alert">${problem}</p>`}
    <div class="actions"><button type="submit">Add the line</button>
      <button type="button" class="secondary" onClick=${() => setOpen(false)}>Cancel</button></div>
  </form>`;
}

export function Budget({ data, sync, personId, projectId, status, mayEdit }) {
  const [editing, setEditing] = useState(null);
  const currency = data.budget?.currency || "NGN";
  const rows = budgetRows(data.budget, data.report);
  const send = async (line) => {
    setEditing(null);
    await sync.write(`office_${projectId}`, budgetUpdateRequest(personId, data.budget, line));
  };
  const byCategory = CATEGORIES.map((category) => ({ category, lines: rows.filter((row) => row.category === category) }))
    .filter((group) => group.lines.length > 0);
  const sum = (lines, key) => (lines.some((row) => row[key] === null) ? null : lines.reduce((total, row) => total + row[key], 0));
  return html`
    <section aria-labelledby="budget-heading" class="budget">
      <h3 id="budget-heading">Budget</h3>
      ${!data.budget ? html`<p class="empty">No budget yet. Add its first line: it works offline too.</p>`
        : html`<ul class="cards budget-categories" aria-label="Budget by category">
          ${byCategory.map((group) => html`
            <li class="card budget-category" key=${group.category} data-category=${group.category}>
              <h4>${categoryLabel(group.category)}</h4>
              <dl class="figures">
                <${Figure} label="Budgeted" minor=${sum(group.lines, "amount_minor")} currency=${currency} />
                <${Figure} label="Committed" minor=${sum(group.lines, "committed")} currency=${currency} />
                <${Figure} label="Spent" minor=${sum(group.lines, "spent")} currency=${currency} />
                <${Figure} label="Remaining" minor=${sum(group.lines, "remaining")} currency=${currency} />
              </dl>
              <ul class="budget-lines">
                ${group.lines.map((line) => html`
                  <li class="budget-line" key=${line.line_id} data-line-id=${line.line_id} data-budget-minor=${line.amount_minor}>
                    <p><strong>${line.description || line.line_id}</strong>: ${moneyText(line.amount_minor, currency)}${" · "}committed ${moneyText(line.committed, currency)} · spent ${moneyText(line.spent, currency)}</p>
                    ${mayEdit && (editing === line.line_id
                      ? html`<${LineEditor} line=${line} currency=${currency} onCancel=${() => setEditing(null)}
                          onSave=${(minor) => send({ line_id: line.line_id, amount_minor: minor })} />`
                      : html`<button type="button" class="secondary" aria-label=${`Change the budget for ${line.description || line.line_id}`}
                          onClick=${() => setEditing(line.line_id)}>Change</button>`)}
                  </li>`)}
              </ul>
            </li>`)}
        </ul>`}
      <${RequestLine} request=${data.budgetRequest} status=${status} what="Budget change:" accepted="Applied" />
      ${mayEdit && html`<${NewLine} onAdd=${send} />`}
    </section>`;
}
