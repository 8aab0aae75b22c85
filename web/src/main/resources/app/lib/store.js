// What every part of the app shares: who is signed in, settings, models, usage and the list of
// conversations, kept current by the live feed. Components listen for 'change' and read what they need.
import { get, patch } from './api.js';
import { Feed } from './feed.js';

const PAGE = 30;

class Store extends EventTarget {
  constructor() {
    super();
    this.me = null;
    this.settings = null;
    this.settingsTurn = 0; // the latest read or save of the settings; answers to older ones are dropped
    this.models = [];
    this.modelsTurn = 0; // as settingsTurn, for the list of models
    this.usage = null;
    this.conversations = new Map();
    this.nextCursor = undefined; // undefined: not loaded; null: everything loaded
    this.loadingList = false;
    this.running = new Set();
    this.feed = new Feed();
    this.connection = 'connecting';
    this.error = null;
  }

  changed(what) {
    this.dispatchEvent(new CustomEvent('change', { detail: what }));
  }

  async start() {
    this.feed.addEventListener('event', event => this.onFeed(event.detail));
    this.feed.addEventListener('state', () => { this.connection = this.feed.state; this.changed('connection'); });
    const [me, settings, models] = await Promise.all([get('/api/me'), get('/api/settings'), get('/api/models')]);
    Object.assign(this, { me, settings, models });
    this.applyAppearance();
    this.changed('all');
    this.feed.start();
    this.loadMoreConversations();
    this.refreshUsage();
  }

  applyAppearance() {
    const theme = this.settings?.theme || 'system';
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('twobrains.theme', theme);
    document.documentElement.dataset.width = this.settings?.chatWidth || 'default';
  }

  /**
   * Reads the settings again, at least as new as the change that prompted it (seq, from the feed) and this
   * tab's own writes. Answers can arrive out of order: one to a read or save begun earlier never replaces
   * what a later one gave (a stale read would otherwise undo a choice the user just made).
   */
  async refreshSettings(seq = 0) {
    const turn = ++this.settingsTurn;
    const settings = await get('/api/settings', { fresh: true, minSeq: seq });
    if (turn !== this.settingsTurn) return;
    this.settings = settings;
    this.applyAppearance();
    this.changed('settings');
  }

  /** Reads the models again, at least as new as seq; an answer to an earlier read never replaces a later one. */
  async refreshModels(seq = 0) {
    const turn = ++this.modelsTurn;
    const models = await get('/api/models', { fresh: true, minSeq: seq });
    if (turn !== this.modelsTurn) return;
    this.models = models;
    this.changed('models');
  }

  async refreshUsage() {
    try {
      this.usage = await get('/api/usage', { fresh: true });
      this.changed('usage');
    } catch { /* the composer simply shows no count */ }
  }

  async saveSettings(change) {
    const turn = ++this.settingsTurn;
    this.settings = { ...this.settings, ...change };
    this.applyAppearance();
    this.changed('settings');
    const saved = await patch('/api/settings', change);
    if (turn !== this.settingsTurn) return;
    this.settings = saved;
    this.changed('settings');
  }

  sortedConversations() {
    return [...this.conversations.values()].sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || ''));
  }

  async loadMoreConversations() {
    if (this.loadingList || this.nextCursor === null) return;
    this.loadingList = true;
    try {
      const cursor = this.nextCursor ? `&cursor=${encodeURIComponent(this.nextCursor)}` : '';
      const page = await get(`/api/conversations?limit=${PAGE}${cursor}`, { fresh: true });
      for (const item of page.items) this.conversations.set(item.id, { ...this.conversations.get(item.id), ...item });
      this.nextCursor = page.nextCursor ?? null;
    } finally {
      this.loadingList = false;
      this.changed('conversations');
    }
  }

  async reloadConversations() {
    this.conversations = new Map();
    this.nextCursor = undefined;
    await this.loadMoreConversations();
  }

  touch(id, at, fields = {}) {
    const known = this.conversations.get(id) || { id, createdAt: at };
    this.conversations.set(id, { ...known, updatedAt: at || new Date().toISOString(), ...fields });
    this.changed('conversations');
  }

  onFeed({ type, data, seq }) {
    const id = data.conversationId;
    switch (type) {
      case 'ConversationStarted': this.touch(id, data.occurredAt, data.title ? { title: data.title } : {}); break;
      case 'ConversationRenamed': {
        const known = this.conversations.get(id);
        if (known) { known.title = data.title; this.changed('conversations'); }
        break;
      }
      case 'ConversationDeleted': this.conversations.delete(id); this.running.delete(id); this.changed('conversations'); break;
      case 'MessageAppended': this.touch(id, data.occurredAt); break;
      case 'GenerationStarted': this.running.add(id); this.touch(id, data.occurredAt); this.refreshUsage(); break;
      case 'GenerationCompleted':
      case 'GenerationFailed':
      case 'GenerationCancelled': this.running.delete(id); this.changed('conversations'); this.refreshUsage(); break;
      case 'SettingsChanged': this.refreshSettings(seq); break;
      case 'ApiKeyStored':
      case 'ApiKeyRemoved': this.refreshSettings(seq); this.refreshModels(seq); break;
      case 'resync': this.reloadConversations(); this.refreshSettings(seq); break;
      case 'UserErased': location.assign('/'); break;
      default: break;
    }
    this.dispatchEvent(new CustomEvent('feed', { detail: { type, data, seq } }));
  }
}

export const store = new Store();
