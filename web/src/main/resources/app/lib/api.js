// Every call of the API goes through here. The session cookie travels by itself (the browser never
// sees a token); a request that changes something carries the CSRF token from the XSRF-TOKEN cookie;
// a refusal becomes an ApiError that errors.js turns into words.

export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  static async from(response) {
    let problem = {};
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch { problem = {}; }
    }
    const retry = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    return new ApiError(response.status, problem, Number.isFinite(retry) ? retry : null);
  }

  static network(cause) {
    const error = new ApiError(0, { title: 'Network error', detail: String(cause?.message || cause) });
    error.network = true;
    return error;
  }
}

/** The user's seq after the newest write of this tab: reads that must see it send it back. */
let lastSeq = 0;

export function seq() {
  return lastSeq;
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function headersFor(method, body, extra, fresh, minSeq) {
  const headers = { Accept: 'application/json, application/problem+json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!['GET', 'HEAD'].includes(method)) {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const atLeast = Math.max(fresh ? lastSeq : 0, minSeq || 0);
  if (atLeast > 0) headers['X-Chat-Min-Seq'] = String(atLeast);
  return headers;
}

/**
 * Calls the API; resolves to the JSON answer (null for 204), or to the Response itself with raw.
 * fresh: wait until this tab's own writes are visible (X-Chat-Min-Seq); minSeq: and at least this seq
 * (a change the live feed announced, made here or elsewhere, which the read must not predate).
 */
export async function api(path, { method = 'GET', body, headers = {}, signal, raw = false, fresh = false, minSeq = 0 } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(method, body, headers, fresh, minSeq),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause;
    throw ApiError.network(cause);
  }
  const written = Number.parseInt(response.headers.get('X-Chat-Seq') || '', 10);
  if (Number.isFinite(written) && method !== 'GET') lastSeq = Math.max(lastSeq, written);
  if (!response.ok) throw await ApiError.from(response);
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options) => api(path, { ...options, method: 'POST', body });
export const patch = (path, body, options) => api(path, { ...options, method: 'PATCH', body });
export const put = (path, body, options) => api(path, { ...options, method: 'PUT', body });
export const del = (path, options) => api(path, { ...options, method: 'DELETE' });
