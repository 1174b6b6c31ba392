// The assistant's routes. Long work answers as a text/event-stream, so the editor sees it
// progress; what comes back is a proposal the editor accepts or not, never a write.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Item, Lang } from '../core/model.ts';
import { AssistError, blurbMessages, cachedComplete, fallbackBlurb, translateItem, type BlurbInput } from '../app/assist.ts';
import type { ChatClient } from '../llm/client.ts';
import { canonicalUrl } from '../rank/canonical-url.ts';
import type { Store } from '../store/db.ts';
import { listIssues, loadIssue } from '../app/archive.ts';
import { candidateById, candidateByUrl } from '../app/candidates.ts';
import type { StoredPublication } from '../store/publications.ts';
import { stripTags } from '../html/sanitize.ts';
import { HttpError } from './http.ts';

export interface AssistDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  llm?: ChatClient | undefined;
}

export const NO_PROVIDER = 'translation needs a language model: set PRESSROOM_LLM_BASE_URL and PRESSROOM_LLM_MODEL (and PRESSROOM_LLM_API_KEY) to any server that speaks the OpenAI chat completions API';

/** Starts an event stream on a hijacked reply; `send` writes one event. */
function eventStream(reply: FastifyReply): (event: string, data: unknown) => void {
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
  return (event, data) => void reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function registerAssist(app: FastifyInstance, deps: AssistDeps): void {
  const db = deps.store.db;

  app.get('/api/assist', async () => ({ provider: deps.llm ? { model: deps.llm.model } : null }));

  app.post<{ Body: { number: number; lang: Lang; itemId?: number; candidateId?: number } }>(
    '/api/assist/draft',
    {
      schema: {
        body: {
          type: 'object',
          required: ['number', 'lang'],
          additionalProperties: false,
          properties: { number: { type: 'integer', minimum: 1 }, lang: { type: 'string', maxLength: 10 }, itemId: { type: 'integer', minimum: 1 }, candidateId: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (req, reply) => {
      const { id: pid, pub } = await deps.publication();
      const { number, lang } = req.body;
      if (!pub.languages.includes(lang)) throw new HttpError(400, `${pub.slug} is not written in "${lang}"`);
      const issue = await loadIssue(db, pid, number);
      if (!issue) throw new HttpError(404, `no issue #${number}`);
      const item = req.body.itemId ? issue.items.find((i) => i.id === req.body.itemId) : undefined;
      if (req.body.itemId && !item) throw new HttpError(404, `item ${req.body.itemId} is not in issue #${number}`);
      if (!item && !req.body.candidateId) throw new HttpError(400, 'name an itemId or a candidateId');
      const input = await blurbInput(deps, pid, lang, item, req.body.candidateId);
      const send = eventStream(reply);
      try {
        if (!deps.llm) {
          send('done', { text: fallbackBlurb(input), source: 'extractive', note: 'no language model is configured: this is the article’s opening sentences', tokens: 0 });
        } else {
          const r = await cachedComplete(db, deps.llm, blurbMessages(pub, input), 'draft', { publicationId: pid, issueNumber: number }, (text) => send('delta', { text }));
          send('done', { text: r.text, source: 'llm', cached: r.cached, tokens: r.promptTokens + r.completionTokens });
        }
      } catch (e) {
        send('error', { error: (e as Error).message });
      }
      reply.raw.end();
    },
  );

  app.post<{ Body: { number: number; from: Lang; to: Lang; itemIds?: number[]; section?: string } }>(
    '/api/assist/translate',
    {
      schema: {
        body: {
          type: 'object',
          required: ['number', 'from', 'to'],
          additionalProperties: false,
          properties: {
            number: { type: 'integer', minimum: 1 },
            from: { type: 'string', maxLength: 10 },
            to: { type: 'string', maxLength: 10 },
            itemIds: { type: 'array', maxItems: 500, items: { type: 'integer', minimum: 1 } },
            section: { type: 'string', maxLength: 60 },
          },
        },
      },
    },
    async (req, reply) => {
      const { id: pid, pub } = await deps.publication();
      const { number, from, to } = req.body;
      for (const l of [from, to]) if (!pub.languages.includes(l)) throw new HttpError(400, `${pub.slug} is not written in "${l}"`);
      if (from === to) throw new HttpError(400, 'translate between two different languages');
      if (!deps.llm) throw new HttpError(503, NO_PROVIDER, 'no-provider');
      const issue = await loadIssue(db, pid, number);
      if (!issue) throw new HttpError(404, `no issue #${number}`);
      const wanted = req.body.itemIds ? new Set(req.body.itemIds) : undefined;
      const items = issue.items.filter((i) => (!wanted || wanted.has(i.id!)) && (!req.body.section || i.section === req.body.section) && i.texts[from]);
      if (items.length === 0) throw new HttpError(400, `nothing in ${from} to translate there`);
      const llm = deps.llm;
      const send = eventStream(reply);
      let done = 0;
      let tokens = 0;
      send('progress', { done, total: items.length });
      const queue = [...items];
      const worker = async () => {
        for (let it = queue.shift(); it; it = queue.shift()) {
          try {
            const p = await translateItem(db, llm, pub, it, from, to, { publicationId: pid, issueNumber: number });
            tokens += p.tokens;
            send('proposal', { itemId: p.itemId, from, to, fields: p.fields });
          } catch (e) {
            send('failed', { itemId: it.id, error: e instanceof AssistError ? e.message : `item ${it.id}: ${(e as Error).message}` });
          }
          send('progress', { done: ++done, total: items.length });
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      send('done', { tokens });
      reply.raw.end();
    },
  );
}

/** What a blurb is drafted from: the candidate's extracted text, else its feed summary, else the
 * item's own text; and a few blurbs of past issues in the same language. */
async function blurbInput(deps: AssistDeps, pid: number, lang: Lang, item: Item | undefined, candidateId: number | undefined): Promise<BlurbInput> {
  const db = deps.store.db;
  const cid = candidateId ?? (typeof item?.meta.candidateId === 'number' ? item.meta.candidateId : undefined);
  const c = cid ? await candidateById(db, pid, cid) : item?.url ? await candidateByUrl(db, pid, canonicalUrl(item.url)) : undefined;
  if (candidateId && !c) throw new HttpError(404, `no candidate #${candidateId}`);
  const title = item ? (item.texts[lang]?.title || Object.values(item.texts)[0]?.title || '') : c!.title;
  const text = c?.content_text || c?.excerpt || (c?.summary ? stripTags(c.summary) : '') || (item ? Object.values(item.texts).map((t) => t.blurb).join('\n') : '');
  const examples: string[] = [];
  for (const summary of (await listIssues(db, pid)).slice(0, 10)) {
    const past = (await loadIssue(db, pid, summary.number))!;
    for (const i of past.items) {
      const b = i.texts[lang]?.blurb;
      if (b && b.length > 40 && i !== item) examples.push(b);
      if (examples.length >= 3) break;
    }
    if (examples.length >= 3) break;
  }
  return { title, url: item?.url ?? c?.url ?? null, text, lang, examples };
}
