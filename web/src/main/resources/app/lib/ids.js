// Ids the app chooses itself: a conversation's and a user message's (the server refuses "tb-" ones).
export function newId(prefix) {
  const random = crypto.randomUUID().replaceAll('-', '').slice(0, 20);
  return `${prefix}${random}`;
}
