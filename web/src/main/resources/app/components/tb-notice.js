// An error or warning in words, with its way forward (a link, a reload, or waiting out a countdown).
import { html } from 'lit';
import { LightElement } from './light-element.js';

class TbNotice extends LightElement {
  static properties = { notice: { attribute: false }, dismissible: { type: Boolean }, left: { state: true } };

  updated(changed) {
    if (changed.has('notice') && this.notice?.retryAfter) {
      clearInterval(this.timer);
      this.left = this.notice.retryAfter;
      this.timer = setInterval(() => {
        this.left -= 1;
        if (this.left <= 0) clearInterval(this.timer);
      }, 1000);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  render() {
    const notice = this.notice;
    if (!notice) return '';
    const action = notice.action;
    const message = notice.retryAfter && this.left !== undefined
      ? notice.message.replace(/in \d+ s/, `in ${Math.max(0, this.left)} s`) : notice.message;
    return html`<div class="banner ${notice.kind === 'network' || notice.kind === 'busy' ? 'warning' : 'error'}" role="alert" data-kind=${notice.kind}>
      <span class="banner-text">${message}</span>
      ${action?.href ? html`<a class="button" href=${action.href}>${action.label}</a>` : ''}
      ${action?.run === 'reload' ? html`<button class="button" @click=${() => location.reload()}>${action.label}</button>` : ''}
      ${this.dismissible ? html`<button class="icon-button" aria-label="Dismiss" @click=${() => this.dispatchEvent(new Event('dismiss'))}>×</button>` : ''}
    </div>`;
  }
}

customElements.define('tb-notice', TbNotice);
