// The user's live feed (GET /api/events): the changes made in any tab or device, as server-sent
// events. EventSource reconnects by itself, sending the last seq it saw; when the server refused the
// stream (it closed for good), a new one is opened after a pause and the lists are read again.

const EVENTS = ['ConversationStarted', 'ConversationRenamed', 'ConversationDeleted', 'MessageAppended',
  'MessageSuperseded', 'GenerationStarted', 'GenerationCompleted', 'GenerationFailed', 'GenerationCancelled',
  'SettingsChanged', 'ApiKeyStored', 'ApiKeyRemoved', 'McpServerAdded', 'McpServerChanged', 'McpServerRemoved',
  'UserErased', 'resync'];

export class Feed extends EventTarget {
  constructor(url = '/api/events') {
    super();
    this.url = url;
    this.state = 'connecting';
    this.pause = 1000;
  }

  start() {
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => {
      const wasDown = this.state === 'down';
      this.pause = 1000;
      this.setState('open');
      if (wasDown && this.recreated) this.emit('resync', {});
      this.recreated = false;
    };
    source.onerror = () => {
      this.setState('down');
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => { this.recreated = true; this.start(); }, this.pause);
        this.pause = Math.min(this.pause * 2, 30000);
      }
    };
    for (const type of EVENTS) {
      source.addEventListener(type, event => {
        let data = {};
        try { data = JSON.parse(event.data); } catch { /* keep it empty */ }
        this.emit(type, data, Number.parseInt(event.lastEventId, 10) || 0);
      });
    }
  }

  /** seq: the user's seq at this change (the event's id), so that a read it prompts can ask for at least that. */
  emit(type, data, seq = 0) {
    this.dispatchEvent(new CustomEvent('event', { detail: { type, data, seq } }));
  }

  setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.dispatchEvent(new Event('state'));
    }
  }
}
