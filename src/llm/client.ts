// A client for the OpenAI-compatible chat completions API (POST {base}/chat/completions).
// Streams when asked, retries on 429 and 5xx honouring Retry-After, and reports token usage.

import { Fetcher, type PostResponse } from '../http/client.ts';

export interface LlmConfig {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  /** Tries after the first on 429/5xx/network errors. */
  retries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The one HTTP client; default one that trusts only the model server's host (a local model is fine). */
  fetcher?: Fetcher | undefined;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
}

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** PRESSROOM_LLM_BASE_URL and PRESSROOM_LLM_MODEL (and PRESSROOM_LLM_API_KEY): undefined when not configured. */
export function llmConfigFromEnv(env = process.env, file?: { baseUrl?: string; model?: string }): LlmConfig | undefined {
  const baseUrl = env.PRESSROOM_LLM_BASE_URL ?? file?.baseUrl;
  const model = env.PRESSROOM_LLM_MODEL ?? file?.model;
  if (!baseUrl || !model) return undefined;
  return { baseUrl, model, apiKey: env.PRESSROOM_LLM_API_KEY ?? env.OPENAI_API_KEY };
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ChatClient {
  private fetcher: Fetcher;
  constructor(readonly config: LlmConfig) {
    // The model server is the operator's setting; nothing else is reached through it unguarded.
    this.fetcher = config.fetcher ?? new Fetcher({ trustedHosts: [new URL(config.baseUrl).host], retries: 0, timeoutMs: config.timeoutMs ?? 120_000, maxBytes: 20 * 1024 * 1024 });
  }

  async close(): Promise<void> {
    if (!this.config.fetcher) await this.fetcher.close();
  }

  get model(): string {
    return this.config.model;
  }

  /** One completion. With onDelta, streams and calls it with each piece of text as it arrives. */
  async complete(messages: ChatMessage[], opts: { onDelta?: (text: string) => void; signal?: AbortSignal; temperature?: number } = {}): Promise<ChatResult> {
    const retries = this.config.retries ?? 3;
    const sleep = this.config.sleep ?? realSleep;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(messages, opts);
      } catch (e) {
        const err = e as LlmError & { retryAfterMs?: number };
        const transient = err.status === undefined || err.status === 429 || err.status >= 500;
        if (!transient || attempt >= retries || opts.signal?.aborted) throw err;
        await sleep(Math.min(err.retryAfterMs ?? 1000 * 2 ** attempt, 60_000));
      }
    }
  }

  private async once(messages: ChatMessage[], opts: { onDelta?: (text: string) => void; signal?: AbortSignal; temperature?: number }): Promise<ChatResult> {
    const url = `${this.config.baseUrl.replace(/\/$/, '')}/chat/completions`;
    const stream = opts.onDelta !== undefined;
    let res: PostResponse;
    try {
      res = await this.fetcher.post(
        url,
        JSON.stringify({
          model: this.config.model,
          messages,
          temperature: opts.temperature ?? 0.3,
          ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
        }),
        { 'content-type': 'application/json', ...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {}) },
        { timeoutMs: this.config.timeoutMs ?? 120_000, ...(opts.signal ? { signal: opts.signal } : {}) },
      );
    } catch (e) {
      throw new LlmError(`${url}: ${(e as Error).message.replace(`fetch: ${url}: `, '')}`);
    }
    if (res.status < 200 || res.status >= 300) {
      const body = await this.fetcher.text(res).catch(() => '');
      let detail = body.slice(0, 300);
      try {
        detail = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? detail;
      } catch {
        /* not JSON */
      }
      const err = new LlmError(`${url}: ${res.status} ${detail}`.trim(), res.status) as LlmError & { retryAfterMs?: number };
      const ms = res.headers['retry-after-ms'];
      const s = res.headers['retry-after'];
      if (ms && Number.isFinite(Number(ms))) err.retryAfterMs = Number(ms);
      else if (s && Number.isFinite(Number(s))) err.retryAfterMs = Number(s) * 1000;
      throw err;
    }
    if (!stream) {
      const json = JSON.parse(await this.fetcher.text(res)) as { choices?: { message?: { content?: string } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
      const text = json.choices?.[0]?.message?.content;
      if (typeof text !== 'string') throw new LlmError(`${url}: the answer has no choices[0].message.content`);
      return { text, promptTokens: json.usage?.prompt_tokens ?? estimateTokens(messages), completionTokens: json.usage?.completion_tokens ?? estimateTokens(text) };
    }
    let text = '';
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    for await (const data of serverSentData(res.body as unknown as AsyncIterable<Uint8Array>)) {
      if (data === '[DONE]') break;
      let chunk: { choices?: { delta?: { content?: string } }[]; usage?: typeof usage; error?: { message?: string } };
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new LlmError(`${url}: a streamed chunk is not JSON: ${data.slice(0, 80)}`);
      }
      if (chunk.error) throw new LlmError(`${url}: ${chunk.error.message ?? 'error in stream'}`);
      const piece = chunk.choices?.[0]?.delta?.content;
      if (piece) {
        text += piece;
        opts.onDelta!(piece);
      }
      if (chunk.usage) usage = chunk.usage;
    }
    return { text, promptTokens: usage?.prompt_tokens ?? estimateTokens(messages), completionTokens: usage?.completion_tokens ?? estimateTokens(text) };
  }
}

/** The `data:` payloads of a text/event-stream body. */
export async function* serverSentData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buf = '';
  let data: string[] = [];
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line === '') {
        if (data.length) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  // A stream that ends without its last newline still ends its last line.
  buf += decoder.decode();
  const last = buf.replace(/\r$/, '');
  if (last.startsWith('data:')) data.push(last.slice(5).replace(/^ /, ''));
  if (data.length) yield data.join('\n');
}

/** A rough count when a server does not report usage: ~4 characters a token, one per CJK character. */
export function estimateTokens(input: string | ChatMessage[]): number {
  const s = typeof input === 'string' ? input : input.map((m) => m.content).join('\n');
  const cjk = (s.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  return Math.ceil(cjk + (s.length - cjk) / 4);
}
