// The read-only investor view (#/project/<id>/investor): what the core computed for this investor
// down the recoupment waterfall (core/investors/dashboard.py for_investor), as it keeps it in
// their own database ("investment:<project id>"). Nothing here can be changed.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

import { loadInvestment, moneyText } from "../money.js";

const RELOAD_DELAY_MS = 100;

function Row({ label, minor, currency, name }) {
  return html`<div data-figure=${name}><dt>${label}</dt><dd>${moneyText(minor, currency)}</dd></div>`;
}

function percentOfBp(bp) {
  return `${Math.floor(bp / 100)}${bp % 100 ? `.${String(bp % 100).padStart(2, "0")}` : ""}%`;
}

function dateOf(iso) {
  return iso ? iso.slice(0, 10) : "";
}

/** The statement the core keeps for this investor: the shoot's progress, their payments in and
 *  what each piece of revenue paid them. */
function Statement({ statement, currency }) {
  const shoot = statement.shoot;
  return html`
    <section aria-labelledby="shoot-heading" class="card shoot-progress">
      <h3 id="shoot-heading">The shoot</h3>
      ${shoot.scheduled_days === 0 ? html`<p data-progress="none">No shoot days scheduled yet.</p>`
        : html`<p data-progress=${`${shoot.days_shot}/${shoot.scheduled_days}`}>Days shot: <strong>${shoot.days_shot} of ${shoot.scheduled_days}</strong> scheduled${" "}(${shoot.first_day} to ${shoot.last_day})</p>`}
    </section>
    <section aria-labelledby="contributions-heading">
      <h3 id="contributions-heading">Your contributions</h3>
      ${statement.contributions.length === 0 ? html`<p class="empty">None recorded yet.</p>`
        : html`<ul class="contributions">${statement.contributions.map((item) => html`
            <li key=${item.contribution_id} data-amount-minor=${item.amount_minor}>${dateOf(item.at)}: ${moneyText(item.amount_minor, currency)}</li>`)}</ul>`}
    </section>
    <section aria-labelledby="distributions-heading">
      <h3 id="distributions-heading">Revenue paid out to you</h3>
      ${statement.distributions.length === 0 ? html`<p class="empty">No revenue yet.</p>`
        : html`<ul class="cards distributions">${statement.distributions.map((item) => html`
            <li class="card distribution" key=${item.revenue_entry_id} data-total-minor=${item.total_minor}>
              <p><strong>${dateOf(item.posted_at)}</strong>: ${moneyText(item.revenue_minor, currency)} from ${item.source}</p>
              <p>To you: <strong>${moneyText(item.total_minor, currency)}</strong></p>
              <p class="hint">money back ${moneyText(item.principal_minor, currency)} · premium ${moneyText(item.premium_minor, currency)} · profit ${moneyText(item.profit_minor, currency)}</p>
            </li>`)}</ul>`}
    </section>`;
}

export function InvestorScreen({ sync, projectId }) {
  const [data, setData] = useState(null);
  useEffect(() => {
    let timer = null;
    let stopped = false;
    const read = () => {
      clearTimeout(timer);
      timer = setTimeout(() => loadInvestment(sync, projectId).then((next) => !stopped && setData(next)), RELOAD_DELAY_MS);
    };
    read();
    const feed = sync.local(sync.userDb).changes({ live: true, since: "now" }).on("change", read);
    return () => {
      stopped = true;
      clearTimeout(timer);
      feed.cancel();
    };
  }, [projectId]);
  const view = data?.view;
  const mine = view?.investor;
  const currency = view?.currency || "NGN";
  return html`
    <main id="main" class="investor">
      <h2>${data?.title ? `Your investment in ${data.title}` : "Your investment"}</h2>
      ${!data ? html`<p class="loading">Reading your investment on this device…</p>`
        : !view ? html`<p class="empty">No figures for this project yet: they appear once your money is recorded.</p>`
        : html`
          <section aria-labelledby="raised-heading" class="card">
            <h3 id="raised-heading">The project</h3>
            <dl class="figures">
              <${Row} name="raised" label="Raised from investors" minor=${view.contributed_minor} currency=${currency} />
              <${Row} name="revenue" label="Revenue so far" minor=${view.revenue_minor} currency=${currency} />
            </dl>
            <p class="hint">${view.fully_recouped ? "Every investor has their money and premium back." : "Investors are still being paid back."}</p>
          </section>
          ${mine && html`
            <section aria-labelledby="mine-heading" class="card waterfall">
              <h3 id="mine-heading">Your money down the waterfall</h3>
              <dl class="figures">
                <${Row} name="contributed" label="You put in" minor=${mine.contributed_minor} currency=${currency} />
                <${Row} name="recouped" label="Paid back so far" minor=${mine.recouped_minor} currency=${currency} />
                <${Row} name="premium_due" label="Premium agreed" minor=${mine.premium_due_minor} currency=${currency} />
                <${Row} name="premium_paid" label="Premium paid" minor=${mine.premium_paid_minor} currency=${currency} />
                <${Row} name="profit_share" label=${`Profit share paid (${percentOfBp(mine.profit_share_bp)} of profit)`}
                  minor=${mine.profit_share_minor} currency=${currency} />
                <${Row} name="received" label="Received in all" minor=${mine.received_minor} currency=${currency} />
                <${Row} name="outstanding" label="Still owed before profit" minor=${mine.outstanding_minor} currency=${currency} />
              </dl>
            </section>`}
          ${data.statement && html`<${Statement} statement=${data.statement} currency=${currency} />`}
          ${data.pledges.length > 0 && html`
            <section aria-labelledby="pledges-heading">
              <h3 id="pledges-heading">Your payments through NollyCrew</h3>
              <ul class="pledges">${data.pledges.map((pledge) => html`<li key=${pledge._id}>
                ${moneyText(pledge.amount.amount_minor, pledge.amount.currency)} · ${pledge.status === "paid" ? "received" : "not paid yet"} · ${pledge.created_at.slice(0, 10)}</li>`)}</ul>
            </section>`}`}
      <a class="button secondary" href="#/">Back</a>
    </main>`;
}
