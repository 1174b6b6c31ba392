// The sources: add one (a feed URL, a GitHub repository, an HN query, a subreddit, a V2EX node, a
// Lobsters tag), see each one's health (last fetch, what failed, in words, when it is due, how
// many candidates it brought), collect one now, switch one off, OPML out.

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { MailOutcome } from '../../src/app/newsletters.ts';
import type { OpmlImport, SourceHealth } from '../../src/app/sources.ts';
import { api, sendFile } from './api.ts';
import { FileButton } from './FileButton.tsx';
import { kindLabel } from './kind-label.ts';
import { Head } from './Head.tsx';
import { t, when as dateTime } from './i18n.ts';
import { ADDABLE_KINDS, SOURCE_KIND_INFO } from '../../src/sources/kinds.ts';

// The kinds an editor adds, from the one list (src/sources/kinds.ts): a new kind appears here by itself.
const KINDS = ADDABLE_KINDS.map((kind) => ({ kind, hint: SOURCE_KIND_INFO[kind].example }));

// In the app's language, as every other date in it: not the browser's locale, and without seconds.
const when = (iso: string | null) => (iso ? dateTime(iso, { dateStyle: 'short', timeStyle: 'short' }) : '—');

export function Sources() {
  const [sources, setSources] = useState<SourceHealth[] | null>(null);
  const [kind, setKind] = useState('feed');
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [collecting, setCollecting] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [sections, setSections] = useState<{ key: string; title: string }[]>([]);
  useEffect(() => {
    api<{ key: string; title: string }[]>('GET', '/api/sources/sections').then(setSections, () => {});
  }, []);
  const saveEdit = async (s: SourceHealth, f: FormData) => {
    setError('');
    try {
      await api('POST', `/api/sources/${s.id}`, {
        weight: Number(f.get('weight')),
        title: String(f.get('title') ?? ''),
        lang: String(f.get('lang') ?? '').trim() || null,
        section: String(f.get('section') ?? '') || null,
        tags: String(f.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean),
      });
      setEditing(null);
      setMessage(t('Saved {source}', { source: s.title || s.url }));
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const load = useCallback(() => api<SourceHealth[]>('GET', '/api/sources').then(setSources, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);

  // A collection under way (started here, by the schedule, a worker or the CLI): the sources it
  // holds say so, and the page looks again every two seconds until none is held.
  const held = sources?.filter((s) => s.collecting).length ?? 0;
  const [all, setAll] = useState<{ sources: number } | null>(null);
  useEffect(() => {
    if (!held && !all) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [held > 0, all, load]);
  useEffect(() => {
    // The collection started here is over once its first look shows nothing held any more.
    if (!all || held || !sources) return;
    setAll(null);
    const failing = sources.filter((s) => s.state === 'failing').length;
    setMessage(failing ? t('Collected {n} sources; {failing} failing (first in the list).', { n: all.sources, failing }) : t('Collected {n} sources.', { n: all.sources }));
  }, [held, sources]);
  const collectAll = async () => {
    setMessage('');
    setError('');
    try {
      setAll(await api<{ sources: number }>('POST', '/api/sources/collect'));
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const collectNow = async (s: SourceHealth) => {
    setCollecting(s.id);
    setMessage('');
    setError('');
    try {
      const r = await api<{ status: string; created: number; seen: number; problems: string[]; error: string | null }>('POST', `/api/sources/${s.id}/collect`);
      const name = s.title || s.url;
      setMessage(
        r.error
          ? t('{source}: failed: {error}', { source: name, error: r.error })
          : (r.status === 'not-modified' ? t('{source}: unchanged since the last fetch', { source: name }) : t('{source}: {seen} entries, {created} new candidates', { source: name, seen: r.seen, created: r.created })) +
              (r.problems.length ? ` (${r.problems.join('; ')})` : ''),
      );
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setCollecting(null);
    }
  };

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setError('');
    setMessage('');
    try {
      const r = await api<{ id: number; created: boolean; url: string; discoveredFrom?: string; title?: string }>('POST', '/api/sources', { kind, address: String(f.get('address') ?? '').trim(), ...(f.get('title') ? { title: String(f.get('title')) } : {}) });
      form.reset();
      const found = r.discoveredFrom ? t('Found the feed {url} on {page}.', { url: r.url, page: r.discoveredFrom }) + ' ' : '';
      setMessage(
        found +
          (r.created
            ? t('Added {url}. Collect it now to see what it brings.', { url: r.url })
            : r.title
              ? t('{url} was there already, as “{title}”; Edit in its row changes it.', { url: r.url, title: r.title })
              : t('{url} was there already; Edit in its row changes it.', { url: r.url })),
      );
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  // An OPML file's sources that are here with other settings: kept as they are, listed with both
  // sides, until the editor takes the file's.
  const [differing, setDiffering] = useState<{ file: File; list: OpmlImport['differing'] } | null>(null);
  const importOpml = async (file: File, replace = false) => {
    setError('');
    setMessage('');
    setDiffering(null);
    try {
      const body = await sendFile<OpmlImport>(`/api/sources/opml${replace ? '?replace=1' : ''}`, 'text/x-opml', file);
      setMessage(
        t('{file}: {n} sources, {created} new, {existing} there already', { file: file.name, n: body.feeds, created: body.created, existing: body.feeds - body.created }) +
          (body.replaced ? ` ${t('({n} given the file’s settings)', { n: body.replaced })}` : ''),
      );
      if (body.differing.length) setDiffering({ file, list: body.differing });
    } catch (err) {
      return setError(`${file.name}: ${(err as Error).message}`);
    }
    await load();
  };

  const toggle = async (s: SourceHealth) => {
    await api('POST', `/api/sources/${s.id}`, { enabled: !s.enabled }).catch((e: Error) => setError(e.message));
    await load();
  };

  return (
    <section className="wide">
      <div className="page-head">
        <h1>{t('Sources')}</h1>
        <span className="row-actions">
          <button onClick={() => void collectAll()} disabled={held > 0 || all !== null}>
            {t('Collect all now')}
          </button>
          <FileButton label={t('Import OPML')} accept=".opml,.xml,text/x-opml" onFile={(f) => void importOpml(f)} />
          <a className="button" href="/api/sources.opml" download>
            {t('Export OPML')}
          </a>
        </span>
      </div>
      <form className="add-source" onSubmit={add} aria-label={t('Add a source')}>
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('Kind')}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {kindLabel(k.kind)}
            </option>
          ))}
        </select>
        <input name="address" required placeholder={KINDS.find((k) => k.kind === kind)?.hint} aria-label={t('Address')} />
        <input name="title" placeholder={t('Name (optional)')} aria-label={t('Name')} />
        <button type="submit" className="primary">
          {t('Add source')}
        </button>
      </form>
      {held > 0 && (
        <p className="collecting-now" aria-live="polite">
          {all && <progress value={Math.max(0, all.sources - held)} max={all.sources} />}{' '}
          {all ? t('Collecting: {done} of {n} sources done.', { done: Math.max(0, all.sources - held), n: all.sources }) : t('Collecting now: {n} sources to go.', { n: held })}
        </p>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      {differing && (
        <div className="findings warn" role="region" aria-label={t('Sources the file names otherwise')}>
          <p>{t('{n} of them are here with other settings, kept as they are:', { n: differing.list.length })}</p>
          <ul className="small">
            {differing.list.slice(0, 8).map((d) => (
              <li key={d.id}>
                <code>{d.url}</code>: {d.diffs.map((x) => t('{field} “{here}” here, “{file}” in the file', { field: t(x.field), here: x.here, file: x.file })).join('; ')}
              </li>
            ))}
            {differing.list.length > 8 && <li>{t('and {n} more', { n: differing.list.length - 8 })}</li>}
          </ul>
          <button onClick={() => void importOpml(differing.file, true)}>{t('Take the file’s settings for these')}</button>{' '}
          <button className="link" onClick={() => setDiffering(null)}>
            {t('Keep mine')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sources && sources.length === 0 && <p className="empty">{t('No sources yet. Add a feed above; the server collects due sources every minute, or press Collect now.')}</p>}
      {sources && sources.length > 0 && (
        <table className="grid sources">
          <Head cols={['Source', 'Health', 'Last fetch', 'Next', 'Candidates', <span className="sr-only">{t('Actions')}</span>]} />
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className={`health-${s.state}`}>
                <td>
                  <span className="badge">{kindLabel(s.kind)}</span> {s.title || s.url}
                  {s.title && <div className="muted small">{s.url}</div>}
                </td>
                <td>
                  <span className={`health ${s.collecting ? 'collecting' : s.state}`}>
                    {s.collecting
                      ? `◌ ${t('collecting…')}`
                      : s.pushed
                      ? { ok: `● ${t('mail received')}`, failing: `● ${t('failing')}`, new: `○ ${t('no mail yet')}`, off: `○ ${t('off')}` }[s.state]
                      : { ok: `● ${t('healthy')}`, failing: `● ${t('failing')}`, new: `○ ${t('not fetched yet')}`, off: `○ ${t('off')}` }[s.state]}
                  </span>
                  {s.lastError && (
                    <div className="error small">
                      {s.errorCount === 1 ? t('1 failure') : t('{n} failures', { n: s.errorCount })}: {s.lastError}
                    </div>
                  )}
                </td>
                <td className="when">{when(s.lastFetchedAt)}</td>
                <td className="when">{s.enabled && !s.pushed ? when(s.nextFetchAt) : '—'}</td>
                <td className="num" data-label={t('Candidates')}>{s.candidates}</td>
                <td className="row-actions">
                  <button className="small" onClick={() => setEditing(editing === s.id ? null : s.id)} aria-expanded={editing === s.id}>
                    {t('Edit')}
                  </button>
                  {!s.pushed && (
                    <button className="small" onClick={() => void collectNow(s)} disabled={collecting !== null}>
                      {collecting === s.id ? t('Collecting…') : t('Collect now')}
                    </button>
                  )}
                  <button className="small" onClick={() => void toggle(s)}>
                    {s.enabled ? t('Switch off') : t('Switch on')}
                  </button>
                </td>
              </tr>
            )).flatMap((row, i) => {
              const s = sources[i]!;
              if (editing !== s.id) return [row];
              return [
                row,
                <tr key={`${s.id}-edit`} className="source-edit">
                  <td colSpan={6}>
                    <form
                      aria-label={t('Edit {source}', { source: s.title || s.url })}
                      onSubmit={(e) => {
                        e.preventDefault();
                        void saveEdit(s, new FormData(e.currentTarget));
                      }}
                    >
                      <label className="field">
                        {t('Name')}{' '}<input name="title" defaultValue={s.title} />
                      </label>
                      <label className="field">
                        {t('Weight')}{' '}<input name="weight" type="number" min="0.1" step="0.1" defaultValue={s.weight} />
                      </label>
                      <label className="field">
                        {t('Language')}{' '}<input name="lang" defaultValue={s.lang ?? ''} placeholder={t('each entry\'s')} size={6} />
                      </label>
                      <label className="field">
                        {t('Section')}
                        <select name="section" defaultValue={s.section ?? ''}>
                          <option value="">{t('suggested from each link')}</option>
                          {sections.map((x) => (
                            <option key={x.key} value={x.key}>
                              {x.title}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="field">
                        {t('Tags')}{' '}<input name="tags" defaultValue={s.tags.join(', ')} placeholder={t('python, web')} />
                      </label>
                      <button type="submit" className="primary small">
                        {t('Save')}
                      </button>
                    </form>
                  </td>
                </tr>,
              ];
            })}
          </tbody>
        </table>
      )}
      <SaveWhileReading />
      <HeldMail onChanged={() => void load()} />
    </section>
  );
}

/** Newsletters from senders not on the allow list: held until the editor allows the sender or drops the mail. */
function HeldMail({ onChanged }: { onChanged: () => void }) {
  const [held, setHeld] = useState<{ id: number; sender: string; subject: string; receivedAt: string }[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  // What came of each mail file the editor added, in the order they were answered.
  const [files, setFiles] = useState<{ text: string; failed: boolean }[]>([]);
  // The links of the mails the editor opened: what allowing the sender would bring in.
  const [links, setLinks] = useState<Record<number, { url: string; title: string }[] | 'loading'>>({});
  const load = useCallback(() => api<typeof held>('GET', '/api/inbound/held').then(setHeld, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);
  const act = async (id: number, what: 'allow' | 'drop') => {
    setError('');
    try {
      const r = await api<{ sender?: string; taken?: { status: string; created?: number }[] }>('POST', `/api/inbound/held/${id}/${what}`);
      if (what === 'allow') {
        const created = (r.taken ?? []).reduce((n, m) => n + (m.created ?? 0), 0);
        setNote(t('{sender} is allowed: {n} held mails taken in, {c} new candidates.', { sender: r.sender ?? '', n: r.taken?.length ?? 0, c: created }));
      } else setNote(t('Dropped.'));
    } catch (e) {
      setError((e as Error).message);
    }
    await load();
    onChanged();
  };
  // A newsletter that reached the editor's own mailbox, saved from the mail program as a file: taken
  // in as the inbound address takes mail (a stranger's is held here).
  const takeFile = async (file: File) => {
    let line;
    try {
      const r = await sendFile<MailOutcome>('/api/inbound/mail', 'message/rfc822', file);
      line = {
        failed: false,
        text:
          r.status === 'collected'
            ? t('{file}: from {sender}; links: {links}, new candidates: {created}', { file: file.name, sender: r.sender, links: r.links, created: r.created }) + (r.beyond ? ` ${t('({n} more links left out)', { n: r.beyond })}` : '')
            : t('{file}: from {sender}, held below (the sender is not a newsletter source)', { file: file.name, sender: r.sender }),
      };
    } catch (e) {
      line = { failed: true, text: `${file.name}: ${(e as Error).message}` };
    }
    setFiles((l) => [...l, line]);
    await load();
    onChanged();
  };
  const toggleLinks = async (id: number) => {
    if (links[id]) return setLinks(({ [id]: _, ...rest }) => rest);
    setLinks((l) => ({ ...l, [id]: 'loading' }));
    try {
      const got = await api<{ url: string; title: string }[]>('GET', `/api/inbound/held/${id}/links`);
      setLinks((l) => ({ ...l, [id]: got }));
    } catch (e) {
      setError((e as Error).message);
      setLinks(({ [id]: _, ...rest }) => rest);
    }
  };
  return (
    <section aria-labelledby="held-h" className="held">
      <h2 id="held-h">{t('Newsletters held')}</h2>
      <p className="muted small">{t('Mail from a sender that is not a newsletter source waits here. Add a newsletter source (its address, or @ and its domain) to take its mail in directly.')}</p>
      <p className="muted small">
        {t('A newsletter that came to your own mailbox: save it from your mail program as a file and add it here.')}{' '}
        <FileButton label={t('Add mail files (.eml)')} accept=".eml,message/rfc822" multiple onFile={(f) => void takeFile(f)} />
      </p>
      {files.length > 0 && (
        <ul className="small" aria-label={t('Mail files added')}>
          {files.map((f, i) => (
            <li key={i} className={f.failed ? 'error' : 'ok'} role={f.failed ? 'alert' : undefined}>
              {f.text}
            </li>
          ))}
        </ul>
      )}
      {note && <p className="ok" role="status">{note}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {held.length === 0 ? (
        <p className="muted">{t('Nothing held.')}</p>
      ) : (
        <ul>
          {held.map((m) => {
            const shown = links[m.id];
            return (
              <li key={m.id} aria-label={`${m.sender} · ${m.subject}`}>
                <strong>{m.sender}</strong> · {m.subject} <span className="muted small">{when(m.receivedAt)}</span>{' '}
                <button className="small" onClick={() => void toggleLinks(m.id)} aria-expanded={Boolean(shown)}>
                  {shown ? t('Hide its links') : t('Show its links')}
                </button>{' '}
                <button className="small" onClick={() => void act(m.id, 'allow')}>
                  {t('Allow the sender')}
                </button>{' '}
                <button className="small danger" onClick={() => window.confirm(t('Drop this mail from {sender}? It cannot be brought back.', { sender: m.sender })) && void act(m.id, 'drop')}>
                  {t('Drop')}
                </button>
                {shown === 'loading' && <p className="muted small">{t('Loading…')}</p>}
                {Array.isArray(shown) &&
                  (shown.length === 0 ? (
                    <p className="muted small">{t('No links that would become candidates.')}</p>
                  ) : (
                    <ol className="held-links small">
                      {shown.map((l) => (
                        <li key={l.url}>
                          {l.title} <span className="muted">{l.url}</span>
                        </li>
                      ))}
                    </ol>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The bookmarklet, and the app's share target: a page's address, title and selection into the inbox. */
function SaveWhileReading() {
  const link = useRef<HTMLAnchorElement>(null);
  // The page's own title where it states one (og:title has no " | Site" suffix), else the tab's.
  const code = `javascript:(()=>{const m=document.querySelector('meta[property="og:title"]');window.open('${location.origin}/save?'+new URLSearchParams({url:location.href,title:(m&&m.content.trim())||document.title,text:String(getSelection())}),'pressroom','width=560,height=640')})()`;
  // React will not write a javascript: address itself; this one is ours, for the bookmarks bar.
  useEffect(() => link.current?.setAttribute('href', code), [code]);
  return (
    <section aria-labelledby="save-h" className="save-while-reading">
      <h2 id="save-h">{t('Save while reading')}</h2>
      <p className="muted small">{t('Drag this link to the bookmarks bar. On any page, click it to send the page, its title and what you selected to the inbox, with a note. On a phone, install Pressroom (the browser’s “Install app” or “Add to Home screen”) and share pages to it.')}</p>
      <a ref={link} className="button bookmarklet" onClick={(e) => e.preventDefault()} data-testid="bookmarklet">
        {t('Save to Pressroom')}
      </a>
    </section>
  );
}
