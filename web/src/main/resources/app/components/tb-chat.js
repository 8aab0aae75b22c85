// A conversation: its messages (older ones load as the reader scrolls up) and the composer. It keeps
// to the bottom while a reply arrives, unless the reader has scrolled up to read.
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LightElement, navigate } from './light-element.js';
import { store } from '../lib/store.js';
import { Conversation } from '../lib/conversation.js';
import { explain } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import './tb-message.js';
import './tb-composer.js';

const NEAR_BOTTOM = 48;

class TbChat extends LightElement {
  static properties = { conversationId: { attribute: false }, notice: { state: true }, blockedFor: { state: true }, stick: { state: true } };

  constructor() {
    super();
    this.stick = true;
    this.blockedFor = 0;
    this.onConversation = event => this.conversationChanged(event.detail);
    this.onFeed = event => this.feed(event.detail);
  }

  connectedCallback() {
    super.connectedCallback();
    store.addEventListener('feed', this.onFeed);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    store.removeEventListener('feed', this.onFeed);
    this.conversation?.close();
    this.resizes?.disconnect();
    this.older?.disconnect();
    clearInterval(this.countdown);
  }

  willUpdate(changed) {
    if (changed.has('conversationId') && this.conversation?.id !== this.conversationId) this.switchTo(this.conversationId);
  }

  switchTo(id) {
    this.conversation?.removeEventListener('change', this.onConversation);
    this.conversation?.close();
    this.notice = null;
    this.stick = true;
    this.conversation = new Conversation(id || newId('c'));
    this.conversation.draft = !id;
    this.conversation.addEventListener('change', this.onConversation);
    if (id) {
      this.conversation.open().catch(error => { this.notice = explain(error); });
    } else {
      this.conversation.olderCursor = null;
    }
    this.updateComplete.then(() => this.querySelector('tb-composer')?.focus());
  }

  conversationChanged(what) {
    const scroller = this.scroller;
    if (what === 'older' && scroller) {
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      this.requestUpdate();
      this.updateComplete.then(() => { scroller.scrollTop = scroller.scrollHeight - fromBottom; });
      return;
    }
    if (what === 'sent') this.stick = true;
    this.requestUpdate();
  }

  feed({ type, data, seq }) {
    if (type === 'ConversationDeleted' && data.conversationId === this.conversationId) {
      store.error = { kind: 'refused', message: 'This conversation was deleted (in another window or device).' };
      store.changed('error');
      navigate('/', { replace: true });
      return;
    }
    this.conversation?.onFeed(type, data, seq);
  }

  get scroller() {
    return this.querySelector('.messages');
  }

  firstUpdated() {
    // The content grows while a reply streams: keep the bottom in view if the reader is there.
    this.resizes = new ResizeObserver(() => { if (this.stick) this.toBottom(); });
    this.resizes.observe(this.querySelector('.messages-inner'));
    this.older = new IntersectionObserver(entries => {
      if (entries.some(entry => entry.isIntersecting)) this.conversation?.loadOlder().catch(error => { this.notice = explain(error); });
    }, { root: this.scroller, rootMargin: '400px 0px 0px 0px' });
    this.older.observe(this.querySelector('.older'));
  }

  toBottom() {
    const scroller = this.scroller;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  scrolled() {
    const scroller = this.scroller;
    const near = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM;
    if (near !== this.stick) this.stick = near;
  }

  async send(text) {
    const conversation = this.conversation;
    this.notice = null;
    if (conversation.draft) {
      conversation.draft = false;
      store.touch(conversation.id, new Date().toISOString());
      navigate(`/c/${conversation.id}`);
    }
    try {
      await conversation.send(text, store.settings?.selectedModel);
    } catch (error) {
      this.refused(error, text);
    }
  }

  async regenerate() {
    this.notice = null;
    this.stick = true;
    try {
      await this.conversation.regenerate(store.settings?.selectedModel);
    } catch (error) {
      this.refused(error);
    }
  }

  refused(error, text) {
    this.notice = explain(error);
    if (text !== undefined) this.querySelector('tb-composer')?.restore(text);
    if (this.notice.kind === 'rate' || this.notice.kind === 'busy') {
      this.blockedFor = this.notice.retryAfter;
      clearInterval(this.countdown);
      this.countdown = setInterval(() => {
        this.blockedFor -= 1;
        if (this.blockedFor <= 0) clearInterval(this.countdown);
      }, 1000);
    }
  }

  async stop() {
    try {
      await this.conversation.stop();
    } catch (error) {
      this.notice = explain(error);
    }
  }

  render() {
    const conversation = this.conversation;
    if (!conversation) return '';
    const messages = conversation.messages;
    const live = conversation.live;
    const lastAssistant = live ? null : [...messages].reverse().find(message => message.role === 'assistant');
    const canRegenerate = lastAssistant && messages.at(-1) === lastAssistant;
    const title = store.conversations.get(conversation.id)?.title;
    return html`<section class="chat" aria-label=${title || 'New chat'}>
      <h1 class="visually-hidden">${title || 'New chat'}</h1>
      <div class="messages" @scroll=${() => this.scrolled()} @regenerate=${() => this.regenerate()}>
        <div class="messages-inner">
          <div class="older" aria-hidden="true">${conversation.loadingOlder ? 'Loading older messages…' : ''}</div>
          ${messages.length === 0 && !live ? html`<div class="empty-chat"><h2>What shall we talk about?</h2>
            <p>Write below. Your conversations stay in the list on the left, in every tab and device.</p></div>` : ''}
          ${repeat(messages, message => message.id, message => html`<tb-message .message=${message} ?last=${canRegenerate && message === lastAssistant}></tb-message>`)}
          ${live ? html`<tb-message class="live" .message=${live}></tb-message>` : ''}
        </div>
      </div>
      ${this.stick ? '' : html`<button class="button jump" @click=${() => { this.stick = true; this.toBottom(); }}>Jump to latest ↓</button>`}
      <div class="composer-area">
        ${this.notice ? html`<tb-notice .notice=${this.notice} dismissible @dismiss=${() => { this.notice = null; }}></tb-notice>` : ''}
        <tb-composer .streaming=${live?.status === 'streaming'} .blockedFor=${this.blockedFor}
          @send=${event => this.send(event.detail.text)} @stop=${() => this.stop()}></tb-composer>
      </div>
    </section>`;
  }
}

customElements.define('tb-chat', TbChat);
