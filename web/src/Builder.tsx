// The issue builder: sections and their items, edited in place and saved as each change is made.
// Changes apply here at once (the same operations the server runs), then go to the server in
// order; its answer is the truth. Drag and drop or Alt+arrows reorder; Ctrl+Z undoes.

import { safeLink, unescapeMarkdownText } from '../../src/core/links.ts';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { countItems, countsLine } from '../../src/core/counts.ts';
import { applyOps, type EditOp, type TextField } from '../../src/core/edit.ts';
import type { Issue, Item, Lang, Publication } from '../../src/core/model.ts';
import { editionWords } from '../../src/markdown/render.ts';
import { roundedWords } from '../../src/text/word-count.ts';
import type { Revision, Tokens } from '../../src/api/schemas.ts';
import { api, ApiError, stream, upload } from './api.ts';
import { Previews } from './Previews.tsx';
import { Translate } from './Translate.tsx';
import { PublishDialog } from './Publish.tsx';
import { num, t, when } from './i18n.ts';

interface Loaded {
  issue: Issue;
  revision: number;
  publication: Publication;
  tokens: Tokens;
  /** A published issue's changes that readers do not have yet. */
  unpublished: string[];
}

export function Builder({ number: wanted }: { number?: number | undefined } = {}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [issue, setIssue] = useState<Issue | null>(null);
  const [saving, setSaving] = useState(0);
  const [error, setError] = useState('');
  const [conflict, setConflict] = useState('');
  const [message, setMessage] = useState('');
  const [history, setHistory] = useState<Revision[] | null>(null);
  const [links, setLinks] = useState<{ checked: number; failed: { itemId: number; url: string; what: string; error: string }[] } | 'running' | null>(null);
  const [translating, setTranslating] = useState<Lang | null>(null);
  const [provider, setProvider] = useState<{ model: string } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [pane, setPane] = useState<'edit' | 'preview'>('edit');
  const [unpublished, setUnpublished] = useState<string[]>([]);
  const revision = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const load = useCallback(async () => {
    const number = wanted ?? (await api<{ number: number }>('GET', '/api/issues/current')).number;
    const l = await api<Loaded>('GET', `/api/issues/${number}/edit`);
    revision.current = l.revision;
    setLoaded(l);
    setIssue(l.issue);
    setUnpublished(l.unpublished ?? []);
  }, [wanted]);

  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
    api<{ provider: { model: string } | null }>('GET', '/api/assist').then((r) => setProvider(r.provider), () => {});
  }, [load]);

  const pub = loaded?.publication;

  /** Applies ops here at once, then saves them; a refusal reloads the server's version. */
  const commit = useCallback(
    (ops: EditOp[]) => {
      if (!pub || !loaded) return;
      setIssue((prev) => {
        if (!prev) return prev;
        const next = structuredClone(prev);
        try {
          applyOps(next, pub, ops);
          return next;
        } catch {
          return prev;
        }
      });
      setSaving((n) => n + 1);
      queue.current = queue.current.then(async () => {
        try {
          const r = await api<{ issue: Issue; revision: number }>('POST', `/api/issues/${loaded.issue.number}/ops`, { base: revision.current, ops });
          revision.current = r.revision;
          setIssue(r.issue);
          setError('');
          if (r.issue.status === 'published') setUnpublished((await api<{ changes: string[] }>('GET', `/api/issues/${r.issue.number}/unpublished`)).changes);
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) setConflict(e.message);
          else setError(t('Not saved: {error}', { error: (e as Error).message }));
          await load().catch(() => {});
        } finally {
          setSaving((n) => n - 1);
        }
      });
    },
    [pub, loaded, load],
  );

  const undo = useCallback(async () => {
    if (!loaded) return;
    await queue.current;
    try {
      const r = await api<{ issue: Issue; revision: number; undid: string }>('POST', `/api/issues/${loaded.issue.number}/undo`);
      revision.current = r.revision;
      setIssue(r.issue);
      setMessage(t('Undid: {what}', { what: r.undid }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [loaded]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !(e.target as HTMLElement).matches('input, textarea')) {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  if (error && !issue) return <p className="error" role="alert">{error}</p>;
  if (!issue || !pub || !loaded) return <p className="center">{t('Loading the issue…')}</p>;

  const number = issue.number;
  const itemSections = pub.sections.filter((s) => s.kind === 'items');

  const addByUrl = async (url: string, section: string, title?: string): Promise<'added' | 'title-needed' | 'failed'> => {
    await queue.current;
    try {
      const r = await api<{ issue: Issue; revision: number; warnings: string[] }>('POST', `/api/issues/${number}/items`, { url, section, base: revision.current, ...(title ? { title } : {}) });
      revision.current = r.revision;
      setIssue(r.issue);
      setError('');
      setMessage(r.warnings.length ? r.warnings.join('; ') : t('Added {url}', { url }));
      return 'added';
    } catch (e) {
      // A link whose title cannot be found is not added as a bare number: the editor is asked for one.
      if (e instanceof ApiError && e.code === 'title-needed') {
        setMessage((e as Error).message);
        return 'title-needed';
      }
      setError((e as Error).message);
      return 'failed';
    }
  };

  const checkLinks = async () => {
    setLinks('running');
    try {
      setLinks(await api('POST', `/api/issues/${number}/check-links`));
    } catch (e) {
      setLinks(null);
      setError((e as Error).message);
    }
  };

  const showHistory = async () => {
    if (history) return setHistory(null);
    setHistory(await api<Revision[]>('GET', `/api/issues/${number}/revisions`));
  };

  const move = (item: Item, section: string, position: number) => {
    if (item.section === section && item.position === position) return;
    commit([{ op: 'move', id: item.id!, section, position }]);
  };

  return (
    <div className={`builder show-${pane}`}>
      {/* On a phone the editing column and the previews are tabs, each the whole width. */}
      <div className="pane-tabs" role="tablist" aria-label={t('Builder')}>
        <button role="tab" aria-selected={pane === 'edit'} onClick={() => setPane('edit')}>
          {t('Edit')}
        </button>
        <button role="tab" aria-selected={pane === 'preview'} onClick={() => setPane('preview')}>
          {t('Preview')}
        </button>
      </div>
      {publishing && <PublishDialog number={number} status={issue.status} changes={unpublished} onClose={() => setPublishing(false)} onChanged={() => void load()} />}
      <div className="builder-edit">
        <div className="issue-head">
          <h1>
            {t('Issue #{n}', { n: number })} <span className="badge">{t(issue.status)}</span>
          </h1>
          <label className="inline">
            {t('Date')}{' '}<input type="date" value={issue.date} onChange={(e) => e.target.value && commit([{ op: 'date', value: e.target.value }])} />
          </label>
          <div className="toolbar">
            <span className="save-state" role="status" aria-live="polite">
              {saving > 0 ? t('Saving…') : t('All changes saved')}
            </span>
            <button onClick={() => void undo()} title={t('Undo your last change (Ctrl+Z)')}>
              {t('Undo')}
            </button>
            <button onClick={() => void showHistory()} aria-expanded={history !== null}>
              {t('History')}
            </button>
            <button onClick={() => void checkLinks()} disabled={links === 'running'}>
              {links === 'running' ? t('Checking links…') : t('Check links')}
            </button>
            <button className="primary" onClick={() => setPublishing(true)}>
              {issue.status === 'published' ? t('Re-publish…') : t('Publish…')}
            </button>
            {pub.languages
              .filter((l) => l !== pub.primaryLang)
              .map((l) => (
                <button key={l} onClick={() => setTranslating(l)}>
                  {t('Translate issue → {lang}', { lang: l })}
                </button>
              ))}
          </div>
          {unpublished.length > 0 && (
            <div className="notice" role="status" data-testid="unpublished">
              <strong>{t('Readers have the published version.')}</strong>{' '}{t('These changes go live when you re-publish:')}
              <ul>
                {unpublished.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
              <button className="primary small" onClick={() => setPublishing(true)}>
                {t('Re-publish…')}
              </button>
            </div>
          )}
          {conflict && (
            <p className="notice" role="alert">
              {t('{conflict}. The issue was reloaded with their change; yours was not applied.', { conflict })}{' '}
              <button className="link" onClick={() => setConflict('')}>
                {t('Dismiss')}
              </button>
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {message && <p className="muted">{message}</p>}
          {history && (
            <ol className="history" aria-label={t('Revision history')}>
              {history.map((h) => (
                <li key={h.revision} className={h.undone ? 'undone' : ''}>
                  r{h.revision} · {when(h.at)} · {h.by ?? t('someone')}: {h.summary}
                  {h.undone ? ` ${t('(undone)')}` : ''}
                </li>
              ))}
            </ol>
          )}
          {links && links !== 'running' && (
            <div className={links.failed.length ? 'notice' : 'ok'} role="status">
              {links.failed.length ? t('Checked {n} links: {failed} failed.', { n: links.checked, failed: links.failed.length }) : t('Checked {n} links: all reachable.', { n: links.checked })}
              <ul>
                {links.failed.map((f) => (
                  <li key={`${f.itemId}-${f.url}`}>
                    {t('{what} of “{title}”', { what: t(f.what), title: titleOf(issue.items.find((i) => i.id === f.itemId), pub.primaryLang) })}: <code>{f.url}</code> — {f.error}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="titles">
            {pub.languages.map((l) => (
              <Field
                key={l}
                label={t('Title ({lang})', { lang: l })}
                value={issue.editions.find((e) => e.lang === l && e.edition === 'full')?.title ?? ''}
                onSave={(v) => commit([{ op: 'title', lang: l, value: v ?? '' }])}
                placeholder={t('The headline item gives the issue its title')}
              />
            ))}
          </div>
          <Counts issue={issue} pub={pub} tokens={loaded.tokens} />
          <AddByUrl sections={itemSections.map((s) => ({ key: s.key, label: `${s.emoji}${s.titles[pub.primaryLang] ?? s.key}` }))} onAdd={addByUrl} />
        </div>
        {itemSections.map((s) => {
          const items = issue.items.filter((i) => i.section === s.key).sort((a, b) => a.position - b.position);
          return (
            <section key={s.key} className="bsection" aria-label={s.titles[pub.primaryLang] ?? s.key} data-section={s.key}>
              <h2>
                {s.emoji}
                {s.titles[pub.primaryLang] ?? s.key} <span className="muted">({items.length})</span>
              </h2>
              <ol className="items">
                {items.map((it) => (
                  <ItemCard
                    key={it.id}
                    item={it}
                    pub={pub}
                    number={number}
                    provider={provider}
                    commit={commit}
                    onDrop={(dragged, before) => {
                      const d = issue.items.find((x) => x.id === dragged);
                      if (!d || d.id === it.id) return;
                      const rest = items.filter((x) => x.id !== dragged);
                      const at = rest.indexOf(it) + (before ? 0 : 1);
                      move(d, s.key, at);
                    }}
                    onKeyMove={(dir, across) => {
                      if (!across) return move(it, s.key, Math.max(0, Math.min(items.length - 1, it.position + dir)));
                      const k = itemSections.indexOf(s) + dir;
                      const to = itemSections[k];
                      if (to) move(it, to.key, dir > 0 ? 0 : issue.items.filter((i) => i.section === to.key).length);
                    }}
                  />
                ))}
                <li
                  className="dropzone"
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => {
                    e.preventDefault();
                    const d = issue.items.find((x) => x.id === Number(e.dataTransfer.getData('text/x-pressroom-item')));
                    if (d) move(d, s.key, items.filter((x) => x.id !== d.id).length);
                  }}
                >
                  {items.length ? t('Drop here to move to the end') : t('Drop items here, or add them from the inbox')}
                </li>
              </ol>
            </section>
          );
        })}
      </div>
      <Previews issue={issue} pub={pub} />
      {translating && (
        <Translate
          issue={issue}
          pub={pub}
          to={translating}
          onClose={() => setTranslating(null)}
          onAccept={(ops) => {
            if (ops.length) commit(ops);
            setTranslating(null);
            setMessage(ops.length === 1 ? t('Accepted 1 translated field') : t('Accepted {n} translated fields', { n: ops.length }));
          }}
        />
      )}
    </div>
  );
}

function titleOf(item: Item | undefined, lang: Lang): string {
  if (!item) return '?';
  // The card shows the title as written, not its Markdown: `Vec<T>`, not `Vec\<T\>`.
  return unescapeMarkdownText(item.texts[lang]?.title || Object.values(item.texts)[0]?.title || '') || item.url || '';
}

function Counts({ issue, pub, tokens }: { issue: Issue; pub: Publication; tokens: Loaded['tokens'] }) {
  const lines = useMemo(
    () =>
      pub.languages.map((l) => {
        const style = pub.style.langs[l];
        const words = editionWords(issue, pub, l);
        // Rounded as the published counts line rounds them, so the builder says what readers read.
        return { lang: l, line: style ? countsLine(style, countItems(issue, pub, l), roundedWords(words)) || '—' : `${words}` };
      }),
    [issue, pub],
  );
  return (
    <div className="counts" aria-label={t('Counts')}>
      {lines.map((l) => (
        <p key={l.lang} data-lang={l.lang}>
          <span className="badge">{l.lang}</span> {l.line}
        </p>
      ))}
      <p className="muted">
        {t('Assistant: {calls} calls, {tokens} tokens for this issue', { calls: tokens.calls, tokens: num(tokens.prompt + tokens.completion) })}
        {tokens.cached ? ` ${t('({n} answered from cache)', { n: tokens.cached })}` : ''}
      </p>
    </div>
  );
}

function AddByUrl({ sections, onAdd }: { sections: { key: string; label: string }[]; onAdd: (url: string, section: string, title?: string) => Promise<'added' | 'title-needed' | 'failed'> }) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [needsTitle, setNeedsTitle] = useState(false);
  const [section, setSection] = useState(sections[0]?.key ?? '');
  return (
    <form
      className="add-url"
      onSubmit={(e) => {
        e.preventDefault();
        if (!url) return;
        void onAdd(url, section, needsTitle ? title.trim() : undefined).then((r) => {
          if (r === 'added') {
            setUrl('');
            setTitle('');
            setNeedsTitle(false);
          } else if (r === 'title-needed') setNeedsTitle(true);
        });
      }}
    >
      <input aria-label={t('Add a link')} type="url" placeholder={t('Add a link by URL…')} value={url} onChange={(e) => setUrl(e.target.value)} />
      {needsTitle && <input aria-label={t('Title for the link')} required placeholder={t('Its title (the page could not be read)')} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />}
      <select aria-label={t('Section for the link')} value={section} onChange={(e) => setSection(e.target.value)}>
        {sections.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
      <button type="submit">{t('Add')}</button>
    </form>
  );
}

/** A text input that keeps what is typed and saves it after a pause or on leaving the field. */
function Field({ label, value, onSave, multiline, placeholder }: { label: string; value: string; onSave: (v: string | null) => void; multiline?: boolean; placeholder?: string }) {
  const [local, setLocal] = useState(value);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saved = useRef(value);
  useEffect(() => {
    saved.current = value;
    if (!focused.current) setLocal(value);
  }, [value]);
  const flush = (v: string) => {
    clearTimeout(timer.current);
    if (v !== saved.current) {
      saved.current = v;
      onSave(v === '' ? null : v);
    }
  };
  const props = {
    'aria-label': label,
    value: local,
    placeholder,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false;
      flush(local);
    },
    onChange: (e: { target: { value: string } }) => {
      setLocal(e.target.value);
      clearTimeout(timer.current);
      const v = e.target.value;
      timer.current = setTimeout(() => flush(v), 800);
    },
  };
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
    </label>
  );
}

interface CardProps {
  item: Item;
  pub: Publication;
  number: number;
  provider: { model: string } | null;
  commit: (ops: EditOp[]) => void;
  onDrop: (draggedId: number, before: boolean) => void;
  onKeyMove: (dir: -1 | 1, acrossSections: boolean) => void;
}

function ItemCard({ item, pub, number, provider, commit, onDrop, onKeyMove }: CardProps) {
  const [open, setOpen] = useState(false);
  const [over, setOver] = useState<'before' | 'after' | null>(null);
  const [drafts, setDrafts] = useState<Record<Lang, { text: string; done: boolean; source?: string; note?: string; error?: string }>>({});
  const title = titleOf(item, pub.primaryLang);
  const text = (lang: Lang, field: TextField) => (item.texts[lang]?.[field] as string | undefined) ?? '';
  const setText = (lang: Lang, field: TextField) => (v: string | null) => commit([{ op: 'text', id: item.id!, lang, field, value: v }]);

  const draft = async (lang: Lang) => {
    setDrafts((d) => ({ ...d, [lang]: { text: '', done: false } }));
    try {
      await stream('/api/assist/draft', { number, lang, itemId: item.id }, (event, data) => {
        if (event === 'delta') setDrafts((d) => ({ ...d, [lang]: { ...d[lang]!, text: d[lang]!.text + data.text } }));
        if (event === 'done') setDrafts((d) => ({ ...d, [lang]: { text: data.text, done: true, source: data.source, note: data.note } }));
        if (event === 'error') setDrafts((d) => ({ ...d, [lang]: { text: '', done: true, error: data.error } }));
      });
    } catch (e) {
      setDrafts((d) => ({ ...d, [lang]: { text: '', done: true, error: (e as Error).message } }));
    }
  };

  const onKey = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      onKeyMove(e.key === 'ArrowUp' ? -1 : 1, e.shiftKey);
    } else if (e.key === 'Enter') setOpen((o) => !o);
  };

  const dropSide = (e: DragEvent<HTMLLIElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return e.clientY < r.top + r.height / 2 ? 'before' : 'after';
  };

  return (
    <li
      className={`card${over ? ` drop-${over}` : ''}`}
      draggable
      tabIndex={0}
      data-item={item.id}
      aria-label={t('{title}. Alt+arrows move it, Alt+Shift+arrows to another section, Enter opens it.', { title })}
      onKeyDown={onKey}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/x-pressroom-item', String(item.id));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(dropSide(e));
      }}
      onDragLeave={() => setOver(null)}
      onDrop={(e) => {
        e.preventDefault();
        const side = dropSide(e);
        setOver(null);
        const id = Number(e.dataTransfer.getData('text/x-pressroom-item'));
        if (id) onDrop(id, side === 'before');
      }}
    >
      <div className="card-head">
        <span className="grip" aria-hidden="true">
          ⠿
        </span>
        <span className="num">{item.position + 1}</span>
        <a href={safeLink(item.url)} target="_blank" rel="noreferrer noopener" className="card-title">
          {title || <em>{t('untitled')}</em>}
        </a>
        {item.meta.stars !== undefined && <span className="badge">★ {item.meta.stars}</span>}
        <button className="link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('Close') : t('Edit')}
        </button>
      </div>
      {!open && <p className="card-blurb">{text(pub.primaryLang, 'blurb') || <span className="muted">{t('No blurb yet.')}</span>}</p>}
      {open && (
        <div className="card-edit">
          <div className="langs">
            {pub.languages.map((l) => (
              <div key={l} className="lang-col" data-lang={l}>
                <h3>{l}</h3>
                <Field label={t('Title ({lang})', { lang: l })} value={text(l, 'title')} onSave={setText(l, 'title')} />
                <Field label={t('Blurb ({lang})', { lang: l })} value={text(l, 'blurb')} onSave={setText(l, 'blurb')} multiline />
                <button className="small" onClick={() => void draft(l)} disabled={drafts[l] && !drafts[l].done}>
                  {provider ? `✨ ${t('Draft {lang} blurb', { lang: l })}` : t('Draft {lang} blurb from the article', { lang: l })}
                </button>
                {drafts[l] && (
                  <div className="proposal" role="status">
                    {drafts[l].error ? (
                      <p className="error">{drafts[l].error}</p>
                    ) : (
                      <>
                        <p>{drafts[l].text || '…'}</p>
                        {drafts[l].note && <p className="muted">{drafts[l].note}</p>}
                        {drafts[l].done && (
                          <>
                            <button
                              className="small"
                              onClick={() => {
                                commit([{ op: 'text', id: item.id!, lang: l, field: 'blurb', value: drafts[l]!.text }]);
                                setDrafts(({ [l]: _gone, ...rest }) => rest);
                              }}
                            >
                              {t('Use this blurb')}
                            </button>
                            <button className="small link" onClick={() => setDrafts(({ [l]: _gone, ...rest }) => rest)}>
                              {t('Discard')}
                            </button>
                          </>
                        )}
                      </>
                    )}
                  </div>
                )}
                <Field label={t('Note ({lang})', { lang: l })} value={text(l, 'note')} onSave={setText(l, 'note')} placeholder={t('Related links, e.g. [another post](https://…)')} />
              </div>
            ))}
          </div>
          <div className="item-fields">
            <Field label={t('Link')} value={item.url ?? ''} onSave={(v) => commit([{ op: 'set', id: item.id!, field: 'url', value: v }])} />
            <Field
              label={t('Stars')}
              value={item.meta.stars === undefined ? '' : String(item.meta.stars)}
              onSave={(v) => v === null || /^\d+$/.test(v) ? commit([{ op: 'set', id: item.id!, field: 'stars', value: v === null ? null : Number(v) }]) : undefined}
            />
            <Field label={t('Image URL')} value={item.image ?? ''} onSave={(v) => commit([{ op: 'set', id: item.id!, field: 'image', value: v }])} />
            <label className="field">
              <span>{t('Upload an image')}</span>
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (f) commit([{ op: 'set', id: item.id!, field: 'image', value: await upload(f) }]);
                }}
              />
            </label>
            {safeLink(item.image, 'image') && <img src={safeLink(item.image, 'image')} alt={item.texts[pub.primaryLang]?.imageAlt ?? ''} className="thumb" />}
          </div>
          <div className="actions">
            <button onClick={() => commit(pub.languages.flatMap((l) => (item.texts[l]?.title ? [{ op: 'title' as const, lang: l, value: item.texts[l]!.title }] : [])))}>
              {t('Make it the headline')}
            </button>
            <button className="danger" onClick={() => commit([{ op: 'remove', id: item.id! }])}>
              {t('Remove from the issue')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
