// Analytics for administrators, over a date range (the last 30 days unless chosen): active users,
// messages and tokens per day, per model and per provider, top users, the share on users' own keys,
// and latency percentiles per model. Anyone else is told plainly that the page is not theirs.
import { html } from 'lit';
import { LightElement } from './light-element.js';
import { store } from '../lib/store.js';
import { get } from '../lib/api.js';
import { explain } from '../lib/errors.js';
import { isoDate, daysAgo, daysBetween } from '../lib/time.js';
import { drawChart } from './charts.js';

const number = value => (value ?? 0).toLocaleString();
const ms = value => (value == null ? '–' : `${Math.round(value).toLocaleString()} ms`);

class TbAdmin extends LightElement {
  static properties = { report: { state: true }, notice: { state: true }, refused: { state: true }, from: { state: true }, to: { state: true } };

  constructor() {
    super();
    this.from = isoDate(daysAgo(29));
    this.to = isoDate(new Date());
    this.charts = [];
  }

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Admin – twobrains';
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.charts.forEach(chart => chart?.stopResizing());
  }

  async load(event) {
    event?.preventDefault();
    this.notice = null;
    try {
      this.report = await get(`/api/admin/analytics?from=${this.from}&to=${this.to}`);
    } catch (error) {
      if (error.status === 403) this.refused = true;
      else this.notice = explain(error);
    }
  }

  async updated(changed) {
    if (!changed.has('report') || !this.report) return;
    this.charts.forEach(chart => chart?.stopResizing());
    const byDay = new Map(this.report.days.map(day => [String(day.date), day]));
    const days = daysBetween(String(this.report.from), String(this.report.to));
    const figure = name => days.map(day => byDay.get(day)?.[name] || 0);
    this.charts = await Promise.all([
      drawChart(this.querySelector('#admin-messages'), { days, kind: 'lines', series: [
        { label: 'messages', values: figure('messages') }, { label: 'active users', values: figure('activeUsers') }] }),
      drawChart(this.querySelector('#admin-tokens'), { days, stacked: true, series: [
        { label: 'input', values: figure('inputTokens') }, { label: 'output', values: figure('outputTokens') },
        { label: 'reasoning', values: figure('reasoningTokens') }] }),
    ]);
  }

  render() {
    if (this.refused || (store.me && !store.me.roles?.includes('admin'))) {
      return html`<section class="page admin"><h1>Admin</h1>
        <p class="banner error" role="alert">This page is for administrators. You are signed in as ${store.me?.id}, who is not one.
        <a href="/">Back to your chats</a></p></section>`;
    }
    const report = this.report;
    return html`<section class="page admin">
      <h1>Admin analytics</h1>
      <form class="range" @submit=${event => this.load(event)}>
        <label for="from">From</label><input id="from" type="date" .value=${this.from} @change=${event => { this.from = event.target.value; }}>
        <label for="to">To</label><input id="to" type="date" .value=${this.to} @change=${event => { this.to = event.target.value; }}>
        <button class="button primary" type="submit">Show</button>
      </form>
      ${this.notice ? html`<tb-notice .notice=${this.notice}></tb-notice>` : ''}
      ${report ? html`
        <div class="kpis">
          <div class="kpi"><span>Active users</span><b>${number(report.activeUsers)}</b></div>
          <div class="kpi"><span>Messages</span><b>${number(report.messages)}</b></div>
          <div class="kpi"><span>On users' own keys</span><b>${Math.round((report.byokShare || 0) * 100)}%</b></div>
        </div>
        <section class="card"><h2>Messages and active users per day</h2><div id="admin-messages" class="chart" role="img" aria-label="Messages and active users per day"></div></section>
        <section class="card"><h2>Tokens per day</h2><div id="admin-tokens" class="chart" role="img" aria-label="Tokens per day"></div></section>
        <section class="card"><h2>Per model</h2>
          <table><thead><tr><th scope="col">Model</th><th scope="col">Messages</th><th scope="col">Input tokens</th><th scope="col">Output tokens</th><th scope="col">Latency p50</th><th scope="col">p95</th></tr></thead>
          <tbody>${report.models.map(m => html`<tr><td>${m.model}</td><td>${number(m.messages)}</td><td>${number(m.inputTokens)}</td><td>${number(m.outputTokens)}</td><td>${ms(m.latencyP50Ms)}</td><td>${ms(m.latencyP95Ms)}</td></tr>`)}</tbody></table></section>
        <section class="card"><h2>Per provider</h2>
          <table><thead><tr><th scope="col">Provider</th><th scope="col">Messages</th><th scope="col">Input tokens</th><th scope="col">Output tokens</th></tr></thead>
          <tbody>${report.providers.map(p => html`<tr><td>${p.provider}</td><td>${number(p.messages)}</td><td>${number(p.inputTokens)}</td><td>${number(p.outputTokens)}</td></tr>`)}</tbody></table></section>
        <section class="card"><h2>Top users</h2>
          <table><thead><tr><th scope="col">User</th><th scope="col">Messages</th><th scope="col">Tokens</th></tr></thead>
          <tbody>${report.topUsers.map(u => html`<tr><td>${u.userId}</td><td>${number(u.messages)}</td><td>${number(u.tokens)}</td></tr>`)}</tbody></table></section>
      ` : html`<p>Loading…</p>`}
    </section>`;
  }
}

customElements.define('tb-admin', TbAdmin);
