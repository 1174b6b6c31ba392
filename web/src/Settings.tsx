// The publication's settings: its name in each language, addresses, mail sender, which edition
// each channel gives readers who are not members, Telegram and the Git archive, and the house
// style's title and counts templates with a live preview. What the configuration file or the
// environment sets over a field is shown with it: that value wins.

import { useEffect, useMemo, useState } from 'react';
import { countsLine } from '../../src/core/counts.ts';
import type { Edition, Publication } from '../../src/core/model.ts';
import { fill } from '../../src/core/template.ts';
import { api } from './api.ts';

interface View {
  publication: Publication;
  overrides: { key: string; value: string; from: string }[];
}

const CHANNELS = ['site', 'feed', 'email', 'telegram', 'git'] as const;

export function Settings({ owner }: { owner: boolean }) {
  const [view, setView] = useState<View | null>(null);
  const [pub, setPub] = useState<Publication | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  useEffect(() => {
    api<View>('GET', '/api/settings').then((v) => {
      setView(v);
      setPub(structuredClone(v.publication));
    }, (e: Error) => setError(e.message));
  }, []);
  const dirty = useMemo(() => !!view && !!pub && JSON.stringify(view.publication) !== JSON.stringify(pub), [view, pub]);
  if (error && !pub) return <p className="error" role="alert">{error}</p>;
  if (!pub || !view) return <p className="center">Loading…</p>;

  const change = (f: (p: Publication) => void) => {
    const next = structuredClone(pub);
    next.publishing ??= {};
    f(next);
    setPub(next);
    setSaved('');
  };
  const overridden = (key: string) => view.overrides.find((o) => o.key === key || o.key.startsWith(`${key}.`));
  const Over = ({ k }: { k: string }) => {
    const o = overridden(k);
    return o ? <span className="badge warn" title={o.value}>set in the {o.from === 'file' ? 'configuration file' : 'environment'}: {o.value}</span> : null;
  };
  const save = async () => {
    setError('');
    try {
      const v = await api<View>('POST', '/api/settings', pub);
      setView(v);
      setPub(structuredClone(v.publication));
      setSaved('Saved. New pages, feeds and mail use these settings.');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const p = pub.publishing ?? {};
  const sample = { number: 42, title: pub.primaryLang === 'zh' ? '示例标题' : 'A sample title', date: '2031-01-10' };
  return (
    <section className="narrow settings">
      <div className="page-head">
        <h1>Settings</h1>
        <button className="primary" onClick={() => void save()} disabled={!owner || !dirty}>
          Save
        </button>
      </div>
      {!owner && <p className="muted">Only the owner changes the settings.</p>}
      {saved && <p role="status" className="ok">{saved}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <fieldset>
        <legend>Name</legend>
        {pub.languages.map((l) => (
          <label key={l} className="field">
            Name ({l})
            <input value={pub.name[l] ?? ''} onChange={(e) => change((x) => void (x.name[l] = e.target.value))} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Addresses and mail</legend>
        <label className="field">
          Site address <Over k="publishing.siteUrl" />
          <input value={p.siteUrl ?? ''} placeholder="https://weekly.example.com" onChange={(e) => change((x) => void (x.publishing!.siteUrl = e.target.value || undefined))} />
        </label>
        <label className="field">
          Where the teaser's readers find the full text
          <input value={pub.style.fullTextUrl ?? ''} onChange={(e) => change((x) => void (x.style.fullTextUrl = e.target.value || undefined))} />
        </label>
        <label className="field">
          Mail sender <Over k="publishing.mailFrom" />
          <input value={p.mailFrom ?? ''} placeholder="Weekly <weekly@example.com>" onChange={(e) => change((x) => void (x.publishing!.mailFrom = e.target.value || undefined))} />
        </label>
      </fieldset>
      <fieldset>
        <legend>What readers who are not members get</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="inline field">
            {c}
            <select value={p.editions?.[c] ?? 'full'} onChange={(e) => change((x) => void (x.publishing!.editions = { ...x.publishing!.editions, [c]: e.target.value as Edition }))}>
              <option value="full">the full edition</option>
              <option value="teaser">the teaser</option>
            </select>
            <Over k={`publishing.editions.${c}`} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Telegram and the Git archive</legend>
        <label className="field">
          Telegram channel <Over k="publishing.telegram" />
          <input value={p.telegram?.chatId ?? ''} placeholder="@my_weekly" onChange={(e) => change((x) => void (x.publishing!.telegram = e.target.value ? { ...x.publishing!.telegram, chatId: e.target.value } : undefined))} />
        </label>
        <label className="field">
          Git archive folder <Over k="publishing.git" />
          <input value={p.git?.dir ?? ''} placeholder="/srv/weekly-archive" onChange={(e) => change((x) => void (x.publishing!.git = e.target.value ? { ...x.publishing!.git, dir: e.target.value } : undefined))} />
        </label>
        <label className="field">
          Git remote
          <input value={p.git?.remote ?? ''} disabled={!p.git?.dir} onChange={(e) => change((x) => void (x.publishing!.git = { ...x.publishing!.git!, remote: e.target.value || undefined }))} />
        </label>
      </fieldset>
      <fieldset>
        <legend>House style</legend>
        {pub.languages.map((l) => {
          const style = pub.style.langs[l];
          if (!style) return null;
          return (
            <div key={l} className="style-lang">
              <h3>{l}</h3>
              <label className="field">
                Title template
                <input value={style.titleTemplate} onChange={(e) => change((x) => void (x.style.langs[l]!.titleTemplate = e.target.value))} />
              </label>
              <p className="preview-line" data-testid={`title-preview-${l}`}>{fill(style.titleTemplate, sample)}</p>
              <label className="field">
                Counts line template
                <input value={style.countsTemplate} onChange={(e) => change((x) => void (x.style.langs[l]!.countsTemplate = e.target.value))} />
              </label>
              <p className="preview-line">{countsLine(style, { article: 12, project: 9, media: 2, discussion: 1 }, 2200)}</p>
            </div>
          );
        })}
      </fieldset>
    </section>
  );
}
