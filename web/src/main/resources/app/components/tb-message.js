// One message. A reply that is still arriving redraws itself at most once a frame, and only itself:
// the rest of the history is left alone, however long it is.
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { LightElement } from './light-element.js';
import { renderMarkdown, decorateCode, copyText } from '../lib/markdown.js';
import { explainStreamError } from '../lib/errors.js';

const TOOL_STATES = {
  'input-streaming': 'preparing', 'input-available': 'running', 'output-available': 'done', 'output-error': 'failed',
};

function textOf(message) {
  return (message.parts || []).filter(part => part.type === 'text').map(part => part.text).join('\n\n');
}

function json(value) {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

class TbMessage extends LightElement {
  static properties = { message: { attribute: false }, last: { type: Boolean } };

  constructor() {
    super();
    this.onLiveChange = () => {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => { this.frame = 0; this.requestUpdate(); });
    };
  }

  willUpdate(changed) {
    if (changed.has('message')) {
      changed.get('message')?.removeEventListener?.('change', this.onLiveChange);
      this.message?.addEventListener?.('change', this.onLiveChange);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.message?.removeEventListener?.('change', this.onLiveChange);
    cancelAnimationFrame(this.frame);
  }

  updated() {
    decorateCode(this);
    this.dispatchEvent(new Event('message-drawn', { bubbles: true }));
  }

  part(part, streaming) {
    switch (part.type) {
      case 'text':
        return html`<div class="markdown">${unsafeHTML(renderMarkdown(part.text))}</div>`;
      case 'reasoning':
        return html`<details class="reasoning" ?open=${streaming && part.state === 'streaming'}>
          <summary>Reasoning</summary><div class="markdown">${unsafeHTML(renderMarkdown(part.text))}</div></details>`;
      case 'dynamic-tool':
        return html`<details class="tool-call">
          <summary>Tool <code>${part.toolName}</code> <span class="tool-state">${TOOL_STATES[part.state] || part.state || ''}</span></summary>
          <div class="tool-io"><h4>Input</h4><pre>${json(part.input ?? part.inputText)}</pre>
          ${part.state === 'output-available' ? html`<h4>Output</h4><pre>${json(part.output)}</pre>` : ''}
          ${part.state === 'output-error' ? html`<h4>Error</h4><pre>${part.errorText}</pre>` : ''}</div></details>`;
      default:
        return '';
    }
  }

  render() {
    const message = this.message;
    if (!message) return '';
    if (message.role === 'user') {
      return html`<article class="message user" data-id=${message.id} aria-label="You said">
        <div class="bubble">${textOf(message)}</div></article>`;
    }
    const streaming = message.status === 'streaming';
    const empty = !(message.parts || []).some(part => part.type !== 'step-start');
    return html`<article class="message assistant" data-id=${message.id || ""} aria-label="twobrains said" aria-busy=${streaming ? 'true' : 'false'} data-status=${message.status || 'saved'}>
      ${(message.parts || []).map(part => this.part(part, streaming))}
      ${streaming && empty ? html`<p class="thinking" role="status">Thinking…</p>` : ''}
      ${(message.notices || []).map(notice => html`<p class="notice ${notice.level}">${notice.text}</p>`)}
      ${message.status === 'error' ? html`<p class="banner error" role="alert">${message.lost
        ? 'The connection was lost before the reply ended. Reload the page to see the rest.' : explainStreamError(message.error)}</p>` : ''}
      ${message.status === 'stopped' ? html`<p class="meta">Stopped.</p>` : ''}
      ${streaming ? '' : html`<div class="message-actions">
        <button class="link-button" @click=${event => copyText(textOf(message), event.target)} aria-label="Copy message">Copy</button>
        ${this.last ? html`<button class="link-button regenerate" @click=${() => this.dispatchEvent(new Event('regenerate', { bubbles: true }))}>Regenerate</button>` : ''}
      </div>`}
    </article>`;
  }
}

customElements.define('tb-message', TbMessage);
