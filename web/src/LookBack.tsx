// Looking back: a season's (or the whole archive's) charts and word cloud, drawn by the server as
// SVG; the season's compilation, link digest and e-books made from here; the posts, drafts and
// published, each published or taken back with a click; the e-books to download.

import { useCallback, useEffect, useState } from 'react';
import type { LookBack as Report } from '../../src/app/stats.ts';
import type { IssueSummary } from '../../src/store/issues.ts';
import { api, ApiError } from './api.ts';
import { Head } from './Head.tsx';
import { num, t } from './i18n.ts';

interface View extends Report {
  posts: { slug: string; lang: string; kind: string; date: string; title: string; status: string }[];
  ebooks: { season: number; lang: string; format: string; name: string; bytes: number }[];
}

type Make = 'compilation' | 'digest' | 'epub' | 'pdf';

export function LookBack() {
  const [seasons, setSeasons] = useState<number[]>([]);
  const [season, setSeason] = useState<number | 'all'>('all');
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<Make | ''>('');
  const [conflict, setConflict] = useState<Make | ''>('');

  useEffect(() => {
    api<IssueSummary[]>('GET', '/api/issues').then((list) => {
      const s = [...new Set(list.filter((i) => i.status === 'published').map((i) => Math.ceil(i.number / 30)))].sort((a, b) => b - a);
      setSeasons(s);
      if (s.length) setSeason(s[0]!);
    }, (e: Error) => setError(e.message));
  }, []);
  const load = useCallback(() => {
    setView(null);
    api<View>('GET', `/api/lookback${season === 'all' ? '' : `?season=${season}`}`).then(setView, (e: Error) => setError(e.message));
  }, [season]);
  useEffect(load, [load]);

  const make = async (what: Make, replace = false) => {
    if (season === 'all') return;
    setBusy(what);
    setError('');
    setMessage('');
    setConflict('');
    try {
      const r = await api<{ kind: string; slug?: string; title?: string; name?: string; bytes?: number; issues: number; images?: { dropped: unknown[] } }>('POST', `/api/seasons/${season}/make`, { what, ...(replace ? { replace } : {}) });
      setMessage(
        r.slug
          ? t('Made the draft “{title}” from {n} issues. Read it below; publish it when it is ready.', { title: r.title ?? r.slug, n: r.issues })
          : t('Made {name} ({size} KB) from {n} issues.', { name: r.name ?? '', size: Math.round((r.bytes ?? 0) / 1024), n: r.issues }),
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
          <select value={String(season)} onChange={(e) => setSeason(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
            {seasons.map((s) => (
              <option key={s} value={s}>
                {t('Season {n}', { n: s })}
              </option>
            ))}
            <option value="all">{t('The whole archive')}</option>
          </select>
        </label>
      </div>
      {season !== 'all' && (
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
          <div className="charts">
            {view.charts.map((c) => (
              <figure key={c.id} className="chart" data-chart={c.id} dangerouslySetInnerHTML={{ __html: c.svg }} />
            ))}
          </div>
          <figure className="chart cloud" data-chart="cloud" dangerouslySetInnerHTML={{ __html: view.cloud.svg }} />
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
