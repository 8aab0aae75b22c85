// Drives twobrains with the AI SDK's own chat client, unmodified: AbstractChat (what useChat wraps)
// over DefaultChatTransport, which parses every chunk with the SDK's strict schemas.
// Usage: node use-chat-client.mjs <door URL> <bearer token> <conversation id>; prints a JSON report.
import { AbstractChat, DefaultChatTransport } from 'ai';

class MemoryState {
  constructor() {
    this.status = 'ready';
    this.error = undefined;
    this.messages = [];
  }
  pushMessage(message) { this.messages = this.messages.concat(message); }
  popMessage() { this.messages = this.messages.slice(0, -1); }
  replaceMessage(index, message) {
    this.messages = [...this.messages.slice(0, index), message, ...this.messages.slice(index + 1)];
  }
  snapshot(thing) { return structuredClone(thing); }
}

class Chat extends AbstractChat {
  constructor(init) { super({ ...init, state: new MemoryState() }); }
}

const [base, token, chatId] = process.argv.slice(2);
const errors = [];
const newChat = (id) => new Chat({
  id,
  transport: new DefaultChatTransport({ api: `${base}/api/chat`, headers: { Authorization: `Bearer ${token}` } }),
  onError: (error) => errors.push(String(error)),
});
const text = (message) => message?.parts.filter((p) => p.type === 'text').map((p) => p.text).join('') ?? '';
const report = {};

const chat = newChat(chatId);
await chat.sendMessage({ text: 'Hello from the AI SDK' });
report.sent = { status: chat.status, messages: chat.messages };

await chat.regenerate();
report.regenerated = { status: chat.status, messages: chat.messages };

await chat.resumeStream();
report.resumedWithNothingRunning = { status: chat.status, count: chat.messages.length };

// A reload while a reply streams: a second client resumes the same conversation.
const running = newChat(`${chatId}-reload`);
const sending = running.sendMessage({ text: 'Tell me something long' });
await new Promise((resolve) => setTimeout(resolve, 400));
const reloaded = newChat(`${chatId}-reload`);
await reloaded.resumeStream();
await sending;
report.reload = { original: text(running.lastMessage), resumed: text(reloaded.lastMessage), status: reloaded.status };

report.errors = errors;
console.log(JSON.stringify(report));
