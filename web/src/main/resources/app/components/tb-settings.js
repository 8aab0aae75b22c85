// Settings: appearance (applied at once), the default model, provider keys (only their hints ever
// come back), and MCP servers (a refused address is said in words).
import { html } from 'lit';
import { LightElement } from './light-element.js';
import { store } from '../lib/store.js';
import { get, put, post, patch, del } from '../lib/api.js';
import { explain } from '../lib/errors.js';
import { relativeTime } from '../lib/time.js';

const PROVIDERS = [
  { id: 'openai', name: 'OpenAI' },
  { id: 'anthropic', name: 'Anthropic' },
  { id: 'google', name: 'Google Gemini' },
  { id: 'openai-compatible', name: 'OpenAI-compatible server', baseUrl: true },
];

class TbSettings extends LightElement {
  static properties = { servers: { state: true }, messages: { state: true }, replacing: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.servers = [];
    this.messages = {};
    this.replacing = new Set();
    this.busy = false;
    this.onChange = () => this.requestUpdate();
    this.onFeed = event => { if (event.detail.type.startsWith('McpServer')) this.loadServers(); };
  }

  connectedCallback() {
    super.connectedCallback();
    store.addEventListener('change', this.onChange);
    store.addEventListener('feed', this.onFeed);
    this.loadServers();
    document.title = 'Settings – twobrains';
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    store.removeEventListener('change', this.onChange);
    store.removeEventListener('feed', this.onFeed);
  }

  async loadServers() {
    try { this.servers = await get('/api/mcp-servers', { fresh: true }); } catch (error) { this.say('mcp', explain(error).message, true); }
  }

  say(section, text, error = false) {
    this.messages = { ...this.messages, [section]: { text, error } };
  }

  async run(section, work, done) {
    this.busy = true;
    try {
      await work();
      if (done) this.say(section, done);
    } catch (error) {
      this.say(section, explain(error).message, true);
    } finally {
      this.busy = false;
    }
  }

  status(section) {
    const message = this.messages[section];
    return message ? html`<p class="form-status ${message.error ? 'error' : 'ok'}" role=${message.error ? 'alert' : 'status'}>${message.text}</p>` : '';
  }

  async saveKey(event, provider) {
    event.preventDefault();
    const form = event.target;
    const key = form.elements.key.value.trim();
    const baseUrl = form.elements.baseUrl?.value.trim();
    if (!key) return;
    await this.run('keys', async () => {
      await put(`/api/settings/api-keys/${provider.id}`, baseUrl ? { key, baseUrl } : { key });
      form.reset(); // the key is not kept in the page once sent
      this.replacing.delete(provider.id);
      await Promise.all([store.refreshSettings(), store.refreshModels()]);
    }, `${provider.name} key saved.`);
  }

  async removeKey(provider) {
    if (!confirm(`Remove your ${provider.name} key?`)) return;
    await this.run('keys', async () => {
      await del(`/api/settings/api-keys/${provider.id}`);
      await Promise.all([store.refreshSettings(), store.refreshModels()]);
    }, `${provider.name} key removed.`);
  }

  keyRow(provider) {
    const stored = store.settings?.apiKeys?.[provider.id];
    const editing = !stored || this.replacing.has(provider.id);
    return html`<li class="key-row" data-provider=${provider.id}>
      <h3>${provider.name}</h3>
      ${stored ? html`<p class="key-hint">Stored key: <code>${stored.hint}</code>${stored.baseUrl ? html` at <code>${stored.baseUrl}</code>` : ''}
        <span class="muted">(saved ${relativeTime(stored.updatedAt)})</span></p>` : html`<p class="muted">No key stored.</p>`}
      ${editing ? html`<form class="key-form" @submit=${event => this.saveKey(event, provider)}>
          <label for="key-${provider.id}">${stored ? 'New' : ''} ${provider.name} API key</label>
          <input id="key-${provider.id}" name="key" type="password" autocomplete="off" spellcheck="false" required>
          ${provider.baseUrl ? html`<label for="base-${provider.id}">Base URL (ending in /v1)</label>
            <input id="base-${provider.id}" name="baseUrl" type="url" placeholder="https://example.com/v1" required>` : ''}
          <button class="button primary" type="submit" ?disabled=${this.busy}>Save key</button>
          ${stored ? html`<button class="button" type="button" @click=${() => { this.replacing.delete(provider.id); this.requestUpdate(); }}>Cancel</button>` : ''}
        </form>`
        : html`<div class="row-actions">
          <button class="button" @click=${() => { this.replacing.add(provider.id); this.requestUpdate(); }}>Replace</button>
          <button class="button danger" @click=${() => this.removeKey(provider)}>Remove</button></div>`}
    </li>`;
  }

  async addServer(event) {
    event.preventDefault();
    const form = event.target;
    const body = { name: form.elements.name.value.trim(), url: form.elements.url.value.trim(), transport: form.elements.transport.value };
    const headerName = form.elements.headerName.value.trim();
    if (headerName) body.headers = { [headerName]: form.elements.headerValue.value };
    await this.run('mcp', async () => {
      const added = await post('/api/mcp-servers', body);
      form.reset();
      const enabled = store.settings?.enabledMcpServers || [];
      if (enabled.length > 0 && added?.id) await store.saveSettings({ enabledMcpServers: [...enabled, added.id] });
      await this.loadServers();
    }, `${body.name} added.`);
  }

  async toggleServer(server, enabled) {
    await this.run('mcp', async () => {
      await patch(`/api/mcp-servers/${encodeURIComponent(server.id)}`, { enabled });
      await this.loadServers();
    }, `${server.name} ${enabled ? 'enabled' : 'disabled'}.`);
  }

  async removeServer(server) {
    if (!confirm(`Remove the MCP server ${server.name}?`)) return;
    await this.run('mcp', async () => {
      await del(`/api/mcp-servers/${encodeURIComponent(server.id)}`);
      await this.loadServers();
    }, `${server.name} removed.`);
  }

  async saveAppearance(change) {
    await this.run('appearance', () => store.saveSettings(change));
  }

  choice(name, value, label, current) {
    return html`<label class="choice"><input type="radio" name=${name} value=${value} .checked=${current === value}
      @change=${() => this.saveAppearance({ [name]: value })}> ${label}</label>`;
  }

  render() {
    const settings = store.settings || {};
    return html`<section class="page settings">
      <h1>Settings</h1>

      <section aria-labelledby="appearance-heading" class="card">
        <h2 id="appearance-heading">Appearance</h2>
        <fieldset><legend>Theme</legend>
          ${this.choice('theme', 'system', 'System', settings.theme)}${this.choice('theme', 'light', 'Light', settings.theme)}${this.choice('theme', 'dark', 'Dark', settings.theme)}
        </fieldset>
        <fieldset><legend>Chat width</legend>
          ${this.choice('chatWidth', 'narrow', 'Narrow', settings.chatWidth)}${this.choice('chatWidth', 'default', 'Default', settings.chatWidth)}${this.choice('chatWidth', 'wide', 'Wide', settings.chatWidth)}
        </fieldset>
        ${this.status('appearance')}
      </section>

      <section aria-labelledby="model-heading" class="card">
        <h2 id="model-heading">Default model</h2>
        <label for="default-model">Model for new messages</label>
        <select id="default-model" @change=${event => this.run('model', () => store.saveSettings({ selectedModel: event.target.value }), 'Default model saved.')}>
          <optgroup label="Free">${store.models.filter(m => m.tier === 'free').map(m => html`<option value=${m.id} ?disabled=${!m.available} ?selected=${m.id === settings.selectedModel}>${m.name}</option>`)}</optgroup>
          <optgroup label="Your own key">${store.models.filter(m => m.tier === 'byok').map(m => html`<option value=${m.id} ?disabled=${!m.available} ?selected=${m.id === settings.selectedModel}>${m.name}${m.available ? '' : ' (add a key below)'}</option>`)}</optgroup>
        </select>
        ${this.status('model')}
      </section>

      <section aria-labelledby="keys-heading" class="card">
        <h2 id="keys-heading">Provider keys</h2>
        <p class="muted">Your keys are sealed on the server and used only for your messages. This page only ever shows a hint of each.</p>
        ${this.status('keys')}
        <ul class="keys">${PROVIDERS.map(provider => this.keyRow(provider))}</ul>
      </section>

      <section aria-labelledby="mcp-heading" class="card">
        <h2 id="mcp-heading">MCP servers (tools)</h2>
        ${this.status('mcp')}
        <ul class="servers">
          ${this.servers.map(server => html`<li class="server-row" data-id=${server.id}>
            <label class="toggle"><input type="checkbox" .checked=${server.enabled} @change=${event => this.toggleServer(server, event.target.checked)}>
              <span><b>${server.name}</b> <code>${server.url}</code> (${server.transport})</span></label>
            <button class="button danger" @click=${() => this.removeServer(server)} aria-label="Remove ${server.name}">Remove</button>
          </li>`)}
          ${this.servers.length === 0 ? html`<li class="muted">No MCP servers yet.</li>` : ''}
        </ul>
        <form class="server-form" @submit=${event => this.addServer(event)}>
          <h3>Add a server</h3>
          <label for="mcp-name">Name</label><input id="mcp-name" name="name" required maxlength="80">
          <label for="mcp-url">URL</label><input id="mcp-url" name="url" type="url" required placeholder="https://example.com/mcp">
          <label for="mcp-transport">Transport</label>
          <select id="mcp-transport" name="transport"><option value="http">Streamable HTTP</option><option value="sse">SSE</option></select>
          <label for="mcp-header-name">Header (optional)</label><input id="mcp-header-name" name="headerName" placeholder="Authorization">
          <label for="mcp-header-value">Header value</label><input id="mcp-header-value" name="headerValue" type="password" autocomplete="off">
          <button class="button primary" type="submit" ?disabled=${this.busy}>Add server</button>
        </form>
      </section>
    </section>`;
  }
}

customElements.define('tb-settings', TbSettings);
