// The editor's API: the inbox and its triage, the issue builder's changes, undo and history,
// previews, the dead-link check and image uploads. Everything here needs a session (auth.ts).

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EditError, type EditOp } from '../core/edit.ts';
import { safeLink } from '../core/links.ts';
import type { Lang } from '../core/model.ts';
import { FetchError } from '../http/errors.ts';
import type { Fetcher } from '../http/client.ts';
import { renderEdition } from '../markdown/render.ts';
import { renderTelegram } from '../channels/telegram/format.ts';
import type { Platforms } from '../sources/types.ts';
import { candidateById, lastCandidateId, newSince } from '../app/candidates.ts';
import { addLink, pickCandidate, resetCandidate, skipCandidate, skipMany, type TriageDeps } from '../app/triage.ts';
import { rankedPage, type RankedCandidate } from '../app/candidates.ts';
import type { Store } from '../store/db.ts';
import type { Ranker } from '../jobs/ranker.ts';
import { applyEdits, ConflictError, currentDraft, issueRevision, revisions, undoLast, unpublishedChanges } from '../app/editing.ts';
import { listIssues, loadIssue } from '../app/archive.ts';
import type { StoredPublication } from '../store/publications.ts';
import { listSources } from '../app/sources.ts';
import { stripTags } from '../html/sanitize.ts';
import { cutAtWord } from '../text/summary.ts';
import { tokensFor } from '../app/assist.ts';
import { checkIssueLinks } from '../app/links.ts';
import { HttpError, sized } from './http.ts';
import { imageType } from '../core/image-type.ts';

export { imageType } from '../core/image-type.ts';
import { IdParams, INBOX_PAGE, IssueParams, ItemByLinkBody, OpsBody, PickBody, SkipManyBody, type InboxResponse, type InboxRow, type PickResponse, type SkipManyResponse } from '../api/schemas.ts';

export interface EditorDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  fetcher?: Fetcher | undefined;
  platforms?: Platforms | undefined;
  /** Where uploaded images are kept. */
  uploadsDir: string;
  now: () => Date;
  /** Ranks the inbox off the event loop (jobs/ranker.ts); without one, here. */
  ranker?: Ranker | undefined;
}

export function inboxRow(c: RankedCandidate): InboxRow {
  const text = c.excerpt ?? stripTags(c.summary);
  return {
    id: c.id,
    url: c.url,
    title: c.title,
    excerpt: cutAtWord(text, 280),
    section: c.section,
    kind: c.kind,
    lang: c.lang,
    tags: c.tags,
    score: Math.round(c.score * 100) / 100,
    explanation: c.explanation,
    sources: c.sources.map((s) => ({ id: s.id, kind: s.kind, title: s.title })),
    stars: c.stars,
    starGain: c.starGain,
    engagement: c.engagement,
    featuredIn: c.featuredIn,
    featuredAs: c.featuredAs,
    duplicateOf: c.duplicateOf,
    publishedAt: c.publishedAt,
    firstSeenAt: c.firstSeenAt,
    status: c.status,
    note: c.note,
    submitted: c.sources.some((s) => s.kind === 'submission'),
    image: safeLink(c.image, 'image') ?? null,
    enclosure: c.enclosure && safeLink(c.enclosure.url, 'link') ? c.enclosure : null,
  };
}

const id = IdParams;
const issueNumber = IssueParams;

export function registerEditor(app: FastifyInstance, deps: EditorDeps): void {
  const { store } = deps;
  const db = store.db;

  const edit = async (number: number, base: number, ops: EditOp[], userId: number) => {
    const pub = await deps.publication();
    try {
      return await applyEdits(db, pub, number, base, ops, userId);
    } catch (e) {
      throw toHttp(e);
    }
  };

  const triage = (userId: number): TriageDeps => ({
    db,
    fetcher: deps.fetcher,
    platforms: deps.platforms,
    now: deps.now,
    edit: (number, base, ops) => edit(number, base, ops, userId),
  });

  app.get<{ Querystring: { status?: string; section?: string; lang?: string; source?: string; since?: string; q?: string; limit?: string } }>('/api/inbox', async (req): Promise<InboxResponse> => {
    const { id: pid, pub } = await deps.publication();
    const q = req.query;
    const status = (['new', 'picked', 'skipped', 'all'] as const).find((s) => s === (q.status ?? 'new'));
    if (!status) throw new HttpError(400, 'status must be new, picked, skipped or all');
    const limit = q.limit === undefined ? INBOX_PAGE : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new HttpError(400, 'limit must be a whole number from 1 to 100000');
    if (q.since !== undefined && Number.isNaN(Date.parse(q.since))) throw new HttpError(400, 'since must be a date');
    // Read before ranking: a candidate stored meanwhile counts as news next time, not as seen.
    const last = await lastCandidateId(db, pid);
    const filter = {
      status,
      section: q.section || undefined,
      lang: q.lang || undefined,
      sourceId: q.source ? Number(q.source) : undefined,
      since: q.since ? new Date(q.since).toISOString() : undefined,
      text: q.q || undefined,
      limit,
    };
    const { candidates: ranked, total } = deps.ranker ? await deps.ranker.rankedPage(pid, filter, deps.now()) : await rankedPage(db, pid, filter, deps.now());
    const sources = (await listSources(db, pid)).map((s) => ({ id: s.id, kind: s.kind, title: s.title || s.url }));
    return { candidates: ranked.map(inboxRow), total, last, sources, sections: pub.sections.filter((s) => s.kind === 'items').map((s) => ({ key: s.key, emoji: s.emoji, title: s.titles[pub.primaryLang] ?? s.key })) };
  });

  // Candidates stored since the inbox was read (collections go on while it is open): how many.
  app.get<{ Querystring: { after?: string } }>('/api/inbox/news', async (req) => {
    const after = Number(req.query.after);
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after must be the inbox\'s "last"');
    return { count: await newSince(db, (await deps.publication()).id, after) };
  });

  app.get<{ Params: { id: number } }>('/api/candidates/:id', { schema: { params: id } }, async (req) => {
    const { id: pid } = await deps.publication();
    const row = await candidateById(db, pid, req.params.id);
    if (!row) throw new HttpError(404, `no candidate #${req.params.id}`);
    return { id: row.id, url: row.url, title: row.title, summary: row.summary, excerpt: row.excerpt, text: row.content_text, lang: row.lang, status: row.status, note: row.note };
  });

  // Picking puts the candidate at the end of a section of the draft, with its star count.
  app.post<{ Params: { id: number }; Body: { section?: string; issue?: number } }>(
    '/api/candidates/:id/pick',
    {
      schema: { params: id, body: PickBody },
    },
    async (req): Promise<PickResponse> => pickCandidate(triage(req.session!.user.id), await deps.publication(), req.params.id, { section: req.body?.section, issue: req.body?.issue }),
  );

  app.post<{ Params: { id: number } }>('/api/candidates/:id/skip', { schema: { params: id } }, async (req) => {
    await skipCandidate(triage(req.session!.user.id), await deps.publication(), req.params.id);
    return { ok: true };
  });

  app.post<{ Body: { ids: number[] } }>(
    '/api/candidates/skip',
    { schema: { body: SkipManyBody } },
    async (req): Promise<SkipManyResponse> => ({ skipped: await skipMany(triage(req.session!.user.id), await deps.publication(), req.body.ids) }),
  );

  // Back to the inbox: a pick also leaves the draft (when its item is still there).
  app.post<{ Params: { id: number } }>('/api/candidates/:id/reset', { schema: { params: id } }, async (req) => ({
    ok: true,
    ...(await resetCandidate(triage(req.session!.user.id), await deps.publication(), req.params.id)),
  }));

  app.get('/api/issues', async () => {
    const { id: pid } = await deps.publication();
    return listIssues(db, pid);
  });

  app.get('/api/issues/current', async () => ({ number: await currentDraft(db, await deps.publication(), deps.now()) }));

  app.get<{ Params: { number: number } }>('/api/issues/:number/edit', { schema: { params: issueNumber } }, async (req) => {
    const { id: pid, pub } = await deps.publication();
    const issue = await loadIssue(db, pid, req.params.number);
    if (!issue) throw new HttpError(404, `no issue #${req.params.number}`);
    return {
      issue,
      revision: (await issueRevision(db, pid, req.params.number)) ?? 0,
      publication: pub,
      tokens: await tokensFor(db, pid, req.params.number),
      // A published issue's changes that readers do not have until it is published again.
      unpublished: await unpublishedChanges(db, pid, issue, pub.primaryLang),
    };
  });

  app.get<{ Params: { number: number } }>('/api/issues/:number/unpublished', { schema: { params: issueNumber } }, async (req) => {
    const { id: pid, pub } = await deps.publication();
    const issue = await loadIssue(db, pid, req.params.number);
    if (!issue) throw new HttpError(404, `no issue #${req.params.number}`);
    return { changes: await unpublishedChanges(db, pid, issue, pub.primaryLang) };
  });

  app.post<{ Params: { number: number }; Body: { base: number; ops: EditOp[] } }>(
    '/api/issues/:number/ops',
    {
      schema: { params: issueNumber, body: OpsBody },
    },
    async (req) => {
      const r = await edit(req.params.number, req.body.base, req.body.ops, req.session!.user.id);
      return { issue: r.issue, revision: r.revision, added: r.added };
    },
  );

  // An item by its link, not from the inbox: its section suggested from the link, its stars fetched.
  app.post<{ Params: { number: number }; Body: { url: string; section?: string; title?: string; base: number } }>(
    '/api/issues/:number/items',
    {
      schema: { params: issueNumber, body: ItemByLinkBody },
    },
    async (req) => addLink(triage(req.session!.user.id), await deps.publication(), req.params.number, req.body.base, req.body),
  );

  app.post<{ Params: { number: number } }>('/api/issues/:number/undo', { schema: { params: issueNumber } }, async (req) => {
    const pub = await deps.publication();
    try {
      const r = await undoLast(db, pub, req.params.number, req.session!.user.id);
      return { issue: r.issue, revision: r.revision, undid: r.undid };
    } catch (e) {
      throw toHttp(e);
    }
  });

  app.get<{ Params: { number: number } }>('/api/issues/:number/revisions', { schema: { params: issueNumber } }, async (req) => {
    const { id: pid } = await deps.publication();
    return revisions(db, pid, req.params.number);
  });

  app.get<{ Params: { number: number }; Querystring: { lang?: string; edition?: string } }>('/api/issues/:number/preview', { schema: { params: issueNumber } }, async (req) => {
    const { id: pid, pub } = await deps.publication();
    const issue = await loadIssue(db, pid, req.params.number);
    if (!issue) throw new HttpError(404, `no issue #${req.params.number}`);
    const lang: Lang = req.query.lang ?? pub.primaryLang;
    if (!pub.languages.includes(lang)) throw new HttpError(400, `${pub.slug} is not written in "${lang}"`);
    const edition = req.query.edition ?? 'full';
    if (edition === 'telegram') return { markdown: renderTelegram(issue, pub, lang).text };
    if (edition !== 'full' && edition !== 'teaser') throw new HttpError(400, 'edition must be full, teaser or telegram');
    return { markdown: renderEdition(issue, pub, lang, edition) };
  });

  // Every item's link and image, fetched; what fails is listed. Not stored: it is a check.
  app.post<{ Params: { number: number } }>('/api/issues/:number/check-links', { schema: { params: issueNumber } }, async (req) => {
    const { id: pid } = await deps.publication();
    const issue = await loadIssue(db, pid, req.params.number);
    if (!issue) throw new HttpError(404, `no issue #${req.params.number}`);
    if (!deps.fetcher) throw new HttpError(503, 'the link check needs a fetcher; this server has none');
    return checkIssueLinks(issue, deps.fetcher);
  });

  // Images: PNG, JPEG, GIF or WebP (by their bytes, not their name), up to 5 MB, named by content.
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }
  app.post('/api/uploads', sized(5 * 1024 * 1024), async (req) => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'send the image as the request body (image/png, image/jpeg, image/gif or image/webp)');
    const ext = imageType(body);
    if (!ext) throw new HttpError(415, 'not a PNG, JPEG, GIF or WebP image');
    const name = `${createHash('sha256').update(body).digest('hex').slice(0, 32)}.${ext}`;
    mkdirSync(deps.uploadsDir, { recursive: true });
    writeFileSync(join(deps.uploadsDir, name), body);
    return { url: `/uploads/${name}` };
  });
}

function toHttp(e: unknown): unknown {
  if (e instanceof ConflictError) return Object.assign(new HttpError(409, e.message, 'conflict'), { revision: e.revision });
  if (e instanceof EditError) return new HttpError(422, e.message, 'invalid-edit');
  return e;
}
