// The conversations, most recent first, live across tabs: new chat, filter, rename, delete, and more
// as the list is scrolled. Below them: settings, usage, admin (for admins) and sign-out.
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LightElement, navigate } from './light-element.js';
import { store } from '../lib/store.js';
import { patch, del, csrfToken } from '../lib/api.js';
import { relativeTime } from '../lib/time.js';
import { explain } from '../lib/errors.js';

class TbSidebar extends LightElement {
  static properties = { path: {}, filter: { state: true }, renaming: { state: true } };

  constructor() {
    super();
    this.filter = '';
    this.renaming = null;
    this.onChange = () => this.requestUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    store.addEventListener('change', this.onChange);
    this.clock = setInterval(() => this.requestUpdate(), 60000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    store.removeEventListener('change', this.onChange);
    clearInterval(this.clock);
    this.observer?.disconnect();
  }

  firstUpdated() {
    this.observer = new IntersectionObserver(entries => {
      if (entries.some(entry => entry.isIntersecting)) store.loadMoreConversations();
    }, { root: this.querySelector('.conversation-list') });
    this.observer.observe(this.querySelector('.list-end'));
  }

  async rename(conversation, title) {
    this.renaming = null;
    title = title.trim();
    if (!title || title === conversation.title) return;
    const before = conversation.title;
    conversation.title = title;
    this.requestUpdate();
    try {
      await patch(`/api/conversations/${encodeURIComponent(conversation.id)}`, { title });
    } catch (error) {
      conversation.title = before;
      store.error = explain(error);
      store.changed('error');
    }
  }

  async remove(conversation) {
    if (!confirm(`Delete “${conversation.title || 'New chat'}” and all its messages?`)) return;
    try {
      await del(`/api/conversations/${encodeURIComponent(conversation.id)}`);
      store.conversations.delete(conversation.id);
      store.changed('conversations');
      if (this.path === `/c/${conversation.id}`) navigate('/', { replace: true });
    } catch (error) {
      store.error = explain(error);
      store.changed('error');
    }
  }

  signOut(event) {
    event.target.querySelector('input[name=_csrf]').value = csrfToken() || '';
  }

  item(conversation) {
    const current = this.path === `/c/${conversation.id}`;
    const title = conversation.title || 'New chat';
    if (this.renaming === conversation.id) {
      return html`<li class="conversation renaming">
        <label class="visually-hidden" for="rename-${conversation.id}">New title</label>
        <input id="rename-${conversation.id}" class="rename-input" maxlength="80" .value=${conversation.title || ''}
          @keydown=${event => {
            if (event.key === 'Enter') this.rename(conversation, event.target.value);
            if (event.key === 'Escape') { this.renaming = null; }
          }}
          @blur=${event => this.rename(conversation, event.target.value)}>
      </li>`;
    }
    return html`<li class="conversation ${current ? 'current' : ''}" data-id=${conversation.id}>
      <a href="/c/${encodeURIComponent(conversation.id)}" aria-current=${current ? 'page' : 'false'}>
        <span class="conversation-title">${title}</span>
        <span class="conversation-time">${store.running.has(conversation.id) ? html`<span class="typing" aria-label="replying">●</span> ` : ''}${relativeTime(conversation.updatedAt)}</span>
      </a>
      <span class="conversation-actions">
        <button class="icon-button" aria-label="Rename ${title}" title="Rename" @click=${() => {
          this.renaming = conversation.id;
          this.updateComplete.then(() => this.querySelector('.rename-input')?.focus());
        }}>✎</button>
        <button class="icon-button" aria-label="Delete ${title}" title="Delete" @click=${() => this.remove(conversation)}>×</button>
      </span>
    </li>`;
  }

  render() {
    const filter = this.filter.toLowerCase();
    const shown = store.sortedConversations().filter(c => !filter || (c.title || 'new chat').toLowerCase().includes(filter));
    const me = store.me;
    return html`<nav class="sidebar" aria-label="Conversations">
      <div class="sidebar-head">
        <a class="brand" href="/">twobrains</a>
        <a class="button primary new-chat" href="/" @click=${() => this.dispatchEvent(new Event('close-menu'))}>New chat</a>
      </div>
      <label class="visually-hidden" for="conversation-filter">Filter conversations by title</label>
      <input id="conversation-filter" class="filter" type="search" placeholder="Filter by title" .value=${this.filter}
        @input=${event => { this.filter = event.target.value; if (this.filter) store.loadMoreConversations(); }}>
      <ul class="conversation-list">
        ${repeat(shown, conversation => conversation.id, conversation => this.item(conversation))}
        <li class="list-end" aria-hidden="true">${store.loadingList ? 'Loading…' : ''}</li>
        ${shown.length === 0 && !store.loadingList ? html`<li class="empty">${filter ? 'No conversation has that in its title.' : 'No conversations yet.'}</li>` : ''}
      </ul>
      <div class="sidebar-foot">
        <a href="/settings" aria-current=${this.path === '/settings' ? 'page' : 'false'}>Settings</a>
        <a href="/usage" aria-current=${this.path === '/usage' ? 'page' : 'false'}>Usage</a>
        ${me?.roles?.includes('admin') ? html`<a href="/admin" aria-current=${this.path === '/admin' ? 'page' : 'false'}>Admin</a>` : ''}
        <form method="post" action="/logout" class="sign-out" @submit=${event => this.signOut(event)}>
          <input type="hidden" name="_csrf" value="">
          <span class="who" title="Signed in as ${me?.id}">${me?.id}</span>
          <button type="submit" class="link-button">Sign out</button>
        </form>
      </div>
    </nav>`;
  }
}

customElements.define('tb-sidebar', TbSidebar);
