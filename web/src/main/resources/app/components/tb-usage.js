// The user's free messages: today's and this month's use against the limits (a warning from 80%),
// and the last 30 days per model.
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { LightElement } from './light-element.js';
import { store } from '../lib/store.js';
import { get } from '../lib/api.js';
import { explain } from '../lib/errors.js';
import { isoDate, daysAgo, daysBetween } from '../lib/time.js';
import { drawChart, colour } from './charts.js';

export function meter(label, window) {
  if (!window) return '';
  const share = window.limit > 0 ? window.used / window.limit : 0;
  const level = share >= 1 ? 'full' : share >= 0.8 ? 'high' : 'ok';
  return html`<div class="meter-block" data-level=${level}>
    <div class="meter-label"><span>${label}</span><span>${window.used} of ${window.limit} free messages</span></div>
    <div class="meter" role="meter" aria-label=${label} aria-valuemin="0" aria-valuemax=${window.limit} aria-valuenow=${window.used}>
      <div class="meter-fill" data-level=${level} style=${styleMap({ width: `${Math.min(100, share * 100)}%` })}></div></div>
    ${level === 'full' ? html`<p class="banner error" role="alert">Limit reached. It resets ${new Date(window.resetsAt).toLocaleString()}. Your own keys keep working.</p>`
      : level === 'high' ? html`<p class="banner warning" role="status">You have used ${Math.round(share * 100)}% of it.</p>` : ''}
  </div>`;
}

class TbUsage extends LightElement {
  static properties = { stats: { state: true }, notice: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Usage – twobrains';
    this.onChange = () => this.requestUpdate();
    store.addEventListener('change', this.onChange);
    store.refreshUsage();
    this.range = daysBetween(isoDate(daysAgo(29)), isoDate(new Date()));
    get(`/api/usage/stats?from=${this.range[0]}&to=${this.range.at(-1)}`, { fresh: true })
      .then(stats => { this.stats = stats; }, error => { this.notice = explain(error); });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    store.removeEventListener('change', this.onChange);
    this.chart?.stopResizing();
  }

  models() {
    const names = new Set();
    for (const day of this.stats?.days || []) Object.keys(day.models || {}).forEach(name => names.add(name));
    return [...names].sort();
  }

  async updated(changed) {
    if (changed.has('stats') && this.stats) {
      // Every day of the range, those without messages too, so the days keep their places.
      const byDay = new Map(this.stats.days.map(day => [String(day.date), day]));
      const days = this.range;
      const series = this.models().map(model => ({ label: model, values: days.map(day => byDay.get(day)?.models?.[model]?.messages || 0) }));
      this.chart?.stopResizing();
      this.chart = await drawChart(this.querySelector('#usage-chart'), { days, series, stacked: true });
    }
  }

  render() {
    const usage = store.usage;
    const models = this.models();
    return html`<section class="page usage">
      <h1>Usage</h1>
      ${this.notice ? html`<tb-notice .notice=${this.notice}></tb-notice>` : ''}
      <section class="card" aria-labelledby="limits-heading">
        <h2 id="limits-heading">Free messages</h2>
        ${usage ? html`${meter('Today', usage.daily)}${meter('This month', usage.monthly)}` : html`<p>Loading…</p>`}
      </section>
      <section class="card" aria-labelledby="daily-heading">
        <h2 id="daily-heading">Messages per day, by model (last 30 days)</h2>
        <div class="legend">${models.map((model, i) => html`<span class="swatch-label"><span class="swatch" data-colour=${i}></span>${model}</span>`)}</div>
        <div id="usage-chart" class="chart" role="img" aria-label="Messages per day by model"></div>
        <details><summary>The figures</summary>
          <table><thead><tr><th scope="col">Day</th><th scope="col">Messages</th><th scope="col">Tokens</th></tr></thead>
          <tbody>${(this.stats?.days || []).map(day => html`<tr><td>${day.date}</td><td>${day.messages}</td><td>${day.tokens?.total ?? 0}</td></tr>`)}</tbody></table>
        </details>
        ${this.stats ? html`<p class="muted">Totals: ${this.stats.totals.messages} messages, ${this.stats.totals.tokens.total} tokens.</p>` : ''}
      </section>
    </section>`;
  }
}

customElements.define('tb-usage', TbUsage);
export { colour };
