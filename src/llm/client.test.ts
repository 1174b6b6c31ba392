import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startServer } from '../http/test-server.ts';
import { ChatClient, estimateTokens, llmConfigFromEnv, LlmError, serverSentData } from './client.ts';
import { startLlmStub } from './test-server.ts';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));
const ask = [{ role: 'user' as const, content: 'Summarise' }];

test('a completion: the model and key are sent, the text and the server\'s usage come back', async () => {
  const stub = await startLlmStub(() => '一个快速的解析器。');
  const client = new ChatClient({ baseUrl: stub.baseUrl, model: 'test-model', apiKey: 'sk-test' });
  try {
    const r = await client.complete(ask);
    assert.equal(r.text, '一个快速的解析器。');
    assert.ok(r.promptTokens > 0 && r.completionTokens > 0);
    assert.equal(stub.calls[0]!.model, 'test-model');
    assert.equal(stub.server.log[0]!.headers.authorization, 'Bearer sk-test');
  } finally {
    await client.close();
    await stub.close();
  }
});

test('a streamed completion: pieces arrive in order over CRLF events, usage from the last chunk', async () => {
  const server = await startServer();
  server.route('/v1/chat/completions', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // Written in small slices: an event, and a UTF-8 character, may be cut anywhere.
    const body = fixture('stream.sse');
    for (let i = 0; i < body.length; i += 7) res.write(body.subarray(i, i + 7));
    res.end();
  });
  const client = new ChatClient({ baseUrl: `${server.url}/v1`, model: 'm' });
  try {
    const pieces: string[] = [];
    const r = await client.complete(ask, { onDelta: (p) => pieces.push(p) });
    assert.deepEqual(pieces, ['一个**快速**', '的 [解析器](https://example.com/p)。']);
    assert.equal(r.text, '一个**快速**的 [解析器](https://example.com/p)。');
    assert.deepEqual([r.promptTokens, r.completionTokens], [42, 9]);
  } finally {
    await client.close();
    await server.close();
  }
});

test('429 is retried as long as the server says to wait; a 400 is not, and says the server\'s reason', async () => {
  const stub = await startLlmStub(() => 'ok');
  const waits: number[] = [];
  const client = new ChatClient({ baseUrl: stub.baseUrl, model: 'm', retries: 3, sleep: async (ms) => void waits.push(ms) });
  try {
    stub.rateLimitNext(2);
    assert.equal((await client.complete(ask)).text, 'ok');
    assert.deepEqual(waits, [0, 0], 'Retry-After: 0 honoured, twice');
  } finally {
    await client.close();
    await stub.close();
  }
  const server = await startServer();
  let calls = 0;
  server.route('/v1/chat/completions', (_req, res) => {
    calls++;
    res.writeHead(400, { 'content-type': 'application/json' }).end(fixture('error-400.json'));
  });
  const strict = new ChatClient({ baseUrl: `${server.url}/v1`, model: 'm', retries: 3, sleep: async () => {} });
  try {
    await assert.rejects(strict.complete(ask), (e: unknown) => e instanceof LlmError && e.status === 400 && /maximum context length/.test(e.message));
    assert.equal(calls, 1);
  } finally {
    await strict.close();
    await server.close();
  }
});

test('server-sent events: comments skipped, multi-line data joined, a last event without a blank line kept', async () => {
  async function* body() {
    yield new TextEncoder().encode(': hello\ndata: a\ndata: b\n\ndata: c');
  }
  const out: string[] = [];
  for await (const d of serverSentData(body())) out.push(d);
  assert.deepEqual(out, ['a\nb', 'c']);
});

test('configuration: both the address and the model, from the environment over the file, or none', () => {
  assert.equal(llmConfigFromEnv({}, {}), undefined);
  assert.equal(llmConfigFromEnv({ PRESSROOM_LLM_BASE_URL: 'http://x/v1' }, {}), undefined, 'no model: off');
  assert.deepEqual(llmConfigFromEnv({ PRESSROOM_LLM_MODEL: 'env-model', OPENAI_API_KEY: 'k' }, { baseUrl: 'http://file/v1', model: 'file-model' }), { baseUrl: 'http://file/v1', model: 'env-model', apiKey: 'k' });
  assert.equal(estimateTokens('一二三'), 3);
  assert.equal(estimateTokens('abcdefgh'), 2);
});
