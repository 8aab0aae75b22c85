// The reply stream of POST /api/chat and GET /api/chat/{id}/stream: server-sent events in the AI SDK's
// UI message stream protocol, read straight from fetch (EventSource cannot POST), and assembled into
// a message whose parts have the same shapes as a saved message's.

/** Yields each event's data, as the server sent it, until the stream or the signal ends. */
export async function* sseData(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replaceAll('\r\n', '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter(line => line.startsWith('data:'))
          .map(line => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
        if (data) yield data;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * An assistant message as it arrives. Listeners of 'change' hear about every chunk; they coalesce
 * the redraws themselves (one per frame), so a long reply costs one message's redraw per frame.
 */
export class LiveMessage extends EventTarget {
  constructor(id = null) {
    super();
    this.id = id;
    this.role = 'assistant';
    this.parts = [];
    this.status = 'streaming'; // then: done | stopped | error
    this.error = null;
    this.notices = [];
    this.metadata = null;
    this.byStreamId = new Map();
  }

  apply(chunk) {
    switch (chunk.type) {
      case 'start':
        if (chunk.messageId) this.id = chunk.messageId;
        if (chunk.messageMetadata) this.metadata = chunk.messageMetadata;
        break;
      case 'text-start': this.open(chunk.id, { type: 'text', text: '', state: 'streaming' }); break;
      case 'text-delta': this.append(chunk.id, chunk.delta, 'text'); break;
      case 'reasoning-start': this.open(chunk.id, { type: 'reasoning', text: '', state: 'streaming' }); break;
      case 'reasoning-delta': this.append(chunk.id, chunk.delta, 'reasoning'); break;
      case 'text-end':
      case 'reasoning-end': {
        const part = this.byStreamId.get(chunk.id);
        if (part) part.state = 'done';
        break;
      }
      case 'tool-input-start':
        this.open(chunk.toolCallId, { type: 'dynamic-tool', toolCallId: chunk.toolCallId, toolName: chunk.toolName, state: 'input-streaming', inputText: '' });
        break;
      case 'tool-input-delta': {
        const part = this.byStreamId.get(chunk.toolCallId);
        if (part) part.inputText += chunk.inputTextDelta;
        break;
      }
      case 'tool-input-available': {
        const part = this.byStreamId.get(chunk.toolCallId) || this.open(chunk.toolCallId, { type: 'dynamic-tool', toolCallId: chunk.toolCallId, toolName: chunk.toolName });
        Object.assign(part, { state: 'input-available', input: chunk.input });
        break;
      }
      case 'tool-output-available': {
        const part = this.byStreamId.get(chunk.toolCallId);
        if (part) Object.assign(part, { state: 'output-available', output: chunk.output });
        break;
      }
      case 'tool-output-error': {
        const part = this.byStreamId.get(chunk.toolCallId);
        if (part) Object.assign(part, { state: 'output-error', errorText: chunk.errorText });
        break;
      }
      case 'data-notice':
        if (chunk.data) this.notices.push(chunk.data);
        break;
      case 'error':
        this.status = 'error';
        this.error = chunk.errorText;
        break;
      case 'abort':
        this.status = 'stopped';
        break;
      case 'finish':
        if (chunk.messageMetadata) this.metadata = chunk.messageMetadata;
        if (this.status === 'streaming') this.status = 'done';
        break;
      default:
        break; // start-step, finish-step and anything newer: nothing to show
    }
    this.dispatchEvent(new Event('change'));
  }

  open(streamId, part) {
    this.parts.push(part);
    this.byStreamId.set(streamId, part);
    return part;
  }

  append(streamId, delta, type) {
    let part = this.byStreamId.get(streamId);
    if (!part) part = this.open(streamId, { type, text: '', state: 'streaming' });
    part.text += delta;
  }

  /** The stream ended without saying how (the connection dropped). */
  interrupted() {
    if (this.status === 'streaming') {
      this.status = 'error';
      this.error = 'the connection was lost before the reply ended';
      this.lost = true;
      this.dispatchEvent(new Event('change'));
    }
  }

  text() {
    return this.parts.filter(part => part.type === 'text').map(part => part.text).join('');
  }
}

/** Reads a reply stream into the message until it ends; resolves when it has. */
export async function readInto(response, message) {
  try {
    for await (const data of sseData(response)) {
      if (data === '[DONE]') break;
      let chunk;
      try { chunk = JSON.parse(data); } catch { continue; }
      message.apply(chunk);
    }
  } catch (error) {
    if (error?.name !== 'AbortError') message.interrupted();
    else if (message.status === 'streaming') { message.status = 'stopped'; message.dispatchEvent(new Event('change')); }
    return message;
  }
  message.interrupted();
  return message;
}
