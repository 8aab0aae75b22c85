// One open conversation: its history, read newest page first and older pages as the reader scrolls
// up, and the reply that runs in it, whether this tab started it or another did (then it is followed
// from GET /api/chat/{id}/stream, which replays the reply from its first chunk: nothing is doubled).
import { api, get, post } from './api.js';
import { LiveMessage, readInto } from './ui-stream.js';
import { newId } from './ids.js';

const PAGE = 50;
const STREAM = { Accept: 'text/event-stream, application/problem+json' };

export class Conversation extends EventTarget {
  constructor(id) {
    super();
    this.id = id;
    this.messages = [];
    this.olderCursor = undefined;
    this.loadingOlder = false;
    this.live = null;
    this.sending = false;
    this.closed = false;
  }

  changed(what) {
    if (!this.closed) this.dispatchEvent(new CustomEvent('change', { detail: what }));
  }

  close() {
    this.closed = true;
    this.controller?.abort();
  }

  async open() {
    await this.loadLatest();
    await this.followIfRunning();
  }

  /** The newest page, at least as new as this tab's own writes and seq (the feed event that prompted it). */
  async loadLatest(seq = 0) {
    try {
      const page = await get(`/api/conversations/${encodeURIComponent(this.id)}/messages?limit=${PAGE}`, { fresh: true, minSeq: seq });
      this.merge(page.items);
      if (this.olderCursor === undefined) this.olderCursor = page.nextCursor ?? null;
    } catch (error) {
      if (error.status !== 404) throw error;
      this.olderCursor = null; // a new conversation: nothing to read yet
    }
    this.changed('messages');
  }

  /** Newest page merged into what is shown: a message already there is replaced, a new one appended. */
  merge(items) {
    const byId = new Map(this.messages.map((message, index) => [message.id, index]));
    const next = [...this.messages];
    for (const item of items) {
      if (this.live && item.id === this.live.id) continue;
      if (byId.has(item.id)) next[byId.get(item.id)] = item;
      else next.push(item);
    }
    this.messages = next;
  }

  async loadOlder() {
    if (this.loadingOlder || !this.olderCursor) return false;
    this.loadingOlder = true;
    try {
      const page = await get(`/api/conversations/${encodeURIComponent(this.id)}/messages?limit=${PAGE}&before=${encodeURIComponent(this.olderCursor)}`);
      const known = new Set(this.messages.map(message => message.id));
      this.messages = [...page.items.filter(item => !known.has(item.id)), ...this.messages];
      this.olderCursor = page.nextCursor ?? null;
      return true;
    } finally {
      this.loadingOlder = false;
      this.changed('older');
    }
  }

  async followIfRunning() {
    if (this.sending || this.live?.status === 'streaming') return;
    const response = await api(`/api/chat/${encodeURIComponent(this.id)}/stream`, { raw: true, headers: STREAM });
    if (response.status === 204) {
      // Nothing runs. A reply that ended between the read and now is in the newest page.
      if (this.messages.at(-1)?.role === 'user') await this.loadLatest();
      return;
    }
    if (this.sending || this.live?.status === 'streaming') { response.body?.cancel(); return; }
    this.attach(new LiveMessage(), response);
  }

  attach(message, response) {
    // A reply that ended but whose stream has not closed yet joins the history before the next one starts.
    if (this.live && this.live !== message) this.settle(this.live);
    this.live = message;
    // The composer offers Send again as soon as the reply has ended, not only once its stream has closed.
    const ended = () => {
      if (message.status === 'streaming') return;
      message.removeEventListener('change', ended);
      if (this.live === message) this.changed('live');
    };
    message.addEventListener('change', ended);
    this.changed('live');
    readInto(response, message).then(() => this.settle(message));
  }

  /** The reply has ended: it joins the history as it was shown; the saved copy replaces it when it comes. */
  settle(message) {
    if (this.live !== message) return;
    this.live = null;
    const saved = { id: message.id, role: 'assistant', parts: message.parts, status: message.status, error: message.error, notices: message.notices, lost: message.lost };
    this.messages = [...this.messages.filter(existing => existing.id !== message.id), saved];
    this.changed('settled');
  }

  /** Sends the user's message and streams the reply; on a refusal nothing was written, and the error is thrown. */
  async send(text, model) {
    const userMessage = { id: newId('m'), role: 'user', parts: [{ type: 'text', text }] };
    this.messages = [...this.messages, userMessage];
    this.changed('sent');
    return this.start({ id: this.id, messages: [userMessage], trigger: 'submit-message', model }, () => {
      this.messages = this.messages.filter(message => message !== userMessage);
    });
  }

  async regenerate(model) {
    const last = this.messages.at(-1);
    if (!last || last.role !== 'assistant') return;
    return this.start({ id: this.id, messages: [], trigger: 'regenerate-message', messageId: last.id, model }, () => {}, () => {
      this.messages = this.messages.filter(message => message.id !== last.id);
    });
  }

  async start(body, undo, accepted = () => {}) {
    this.sending = true;
    this.controller = new AbortController();
    try {
      const response = await api('/api/chat', { method: 'POST', body, raw: true, headers: STREAM, signal: this.controller.signal });
      accepted();
      this.attach(new LiveMessage(), response);
    } catch (error) {
      undo();
      this.changed('refused');
      throw error;
    } finally {
      this.sending = false;
    }
  }

  async stop() {
    await post(`/api/chat/${encodeURIComponent(this.id)}/stop`);
  }

  /** A change from the live feed, made here or in another tab or device; seq is the event's. */
  onFeed(type, data, seq = 0) {
    if (data.conversationId !== this.id) return;
    switch (type) {
      case 'MessageAppended': {
        const message = { id: data.messageId, role: data.role, parts: data.parts };
        if (this.live && this.live.id === message.id) return;
        this.merge([message]);
        this.changed('messages');
        break;
      }
      case 'MessageSuperseded':
        this.messages = this.messages.filter(message => message.id !== data.messageId);
        this.changed('messages');
        break;
      case 'GenerationStarted':
        this.followIfRunning().catch(() => {});
        break;
      case 'GenerationCompleted':
      case 'GenerationFailed':
      case 'GenerationCancelled':
        if (!this.live) this.loadLatest(seq).catch(() => {});
        break;
      default:
        break;
    }
  }
}
