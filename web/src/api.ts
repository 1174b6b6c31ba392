// Talking to the server: JSON with the session's CSRF token on writes, event streams for long work.

let csrf = '';
export function setCsrf(token: string): void {
  csrf = token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly revision?: number,
  ) {
    super(message);
  }
}

/** Fired when the server says the session has expired; the app shows its sign-in page. */
export const EXPIRED = 'pressroom:expired';

async function fail(res: Response): Promise<never> {
  let body: { error?: string; code?: string; revision?: number } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.status === 401 && body.code === 'expired') window.dispatchEvent(new Event(EXPIRED));
  throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`, body.code, body.revision);
}

export async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? null : JSON.stringify(body), credentials: 'same-origin' });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

/** POSTs a file's bytes as they are (a CSV, an OPML file, a mail message in its own charset) and
 * reads the JSON answer; a refusal throws ApiError. */
export async function sendFile<T>(url: string, type: string, file: File): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'x-csrf-token': csrf, 'content-type': type }, body: file });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

export async function upload(file: File): Promise<string> {
  const res = await fetch('/api/uploads', { method: 'POST', headers: { 'x-csrf-token': csrf, 'content-type': file.type || 'application/octet-stream' }, body: file });
  if (!res.ok) return fail(res);
  return ((await res.json()) as { url: string }).url;
}

/** POSTs and reads a text/event-stream answer, calling onEvent for each event as it arrives. */
export async function stream(url: string, body: unknown, onEvent: (event: string, data: any) => void, signal?: AbortSignal): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  if (!res.ok) return fail(res);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      onEvent(event, data ? JSON.parse(data) : null);
    }
  }
}
