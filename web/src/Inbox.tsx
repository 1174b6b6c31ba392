// The inbox: ranked candidates, filtered and triaged from the keyboard.
// j/k move · a add (suggested section) · 1-4 add to a section · x skip · o open · u undo · space select

import { safeLink } from '../../src/core/links.ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { INBOX_PAGE, type InboxResponse, type InboxRow, type PickResponse, type SkipManyResponse } from '../../src/api/schemas.ts';
import { api } from './api.ts';
import { num, t, when } from './i18n.ts';
import { kindLabel } from './kind-label.ts';

type InboxData = InboxResponse;
type Filters = { q: string; source: string; section: string; lang: string; since: string };
const NO_FILTERS: Filters = { q: '', source: '', section: '', lang: '', since: '' };
type Undo = { row: InboxRow; index: number; action: 'pick' | 'skip' } | { rows: { row: InboxRow; index: number }[]; action: 'bulk' };

const ROW = 78;
const SINCE: Record<string, number> = { '1d': 1, '7d': 7, '30d': 30 };

function host(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Filters the loaded rows: all in memory, so a keystroke in the search box costs one pass. */
const UNDO_KEY = 'pressroom.inbox.undo';

function loadUndo(): Undo[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(UNDO_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Undo[]) : [];
  } catch {
    return [];
  }
}

export function filterRows(rows: InboxRow[], f: Filters, now = Date.now()): InboxRow[] {
  const q = f.q.trim().toLowerCase();
  const sourceId = f.source ? Number(f.source) : 0;
  const since = f.since ? now - (SINCE[f.since] ?? 0) * 86_400_000 : 0;
  return rows.filter(
    (r) =>
      (!q || r.title.toLowerCase().includes(q) || r.url.toLowerCase().includes(q) || r.tags.some((t) => t.toLowerCase() === q)) &&
      (!sourceId || r.sources.some((s) => s.id === sourceId)) &&
      (!f.section || r.section === f.section) &&
      (!f.lang || r.lang === f.lang) &&
      (!since || Date.parse(r.publishedAt ?? r.firstSeenAt) >= since),
  );
}

/** The inbox's query for filters the server applies: the same as filterRows', the time as a date. */
export function inboxQuery(view: string, limit: number, f: Filters, now = Date.now()): string {
  const p = new URLSearchParams({ status: view, limit: String(limit) });
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.source) p.set('source', f.source);
  if (f.section) p.set('section', f.section);
  if (f.lang) p.set('lang', f.lang);
  if (f.since) p.set('since', new Date(now - (SINCE[f.since] ?? 0) * 86_400_000).toISOString());
  return `/api/inbox?${p}`;
}

export function Inbox() {
  const [data, setData] = useState<InboxData | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The best-ranked INBOX_PAGE candidates come first, more as the editor asks. While the inbox
  // holds more than are loaded, the server filters (what the loaded rows lack may match); once
  // every candidate is loaded, filtering is a pass over them in memory, at each keystroke.
  const [limit, setLimit] = useState(INBOX_PAGE);
  const [asked, setAsked] = useState<Filters>(NO_FILTERS);
  const [everything, setEverything] = useState(false);
  const [loading, setLoading] = useState(false);
  // Collections go on while the inbox is open: what they stored since it was read, counted, to
  // be shown when the editor asks (the rows do not move under the cursor by themselves).
  const [fresh, setFresh] = useState(0);
  const [reloads, setReloads] = useState(0);
  // Shown on asking: the list starts again at its top, where the new ones rank.
  const toTop = useRef(false);
  const [cursor, setCursor] = useState(0);
  // The inbox, or the candidates already picked or skipped (to put one back).
  const [view, setView] = useState<'new' | 'picked' | 'skipped'>('new');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(600);
  // The undo stack outlives a reload of the page (not the browser tab): kept in sessionStorage.
  const undo = useRef<Undo[]>(loadUndo());
  const keepUndo = () => {
    try {
      sessionStorage.setItem(UNDO_KEY, JSON.stringify(undo.current.slice(-50)));
    } catch {
      /* storage full or off: undo lasts as long as the page */
    }
  };
  const list = useRef<HTMLDivElement>(null);

  // Another view starts again from its first page, unfiltered by the server.
  useEffect(() => {
    setEverything(false);
    setLimit(INBOX_PAGE);
    setAsked(NO_FILTERS);
  }, [view]);
  useEffect(() => {
    const t0 = performance.now();
    let stale = false;
    setLoading(true);
    api<InboxData>('GET', inboxQuery(view, limit, asked))
      .then((d) => {
        if (stale) return;
        setData(d);
        setFresh(0);
        setLoading(false);
        if (toTop.current) {
          toTop.current = false;
          setCursor(0);
          if (list.current) list.current.scrollTop = 0;
        }
        if (asked === NO_FILTERS && d.total <= d.candidates.length) setEverything(true);
        requestAnimationFrame(() => {
          (window as unknown as { __inboxReady?: number }).__inboxReady = performance.now() - t0;
        });
      })
      .catch((e: Error) => {
        if (stale) return;
        setLoading(false);
        setError(e.message);
      });
    return () => {
      stale = true;
    };
  }, [view, limit, asked, reloads]);
  const newest = data?.last;
  useEffect(() => {
    if (view !== 'new' || newest === undefined) return;
    const count = () => void api<{ count: number }>('GET', `/api/inbox/news?after=${newest}`).then((r) => setFresh(r.count), () => {});
    const timer = setInterval(count, 30_000);
    window.addEventListener('focus', count);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', count);
    };
  }, [view, newest]);
  // Filters go to the server while not every candidate is loaded; typing waits for a pause.
  useEffect(() => {
    if (everything) return;
    const same = JSON.stringify(filters) === JSON.stringify(asked);
    if (same) return;
    const timer = setTimeout(() => setAsked(JSON.stringify(filters) === JSON.stringify(NO_FILTERS) ? NO_FILTERS : filters), filters.q === asked.q ? 0 : 300);
    return () => clearTimeout(timer);
  }, [filters, everything, asked]);

  // Newsletters from senders not on the allow list wait on the Sources page; the inbox, where the
  // editor is every day, says how many.
  const [held, setHeld] = useState(0);
  useEffect(() => {
    const count = () => void api<unknown[]>('GET', '/api/inbound/held').then((l) => setHeld(l.length), () => {});
    count();
    // Mail comes in while the tab sits open: counted again when the editor comes back to it.
    window.addEventListener('focus', count);
    return () => window.removeEventListener('focus', count);
  }, []);

  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [data !== null]);

  useEffect(() => {
    if (data && document.activeElement === document.body) list.current?.focus();
  }, [data !== null]);

  const rows = useMemo(() => (data ? filterRows(data.candidates, filters) : []), [data, filters]);
  // A filter starts at its first row: the highlighted row is always the one the keys act on.
  useEffect(() => setCursor(0), [filters]);
  const at = Math.max(0, Math.min(cursor, rows.length - 1));
  const current = rows[at];
  const groups = useMemo(() => {
    const g = new Map<number, number>();
    for (const r of data?.candidates ?? []) if (r.duplicateOf) g.set(r.duplicateOf, (g.get(r.duplicateOf) ?? 1) + 1);
    return g;
  }, [data]);

  const scrollTo = useCallback((i: number) => {
    const el = list.current;
    if (!el) return;
    if (i * ROW < el.scrollTop) el.scrollTop = i * ROW;
    else if ((i + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (i + 1) * ROW - el.clientHeight;
  }, []);

  const removeRow = (id: number) => setData((d) => (d && d.candidates.some((c) => c.id === id) ? { ...d, candidates: d.candidates.filter((c) => c.id !== id), total: d.total - 1 } : d));
  const putBack = (row: InboxRow, index: number) =>
    setData((d) => {
      if (!d || d.candidates.some((c) => c.id === row.id)) return d;
      const candidates = [...d.candidates];
      candidates.splice(Math.min(index, candidates.length), 0, row);
      return { ...d, candidates, total: d.total + 1 };
    });

  // Triage calls go to the server one after another, in the order they were made: an undo
  // pressed before its skip has been answered still reaches the server after it.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(fn, fn);
    chain.current = next.catch(() => {});
    return next;
  };

  const act = async (action: 'pick' | 'skip', row: InboxRow, section?: string) => {
    if (!data) return;
    const index = data.candidates.indexOf(row);
    removeRow(row.id);
    setError('');
    const entry: Undo = { row, index, action };
    undo.current.push(entry);
    keepUndo();
    try {
      if (action === 'pick') {
        const r = await serial(() => api<PickResponse>('POST', `/api/candidates/${row.id}/pick`, section ? { section } : {}));
        const s = data.sections.find((x) => x.key === (section ?? row.section));
        setMessage(t('Added to #{n} {section}', { n: r.number, section: s ? s.emoji + s.title : '' }) + (r.warnings.length ? ` (${r.warnings.join('; ')})` : ''));
      } else {
        await serial(() => api('POST', `/api/candidates/${row.id}/skip`));
        setMessage(t('Skipped “{title}”', { title: row.title }));
      }
    } catch (e) {
      undo.current = undo.current.filter((u) => u !== entry);
      keepUndo();
      putBack(row, index);
      setError((e as Error).message);
    }
  };

  const undoLast = async () => {
    const last = undo.current.pop();
    keepUndo();
    if (!last) return setMessage(t('Nothing to undo'));
    const rows = last.action === 'bulk' ? last.rows : [{ row: last.row, index: last.index }];
    try {
      for (const { row, index } of rows) {
        putBack(row, index);
        await serial(() => api('POST', `/api/candidates/${row.id}/reset`));
      }
      setMessage(last.action === 'bulk' ? t('Back in the inbox: {n} candidates', { n: rows.length }) : t('Back in the inbox: “{title}”', { title: rows[0]!.row.title }));
      const at = rows[0] ? filterRows([rows[0].row], filters).length : 0;
      if (at && rows[0]) setCursor(Math.max(0, rows[0].index));
    } catch (e) {
      undo.current.push(last);
      keepUndo();
      for (const { row } of rows) removeRow(row.id);
      setError((e as Error).message);
    }
  };

  const bulkSkip = async () => {
    if (!data || selected.size === 0) return;
    const picked = data.candidates.flatMap((row, index) => (selected.has(row.id) ? [{ row, index }] : []));
    try {
      const r = await serial(() => api<SkipManyResponse>('POST', '/api/candidates/skip', { ids: picked.map((p) => p.row.id) }));
      setData((d) => (d ? { ...d, candidates: d.candidates.filter((c) => !selected.has(c.id)), total: d.total - picked.length } : d));
      undo.current.push({ rows: picked, action: 'bulk' });
      keepUndo();
      setSelected(new Set());
      setMessage(t('Skipped {n}', { n: r.skipped }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** A picked or skipped candidate back to the inbox (a pick also leaves the draft). */
  const backToInbox = async (row: InboxRow) => {
    try {
      await api('POST', `/api/candidates/${row.id}/reset`);
      removeRow(row.id);
      setMessage(t('Back in the inbox: “{title}”', { title: row.title }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  /** The next page of the inbox, past the rows loaded, if there is one. */
  const showMore = () => {
    if (data && data.total > data.candidates.length && !loading) setLimit(data.candidates.length + INBOX_PAGE);
  };

  const onKey = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.matches('input, select, textarea') || e.metaKey || e.ctrlKey || e.altKey) return;
    const move = (to: number) => {
      // Past the last row loaded: the next page, as the button at the end of the list would.
      if (to >= rows.length) showMore();
      const i = Math.max(0, Math.min(rows.length - 1, to));
      setCursor(i);
      scrollTo(i);
    };
    const key = e.key;
    if (key === 'j' || key === 'ArrowDown') move(at + 1);
    else if (key === 'k' || key === 'ArrowUp') move(at - 1);
    else if (key === 'u') void undoLast();
    else if (!current || view !== 'new') return;
    else if (key === 'a') void act('pick', current);
    else if (/^[1-9]$/.test(key) && data!.sections[Number(key) - 1]) void act('pick', current, data!.sections[Number(key) - 1]!.key);
    else if (key === 'x') void act('skip', current);
    else if (key === 'o') window.open(current.url, '_blank', 'noopener');
    else if (key === ' ') {
      const next = new Set(selected);
      if (next.has(current.id)) next.delete(current.id);
      else next.add(current.id);
      setSelected(next);
    } else return;
    e.preventDefault();
  };

  if (error && !data) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p className="center">{t('Loading the inbox…')}</p>;

  const first = Math.max(0, Math.floor(scroll / ROW) - 5);
  const last = Math.min(rows.length, Math.ceil((scroll + height) / ROW) + 5);
  const section = (key: string) => data.sections.find((s) => s.key === key);
  const langs = [...new Set([...data.candidates.map((c) => c.lang), filters.lang].filter((l): l is string => !!l))].sort();
  // Candidates the filters select that are not loaded: the rest of the inbox, past the best-ranked.
  const more = data.total - data.candidates.length;

  return (
    <div className="inbox" onKeyDown={onKey} tabIndex={-1}>
      <div className="filters" role="search">
        <select aria-label={t('Showing')} value={view} onChange={(e) => setView(e.target.value as typeof view)}>
          <option value="new">{t('Inbox')}</option>
          <option value="picked">{t('Picked')}</option>
          <option value="skipped">{t('Skipped')}</option>
        </select>
        <input aria-label={t('Search titles and links')} placeholder={t('Search…')} value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.target.value })} />
        <select aria-label={t('Source')} value={filters.source} onChange={(e) => setFilters({ ...filters, source: e.target.value })}>
          <option value="">{t('All sources')}</option>
          {data.sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        <select aria-label={t('Section')} value={filters.section} onChange={(e) => setFilters({ ...filters, section: e.target.value })}>
          <option value="">{t('All sections')}</option>
          {data.sections.map((s) => (
            <option key={s.key} value={s.key}>
              {s.emoji}
              {s.title}
            </option>
          ))}
        </select>
        <select aria-label={t('Language')} value={filters.lang} onChange={(e) => setFilters({ ...filters, lang: e.target.value })}>
          <option value="">{t('All languages')}</option>
          {langs.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <select aria-label={t('Since')} value={filters.since} onChange={(e) => setFilters({ ...filters, since: e.target.value })}>
          <option value="">{t('Any time')}</option>
          <option value="1d">{t('Last day')}</option>
          <option value="7d">{t('Last week')}</option>
          <option value="30d">{t('Last month')}</option>
        </select>
        <span className="count" aria-live="polite" aria-busy={loading}>
          {t('{shown} of {all}', { shown: num(rows.length), all: num(more > 0 ? data.total : data.candidates.length) })}
          {more > 0 && ` · ${t('the best-ranked first')}`}
        </span>
        {fresh > 0 && (
          <button
            className="news"
            onClick={() => {
              toTop.current = true;
              setReloads((n) => n + 1);
            }}
            disabled={loading}
          >
            {fresh === 1 ? t('1 new candidate since you opened the inbox: show it') : t('{n} new candidates since you opened the inbox: show them', { n: num(fresh) })}
          </button>
        )}
        {selected.size > 0 && <button onClick={bulkSkip}>{t('Skip selected ({n})', { n: selected.size })}</button>}
        {held > 0 && (
          <a className="held-note" href="#/sources">
            {held === 1 ? t('1 newsletter held from an unknown sender') : t('{n} newsletters held from unknown senders', { n: held })}
          </a>
        )}
      </div>
      <p className="status-line" role="status">
        {error ? <span className="error">{error}</span> : message || t('j/k move · a add · 1-4 add to section · x skip · o open · u undo · space select')}
      </p>
      <div className="inbox-body">
        <div className="list" ref={list} onScroll={(e) => setScroll(e.currentTarget.scrollTop)} role="listbox" aria-label={t('Candidates')} tabIndex={0} aria-activedescendant={current ? `cand-${current.id}` : undefined}>
          <div style={{ height: rows.length * ROW, position: 'relative' }}>
            {rows.slice(first, last).map((r, k) => {
              const i = first + k;
              const s = section(r.section);
              return (
                <div
                  key={r.id}
                  id={`cand-${r.id}`}
                  role="option"
                  aria-selected={i === at}
                  className={`cand${i === at ? ' current' : ''}${selected.has(r.id) ? ' chosen' : ''}`}
                  style={{ top: i * ROW, height: ROW }}
                  onClick={() => setCursor(i)}
                  data-id={r.id}
                >
                  <span className="score" title={r.explanation}>
                    {r.score.toFixed(1)}
                  </span>
                  <div className="cand-main">
                    <div className="cand-title">
                      {r.title}
                      {r.submitted && <span className="badge sub">{r.tags.includes('submitted') ? t('submitted') : t('saved')}</span>}
                      {r.featuredIn !== null && <span className="badge warn">{t('featured in #{n}', { n: r.featuredIn })}</span>}
                      {r.duplicateOf !== null && <span className="badge">{t('near-duplicate')}</span>}
                      {groups.get(r.id) && <span className="badge">{t('{n} similar', { n: groups.get(r.id)! })}</span>}
                    </div>
                    <div className="cand-meta">
                      <span>{host(r.url)}</span>
                      <span>{r.sources.map((x) => x.title).join(', ')}</span>
                      {s && (
                        <span>
                          → {s.emoji}
                          {s.title}
                        </span>
                      )}
                      {r.lang && <span>{r.lang}</span>}
                      {r.starGain !== null && r.starGain > 0 && <span>★ +{r.starGain}</span>}
                      {r.engagement > 0 && <span>▲ {r.engagement}</span>}
                      {r.tags.slice(0, 3).map((t) => (
                        <span key={t} className="tag">
                          #{t}
                        </span>
                      ))}
                    </div>
                  </div>
                </div>
              );
            })}
          </div>
          {more > 0 && (
            <p className="more">
              <button onClick={showMore} disabled={loading}>
                {loading ? t('Loading…') : t('Show the next {n}', { n: num(Math.min(more, INBOX_PAGE)) })}
              </button>{' '}
              <span className="muted small">{t('{n} more, ranked lower', { n: num(more) })}</span>
            </p>
          )}
          {rows.length === 0 &&
            more <= 0 &&
            (data.candidates.length === 0 && data.sources.length === 0 ? (
              <p className="center muted empty">
                {t('The inbox fills from your sources, and you have none yet. {add}, then collect it.', { add: <a href="#/sources">{t('Add a feed, a GitHub repository or a search')}</a> })}
              </p>
            ) : (
              <p className="center muted">{t('Nothing here. Sources are collected on a schedule; new links appear as they come.')}{' '}<a href="#/sources">{t('See how your sources are doing')}</a>.</p>
            ))}
        </div>
        <aside className="detail" aria-label={t('Candidate')}>
          {current ? (
            <>
              <h2>
                <a href={safeLink(current.url)} target="_blank" rel="noreferrer noopener">
                  {current.title}
                </a>
              </h2>
              {current.featuredIn !== null && (
                <p className="notice">
                  {current.featuredAs ? t('Already featured in issue #{n} as “{title}”.', { n: current.featuredIn, title: current.featuredAs }) : t('Already featured in issue #{n}.', { n: current.featuredIn })}
                </p>
              )}
              <p className="why">
                <strong>{t('Score {score}', { score: current.score.toFixed(2) })}</strong> — {current.explanation}
              </p>
              {current.note && (
                <blockquote className="cand-note">
                  {/* Readers' notes, the editor's own from saving the page, or both, one after another. */}
                  <strong>{!current.tags.includes('submitted') ? t('Note:') : current.tags.includes('saved') ? t('Notes:') : t('Reader’s note:')}</strong> {current.note}
                </blockquote>
              )}
              {safeLink(current.image, 'image') && <img className="cand-image" src={safeLink(current.image, 'image')} alt="" loading="lazy" />}
              {current.enclosure && (
                <p className="episode" data-testid="episode">
                  {current.enclosure.type?.startsWith('video') ? '🎬' : '🎧'}{' '}
                  <a href={safeLink(current.enclosure.url)} target="_blank" rel="noreferrer">
                    {fileName(current.enclosure.url) ?? t('the file')}
                  </a>
                  {current.enclosure.type && <span className="muted"> ({current.enclosure.type})</span>}
                  {current.enclosure.duration ? ` · ${t('{n} min', { n: Math.max(1, Math.round(current.enclosure.duration / 60)) })}` : ''}
                  {current.enclosure.length ? ` · ${(current.enclosure.length / 1048576).toFixed(1)} MB` : ''}
                </p>
              )}
              <p>{current.excerpt}</p>
              <p className="muted">
                {t('Seen by {sources}', { sources: current.sources.map((x) => `${x.title} (${kindLabel(x.kind)})`).join(', ') })}
                {current.publishedAt ? ` · ${t('published {date}', { date: current.publishedAt.slice(0, 10) })}` : ''}
                {current.stars !== null ? ` · ★ ${current.stars}` : ''}
              </p>
              {view !== 'new' ? (
                <div className="actions">
                  <button onClick={() => void backToInbox(current)}>{t('Put back in the inbox')}</button>
                </div>
              ) : (
              <div className="actions">
                {data.sections.map((s, i) => (
                  <button key={s.key} onClick={() => void act('pick', current, s.key)} title={t('Add to {section} ({key})', { section: s.title, key: i + 1 })}>
                    {s.emoji} {i + 1}
                  </button>
                ))}
                <button onClick={() => void act('pick', current)}>{t('Add (a)')}</button>
                <button onClick={() => void act('skip', current)}>{t('Skip (x)')}</button>
              </div>
              )}
            </>
          ) : (
            <p className="muted">{t('No candidate selected.')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

/** An episode's file as a person names it: the last part of its address ("ep-412.mp3"). */
function fileName(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}
