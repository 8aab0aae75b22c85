// The app's frame: sidebar, the page the path names, and the banners (connection, session, errors).
import { html } from 'lit';
import { LightElement, navigate } from './light-element.js';
import { store } from '../lib/store.js';
import { explain } from '../lib/errors.js';
import './tb-sidebar.js';
import './tb-chat.js';
import './tb-notice.js';

const PAGES = {
  settings: () => import('./tb-settings.js'),
  usage: () => import('./tb-usage.js'),
  admin: () => import('./tb-admin.js'),
};

class TbApp extends LightElement {
  static properties = { path: { state: true }, ready: { state: true }, failure: { state: true }, menuOpen: { state: true } };

  constructor() {
    super();
    this.path = location.pathname;
    this.ready = false;
    this.menuOpen = false;
    this.onChange = () => this.requestUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    this.innerHTML = '';
    window.addEventListener('popstate', () => this.route());
    window.addEventListener('app-navigate', () => this.route());
    this.addEventListener('click', event => this.followLink(event));
    this.addEventListener('keydown', event => this.shortcut(event));
    store.addEventListener('change', this.onChange);
    store.start().then(() => { this.ready = true; this.route(); }, error => { this.failure = explain(error); });
    window.addEventListener('unhandledrejection', event => {
      if (event.reason?.status !== undefined) store.error = explain(event.reason);
      this.requestUpdate();
    });
  }

  route() {
    this.path = location.pathname;
    this.menuOpen = false;
    const page = this.path.split('/')[1];
    if (PAGES[page]) PAGES[page]().then(() => this.requestUpdate());
  }

  followLink(event) {
    const link = event.target.closest('a[href^="/"]');
    if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (link.getAttribute('href').startsWith('/oauth2/')) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  }

  /** Alt+N: new chat; Alt+S: settings; Escape closes the phone menu. */
  shortcut(event) {
    if (event.key === 'Escape' && this.menuOpen) { this.menuOpen = false; return; }
    if (!event.altKey) return;
    if (event.key === 'n') { event.preventDefault(); navigate('/'); }
    if (event.key === 's') { event.preventDefault(); navigate('/settings'); }
  }

  page() {
    const [, first, second] = this.path.split('/');
    if (first === '' || first === 'c') {
      // One template for a new and an open chat: the element stays when a new chat gets its address.
      const id = first === 'c' && second ? decodeURIComponent(second) : null;
      return html`<tb-chat .conversationId=${id}></tb-chat>`;
    }
    switch (first) {
      case 'settings': return html`<tb-settings></tb-settings>`;
      case 'usage': return html`<tb-usage></tb-usage>`;
      case 'admin': return html`<tb-admin></tb-admin>`;
      default: return html`<section class="page"><h1>Not found</h1><p>There is no page here. <a href="/">Start a new chat</a>.</p></section>`;
    }
  }

  render() {
    if (this.failure) {
      return html`<main class="fatal" role="alert"><h1>twobrains</h1><tb-notice .notice=${this.failure}></tb-notice></main>`;
    }
    if (!this.ready) return html`<div class="boot" role="status">Loading twobrains…</div>`;
    return html`
      <a class="skip-link" href="#main-content">Skip to content</a>
      <div class="shell ${this.menuOpen ? 'menu-open' : ''}">
        <tb-sidebar .path=${this.path} @close-menu=${() => { this.menuOpen = false; }}></tb-sidebar>
        <div class="scrim" @click=${() => { this.menuOpen = false; }}></div>
        <div class="main-column">
          <header class="topbar">
            <button class="icon-button menu-button" aria-label="Open the conversation list" aria-expanded=${this.menuOpen}
              @click=${() => { this.menuOpen = !this.menuOpen; }}>☰</button>
            <span class="topbar-title">twobrains</span>
          </header>
          <div class="banners" aria-live="polite">
            ${store.connection === 'down' ? html`<div class="banner warning" role="status">Connection lost. Reconnecting…</div>` : ''}
            ${store.error ? html`<tb-notice .notice=${store.error} dismissible @dismiss=${() => { store.error = null; this.requestUpdate(); }}></tb-notice>` : ''}
          </div>
          <main id="main-content" tabindex="-1">${this.page()}</main>
        </div>
      </div>`;
  }
}

customElements.define('tb-app', TbApp);
