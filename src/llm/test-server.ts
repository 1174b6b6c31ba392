// A local stand-in for an OpenAI-compatible chat completions server, for tests and the demo.
// It answers POST /v1/chat/completions in the documented shapes, streamed (server-sent events
// of chat.completion.chunk, then data: [DONE]) or not (one chat.completion), with usage. What it
// says is what the test's `reply` function returns for the request's messages.

import { startServer, type TestServer } from '../http/test-server.ts';
import type { ChatMessage } from './client.ts';

export interface LlmStub {
  server: TestServer;
  /** Base URL to configure: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  /** Requests answered (not counting refused ones). */
  calls: { model: string; messages: ChatMessage[]; stream: boolean }[];
  /** The next n requests get 429 with Retry-After: 0. */
  rateLimitNext(n: number): void;
  close(): Promise<void>;
}

export type Reply = (messages: ChatMessage[]) => string;

export async function startLlmStub(reply: Reply): Promise<LlmStub> {
  const server = await startServer();
  const calls: LlmStub['calls'] = [];
  let limited = 0;
  server.route('/v1/chat/completions', async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (limited > 0) {
      limited--;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }));
      return;
    }
    const body = JSON.parse(raw) as { model: string; messages: ChatMessage[]; stream?: boolean };
    if (!body.model || !Array.isArray(body.messages)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model and messages are required', type: 'invalid_request_error' } }));
      return;
    }
    calls.push({ model: body.model, messages: body.messages, stream: body.stream === true });
    const text = reply(body.messages);
    const usage = { prompt_tokens: body.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4), 0), completion_tokens: Math.ceil(text.length / 4) };
    usage.prompt_tokens = Math.max(1, usage.prompt_tokens);
    const id = `chatcmpl-${calls.length}`;
    const created = 1_700_000_000;
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const piece of text.match(/[\s\S]{1,12}/g) ?? []) res.write(chunk({ content: piece }, null));
    res.write(chunk({}, 'stop'));
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  return {
    server,
    baseUrl: `${server.url}/v1`,
    calls,
    rateLimitNext: (n) => void (limited = n),
    close: () => server.close(),
  };
}
