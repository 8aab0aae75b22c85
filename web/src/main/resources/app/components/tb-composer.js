// Where a message is written: Enter sends, Shift+Enter starts a new line. The model picker groups
// the free models and those that run on the user's own key (unusable until a key is stored); the
// reasoning effort shows for models that reason; Tools turns the user's MCP servers on or off.
import { html } from 'lit';
import { LightElement } from './light-element.js';
import { store } from '../lib/store.js';
import { get } from '../lib/api.js';
import { explain } from '../lib/errors.js';

class TbComposer extends LightElement {
  static properties = { streaming: { type: Boolean }, blockedFor: { type: Number }, servers: { state: true }, why: { state: true } };

  constructor() {
    super();
    this.servers = null;
    this.why = null; // why an Enter just pressed could not send; gone once it could
    this.onChange = () => this.requestUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    store.addEventListener('change', this.onChange);
    get('/api/mcp-servers').then(servers => { this.servers = servers; }, () => { this.servers = []; });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    store.removeEventListener('change', this.onChange);
  }

  firstUpdated() {
    this.input.focus();
  }

  get input() {
    return this.querySelector('textarea');
  }

  focus() {
    this.input?.focus();
  }

  restore(text) {
    if (this.input && !this.input.value) { this.input.value = text; this.grow(); }
  }

  willUpdate(changed) {
    if ((changed.has('streaming') || changed.has('blockedFor')) && !this.streaming && !(this.blockedFor > 0)) this.why = null;
  }

  submit(event) {
    event?.preventDefault();
    const text = this.input.value.trim();
    if (!text) return;
    // Never drop a message without a word: it stays here, and the composer says what it waits for.
    if (this.streaming) { this.why = 'A reply is still being written: wait for it to end, or press Stop. Your message stays here.'; return; }
    if (this.blockedFor > 0) { this.why = `Please wait ${this.blockedFor} s before sending again. Your message stays here.`; return; }
    this.why = null;
    this.input.value = '';
    this.grow();
    this.dispatchEvent(new CustomEvent('send', { detail: { text } }));
  }

  keydown(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) this.submit(event);
  }

  grow() {
    const input = this.input;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 240)}px`;
  }

  async save(change) {
    try { await store.saveSettings(change); } catch (error) { store.error = explain(error); store.changed('error'); }
  }

  modelPicker() {
    const models = store.models;
    const selected = store.settings?.selectedModel;
    const option = model => html`<option value=${model.id} ?disabled=${!model.available} ?selected=${model.id === selected}>
      ${model.name}${model.available ? '' : model.tier === 'byok' ? ' (add a key in Settings)' : ' (not offered here)'}</option>`;
    return html`<label class="field-inline"><span>Model</span>
      <select id="model-select" @change=${event => this.save({ selectedModel: event.target.value })}>
        <optgroup label="Free">${models.filter(m => m.tier === 'free').map(option)}</optgroup>
        <optgroup label="Your own key">${models.filter(m => m.tier === 'byok').map(option)}</optgroup>
      </select></label>`;
  }

  quota() {
    const daily = store.usage?.daily;
    const model = store.models.find(m => m.id === store.settings?.selectedModel);
    if (!daily || !model || model.tier !== 'free') return '';
    if (daily.remaining > Math.max(3, daily.limit * 0.2)) return '';
    return html`<span class="quota ${daily.remaining === 0 ? 'out' : ''}" role="status">${daily.remaining} of ${daily.limit} free messages left today</span>`;
  }

  render() {
    const model = store.models.find(m => m.id === store.settings?.selectedModel);
    const reasons = model?.capabilities?.includes('reasoning');
    const servers = this.servers || [];
    const toolsOn = (store.settings?.enabledMcpServers || []).length > 0;
    const blocked = this.blockedFor > 0;
    return html`<form class="composer" @submit=${event => this.submit(event)}>
      <label class="visually-hidden" for="composer-input">Message</label>
      <textarea id="composer-input" rows="2" placeholder="Message twobrains (Enter sends, Shift+Enter for a new line)"
        @keydown=${event => this.keydown(event)} @input=${() => this.grow()}></textarea>
      ${this.why ? html`<p class="composer-why" role="status">${this.why}</p>` : ''}
      <div class="composer-bar">
        ${this.modelPicker()}
        ${reasons ? html`<label class="field-inline"><span>Reasoning</span>
          <select id="reasoning-select" @change=${event => this.save({ reasoningEffort: event.target.value })}>
            ${['off', 'low', 'medium', 'high'].map(level => html`<option value=${level} ?selected=${store.settings?.reasoningEffort === level}>${level}</option>`)}
          </select></label>` : ''}
        <label class="toggle" title=${servers.length ? 'Let the model use the tools of your MCP servers' : 'Add MCP servers in Settings to use tools'}>
          <input type="checkbox" id="tools-toggle" .checked=${toolsOn} ?disabled=${servers.length === 0}
            @change=${event => this.save({ enabledMcpServers: event.target.checked ? servers.filter(s => s.enabled).map(s => s.id) : [] })}>
          <span>Tools</span></label>
        ${this.quota()}
        <span class="spacer"></span>
        ${this.streaming
          ? html`<button type="button" class="button stop" @click=${() => this.dispatchEvent(new Event('stop'))}>Stop</button>`
          : html`<button type="submit" class="button primary send" ?disabled=${blocked}>${blocked ? `Wait ${this.blockedFor} s` : 'Send'}</button>`}
      </div>
    </form>`;
  }
}

customElements.define('tb-composer', TbComposer);
