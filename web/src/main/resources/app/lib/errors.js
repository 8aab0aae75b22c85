// Refusals and failures as a person reads them, each with a way forward. Never raw JSON.
import { ApiError } from './api.js';

export const SIGN_IN = '/oauth2/authorization/twobrains';

function until(iso) {
  if (!iso) return '';
  const when = new Date(iso);
  const minutes = Math.max(1, Math.round((when - Date.now()) / 60000));
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const day = when.toDateString() === new Date().toDateString() ? '' : ` on ${when.toLocaleDateString()}`;
  const wait = minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return ` They come back at ${time}${day} (in ${wait}).`;
}

/**
 * { kind, message, action? } for any error: action is { label, href } or { label, run: 'reload' }.
 */
export function explain(error) {
  if (!(error instanceof ApiError)) {
    return { kind: 'unknown', message: `Something went wrong: ${error?.message || error}. Try again.` };
  }
  const problem = error.problem || {};
  if (error.network) {
    return { kind: 'network', message: 'The connection to twobrains was lost. It reconnects by itself; try again in a moment.' };
  }
  switch (error.status) {
    case 401:
      return { kind: 'session', message: 'Your session has ended. Sign in again to go on.', action: { label: 'Sign in again', href: SIGN_IN } };
    case 403:
      if ((problem.detail || '').includes('XSRF')) {
        return { kind: 'csrf', message: 'This page is out of date. Reload it to go on.', action: { label: 'Reload', run: 'reload' } };
      }
      return { kind: 'forbidden', message: 'You are not allowed to do this.' };
    case 429:
      if (problem.limitType === 'daily' || problem.limitType === 'monthly') {
        const period = problem.limitType === 'daily' ? 'today' : 'this month';
        return {
          kind: 'quota',
          message: `You have used all your free messages for ${period}.${until(problem.resetsAt)} Add your own provider key in Settings to keep chatting now.`,
          action: { label: 'Open settings', href: '/settings' },
        };
      }
      return {
        kind: 'rate',
        retryAfter: error.retryAfter ?? 5,
        message: `You are sending faster than allowed. You can send again in ${error.retryAfter ?? 5} s.`,
      };
    case 503:
      return { kind: 'busy', retryAfter: error.retryAfter ?? 1, message: 'twobrains is busy for a moment. Try again in a few seconds.' };
    default:
      if (error.status >= 500) {
        return { kind: 'server', message: `Something went wrong on the server (${error.status}). Try again.` };
      }
      return { kind: 'refused', message: problem.detail || problem.title || `The request was refused (${error.status}).` };
  }
}

/** A provider's failure, as the reply stream reports it. */
export function explainStreamError(text) {
  return `The model could not answer: ${text || 'the provider failed'}. Regenerate to try again, or pick another model.`;
}
