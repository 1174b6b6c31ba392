// Looking back: a season's (or the whole archive's) charts and word cloud, drawn by the server as
// SVG; the season's compilation, link digest and e-books made from here; the posts, drafts and
// published, each published or taken back with a click; the e-books to download.

import { useCallback, useEffect, useState } from 'react';
import type { LookBack as Report } from '../../src/app/stats.ts';
import type { FeaturedProject } from '../../src/app/featured-projects.ts';
import type { LinkReportIssue, SweepProgress } from '../../src/app/link-sweep.ts';
import type { IssueSummary } from '../../src/store/issues.ts';
import { seasonOf } from '../../src/core/model.ts';
import { api, ApiError } from './api.ts';
import { Head } from './Head.tsx';
import { locale, num, t, when } from './i18n.ts';

interface View extends Report {
  posts: { slug: string; lang: string; kind: string; date: string; title: string; status: string }[];
  ebooks: { season: number; lang: string; format: string; name: string; bytes: number }[];
}

type Make = 'compilation' | 'digest' | 'epub' | 'pdf';

export function LookBack() {
  const [seasons, setSeasons] = useState<number[]>([]);
  // null until the issues say which seasons there are: the newest is shown first.
  const [season, setSeason] = useState<number | 'all' | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<Make | ''>('');
  const [conflict, setConflict] = useState<Make | ''>('');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    api<IssueSummary[]>('GET', '/api/issues').then((list) => {
      const s = [...new Set(list.filter((i) => i.status === 'published').map((i) => seasonOf(i.number)))].sort((a, b) => b - a);
      setSeasons(s);
      setSeason(s[0] ?? 'all');
    }, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (season === null) return;
    // An answer for a season no longer chosen is dropped: a slow one must not replace a newer one.
    let current = true;
    api<View>('GET', `/api/lookback?ui=${locale()}${season === 'all' ? '' : `&season=${season}`}`).then((v) => current && setView(v), (e: Error) => current && setError(e.message));
    return () => void (current = false);
  }, [season, reloads]);
  const load = useCallback(() => setReloads((n) => n + 1), []);

  const make = async (what: Make, replace = false) => {
    if (season === 'all' || season === null) return;
    setBusy(what);
    setError('');
    setMessage('');
    setConflict('');
    try {
      const r = await api<{ kind: string; slug?: string; title?: string; name?: string; bytes?: number; issues: number; images?: { dropped: unknown[] }; replaced?: string | null }>('POST', `/api/seasons/${season}/make`, { what, ...(replace ? { replace } : {}) });
      setMessage(
        r.slug
          ? t('Made the draft “{title}” from {n} issues. Read it below; publish it when it is ready.', { title: r.title ?? r.slug, n: r.issues })
          : t('Made {name} ({size} KB) from {n} issues.', { name: r.name ?? '', size: Math.round((r.bytes ?? 0) / 1024), n: r.issues }) + (r.replaced ? ` ${t('It replaces the book made {time}.', { time: when(r.replaced) })}` : '') + (r.images?.dropped.length ? ` ${t('{n} pictures could not be fetched and were left out.', { n: r.images.dropped.length })}` : ''),
      );
      load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(what);
      setError((e as Error).message);
    } finally {
      setBusy('');
    }
  };
  const publish = async (slug: string, lang: string, published: boolean) => {
    try {
      await api('POST', `/api/posts/${encodeURIComponent(slug)}/${encodeURIComponent(lang)}/status`, { published });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const MAKES: [Make, string][] = [
    ['compilation', 'Make the compilation'],
    ['digest', 'Make the link digest'],
    ['epub', 'Make the EPUB'],
    ['pdf', 'Make the PDF'],
  ];
  return (
    <section className="wide lookback">
      <div className="page-head">
        <h1>{t('Look back')}</h1>
        <label className="inline">
          {t('Season')}
          <select value={String(season ?? '')} onChange={(e) => {
            setView(null);
            setSeason(e.target.value === 'all' ? 'all' : Number(e.target.value));
          }}>
            {seasons.map((s) => (
              <option key={s} value={s}>
                {t('Season {n}', { n: s })}
              </option>
            ))}
            <option value="all">{t('The whole archive')}</option>
          </select>
        </label>
      </div>
      {season !== 'all' && season !== null && (
        <div className="toolbar" role="group" aria-label={t('Made from this season')}>
          {MAKES.map(([what, label]) => (
            <button key={what} onClick={() => void make(what)} disabled={!!busy}>
              {busy === what ? t('Working…') : t(label)}
            </button>
          ))}
        </div>
      )}
      {message && <p className="ok" role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}{' '}
          {conflict && (
            <button className="small danger" onClick={() => void make(conflict, true)}>
              {t('Replace it')}
            </button>
          )}
        </p>
      )}
      {!view ? (
        <p className="center">{t('Loading…')}</p>
      ) : (
        <>
          <p className="muted">{t('{issues} issues, {items} items', { issues: num(view.issues), items: num(view.items) })}</p>
          {view.issues === 0 ? (
            <p className="empty">{t('Nothing to look back on yet: charts, the word cloud and the season’s posts and e-books come with the first published issue.')}</p>
          ) : (
            <>
              <div className="charts">
                {view.charts.map((c) => (
                  <figure key={c.id} className="chart" data-chart={c.id} dangerouslySetInnerHTML={{ __html: c.svg }} />
                ))}
              </div>
              <figure className="chart cloud" data-chart="cloud" dangerouslySetInnerHTML={{ __html: view.cloud.svg }} />
            </>
          )}
          <h2>{t('Posts')}</h2>
          {view.posts.length === 0 ? (
            <p className="empty">{t('No post yet. Make a season’s compilation or link digest above.')}</p>
          ) : (
            <table className="grid">
              <Head cols={['Title', 'Kind', 'Language', 'Date', 'Status', '']} />
              <tbody>
                {view.posts.map((p) => (
                  <tr key={`${p.slug}-${p.lang}`}>
                    <td>{p.status === 'published' ? <a href={`/${p.lang === view.lang ? '' : `${p.lang}/`}posts/${encodeURIComponent(p.slug)}/`} target="_blank" rel="noreferrer">{p.title}</a> : p.title}</td>
                    <td>{t(p.kind)}</td>
                    <td>{p.lang}</td>
                    <td>{p.date}</td>
                    <td>
                      <span className={`badge status-${p.status}`}>{t(p.status)}</span>
                    </td>
                    <td>
                      <button className="small" onClick={() => void publish(p.slug, p.lang, p.status !== 'published')}>
                        {p.status === 'published' ? t('Unpublish') : t('Publish')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Featured />
          <Readers />
          <h2>{t('E-books')}</h2>
          {view.ebooks.length === 0 ? (
            <p className="empty">{t('No e-book yet. Make a season’s EPUB or PDF above.')}</p>
          ) : (
            <ul className="ebook-list">
              {view.ebooks.map((b) => (
                <li key={b.name}>
                  <a href={`/api/ebooks/${encodeURIComponent(b.name)}`} download>
                    {t('Season {n}', { n: b.season })} · {b.lang} · {b.format.toUpperCase()}
                  </a>{' '}
                  <span className="muted small">{num(Math.round(b.bytes / 1024))} KB</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

interface FeaturedView {
  projects: FeaturedProject[];
  links: { checked: number; issues: LinkReportIssue[]; sweep?: { startedAt: string; finishedAt: string | null } };
  sweep: { running: boolean; progress: SweepProgress | null; error: string | null };
}

/** What became of what we featured: projects then and now, and the links a sweep found dead. */
function Featured() {
  const [view, setView] = useState<FeaturedView | null>(null);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const load = useCallback(() => api<FeaturedView>('GET', '/api/lookback/featured').then(setView, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);
  // While a sweep runs, its progress is read every second.
  useEffect(() => {
    if (!view?.sweep.running) return;
    const id = setInterval(() => void load(), 1000);
    return () => clearInterval(id);
  }, [view?.sweep.running, load]);
  const refresh = async () => {
    setError('');
    try {
      const r = await api<{ refreshed: number; stopped: string | null }>('POST', '/api/lookback/projects/refresh');
      setNote(r.stopped ? t('Refreshed {n}; stopped: {why}', { n: r.refreshed, why: r.stopped }) : t('Refreshed {n} projects from GitHub.', { n: r.refreshed }));
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const sweep = async () => {
    setError('');
    try {
      await api('POST', '/api/lookback/links/sweep');
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!view) return error ? <p className="error" role="alert">{error}</p> : null;
  const p = view.sweep.progress;
  return (
    <section aria-labelledby="featured-h">
      <h2 id="featured-h">{t('What became of what we featured')}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {note && <p className="muted" role="status">{note}</p>}
      <div className="toolbar">
        <button onClick={() => void refresh()}>{t('Refresh stars from GitHub')}</button>
        <button onClick={() => void sweep()} disabled={view.sweep.running}>
          {view.sweep.running ? t('Checking links…') : t('Check every link')}
        </button>
        {p && (
          <span className="muted" role="status" data-testid="sweep">
            {t('{done} of {total} links checked, {dead} dead', { done: num(p.done), total: num(p.total), dead: num(p.dead) })}
          </span>
        )}
        {view.sweep.error && <span className="error">{view.sweep.error}</span>}
      </div>
      {view.projects.length > 0 && (
        <table className="grid">
          <Head cols={['Project', 'Issue', 'Stars then', 'Stars now', 'Growth', 'State']} />
          <tbody>
            {view.projects.slice(0, 50).map((x) => (
              <tr key={x.repo}>
                <td>
                  <a href={`https://github.com/${x.repo}`} target="_blank" rel="noreferrer">
                    {x.repo}
                  </a>
                </td>
                <td>#{x.issue}</td>
                <td className="num">{x.starsThen === null ? '–' : num(x.starsThen)}</td>
                <td className="num">{x.starsNow === null ? '–' : num(x.starsNow)}</td>
                <td className="num">{x.growth === null ? '–' : `${x.growth >= 0 ? '+' : ''}${num(x.growth)}`}</td>
                <td>
                  <span className="badge">{t(x.state)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.links.issues.length > 0 && (
        <div className="dead-links">
          {view.links.issues.map((i) => (
            <details key={i.issue}>
              <summary>
                {t('Issue #{n}', { n: i.issue })} · {t('{n} links to look at', { n: i.links.length })}
              </summary>
              <ul>
                {i.links.map((l) => (
                  <li key={l.url}>
                    <span className="badge warn">{t(l.status)}</span> {l.title} <code>{l.url}</code>
                    {l.finalUrl ? <> → <code>{l.finalUrl}</code></> : null} {l.detail && <span className="muted">({l.detail})</span>}{' '}
                    {l.archive && (
                      <a href={l.archive} target="_blank" rel="noreferrer">
                        {t('archived copy')}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}

interface ReadersView {
  campaigns: { issue: number; delivered: number; failed: number; bounced: number; complaints: number; unsubscribed: number }[];
  clicks: { issue: number; url: string; clicks: number }[];
  feedReaders: { reader: string; feed: string; requests: number; subscribers: number | null; day: string }[];
}

/** Readers, counted with their privacy: campaigns' outcomes, feed readers, clicks when counted. */
function Readers() {
  const [view, setView] = useState<ReadersView | null>(null);
  useEffect(() => void api<ReadersView>('GET', '/api/lookback/readers').then(setView, () => {}), []);
  if (!view) return null;
  return (
    <section aria-labelledby="readers-h">
      <h2 id="readers-h">{t('Readers')}</h2>
      <p className="muted small">{t('Counted without following anyone: no open pixel, no address kept; clicks only when the publication counts them, per link.')}</p>
      {view.campaigns.length > 0 && (
        <table className="grid">
          <Head cols={['Issue', 'Delivered', 'Failed', 'Bounced', 'Complaints', 'Unsubscribed']} />
          <tbody>
            {view.campaigns.map((c) => (
              <tr key={c.issue}>
                <td>#{c.issue}</td>
                <td className="num">{num(c.delivered)}</td>
                <td className="num">{num(c.failed)}</td>
                <td className="num">{num(c.bounced)}</td>
                <td className="num">{num(c.complaints)}</td>
                <td className="num">{num(c.unsubscribed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.feedReaders.length > 0 && (
        <ul>
          {view.feedReaders.map((f) => (
            <li key={`${f.reader}-${f.feed}`}>
              {f.subscribers === null ? t('{reader} on {feed}: {n} requests on {day}', { reader: f.reader, feed: f.feed, n: f.requests, day: f.day }) : t('{reader} on {feed}: {n} subscribers', { reader: f.reader, feed: f.feed, n: num(f.subscribers) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
