// The publication's settings: its name in each language, addresses, mail sender, which edition
// each channel gives readers who are not members, Telegram and the Git archive, and the house
// style's title and counts templates with a live preview. What the configuration file or the
// environment sets over a field is shown with it: that value wins.

import { useEffect, useMemo, useState } from 'react';
import { countsLine } from '../../src/core/counts.ts';
import type { Edition, Publication } from '../../src/core/model.ts';
import { fill } from '../../src/core/template.ts';
import { api } from './api.ts';
import { Head } from './Head.tsx';
import { t } from './i18n.ts';

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
  if (!pub || !view) return <p className="center">{t('Loading…')}</p>;

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
    return o ? <span className="badge warn" title={o.value}>{o.from === 'file' ? t('set in the configuration file: {value}', { value: o.value }) : t('set in the environment: {value}', { value: o.value })}</span> : null;
  };
  const save = async () => {
    setError('');
    try {
      const v = await api<View>('POST', '/api/settings', pub);
      setView(v);
      setPub(structuredClone(v.publication));
      setSaved(t('Saved. New pages, feeds and mail use these settings.'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const p = pub.publishing ?? {};
  const sample = { number: 42, title: pub.primaryLang === 'zh' ? '示例标题' : 'A sample title', date: '2031-01-10' };
  return (
    <section className="narrow settings">
      <div className="page-head">
        <h1>{t('Settings')}</h1>
        <button className="primary" onClick={() => void save()} disabled={!owner || !dirty}>
          {t('Save')}
        </button>
      </div>
      {!owner && <p className="muted">{t('Only the owner changes the settings.')}</p>}
      {saved && <p role="status" className="ok">{saved}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <fieldset>
        <legend>{t('Name')}</legend>
        {pub.languages.map((l) => (
          <label key={l} className="field">
            {t('Name ({lang})', { lang: l })}
            <input value={pub.name[l] ?? ''} onChange={(e) => change((x) => void (x.name[l] = e.target.value))} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('Addresses and mail')}</legend>
        <label className="field">
          {t('Site address')}{' '}<Over k="publishing.siteUrl" />
          <input value={p.siteUrl ?? ''} placeholder="https://weekly.example.com" onChange={(e) => change((x) => void (x.publishing!.siteUrl = e.target.value || undefined))} />
        </label>
        <label className="field">
          {t('Where the teaser\'s readers find the full text')}
          <input value={pub.style.fullTextUrl ?? ''} onChange={(e) => change((x) => void (x.style.fullTextUrl = e.target.value || undefined))} />
        </label>
        <label className="field">
          {t('Mail sender')}{' '}<Over k="publishing.mailFrom" />
          <input value={p.mailFrom ?? ''} placeholder={t('Weekly <weekly@example.com>')} onChange={(e) => change((x) => void (x.publishing!.mailFrom = e.target.value || undefined))} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('What readers who are not members get')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="inline field">
            {c}
            <select value={p.editions?.[c] ?? 'full'} onChange={(e) => change((x) => void (x.publishing!.editions = { ...x.publishing!.editions, [c]: e.target.value as Edition }))}>
              <option value="full">{t('the full edition')}</option>
              <option value="teaser">{t('the teaser')}</option>
            </select>
            <Over k={`publishing.editions.${c}`} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('Telegram and the Git archive')}</legend>
        <label className="field">
          {t('Telegram channel')}{' '}<Over k="publishing.telegram" />
          <input value={p.telegram?.chatId ?? ''} placeholder="@my_weekly" onChange={(e) => change((x) => void (x.publishing!.telegram = e.target.value ? { ...x.publishing!.telegram, chatId: e.target.value } : undefined))} />
        </label>
        <label className="field">
          {t('Git archive folder')}{' '}<Over k="publishing.git" />
          <input value={p.git?.dir ?? ''} placeholder="/srv/weekly-archive" onChange={(e) => change((x) => void (x.publishing!.git = e.target.value ? { ...x.publishing!.git, dir: e.target.value } : undefined))} />
        </label>
        <label className="field">
          {t('Git remote')}
          <input value={p.git?.remote ?? ''} disabled={!p.git?.dir} onChange={(e) => change((x) => void (x.publishing!.git = { ...x.publishing!.git!, remote: e.target.value || undefined }))} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('Sections')}</legend>
        <p className="muted small">{t('Headings in each language, and older wordings that mean the same section when an archive is imported.')}</p>
        <table className="grid sections-edit">
          <Head cols={['', 'Emoji', ...pub.languages.map((l) => t('Heading ({lang})', { lang: l })), 'Older wordings']} />
          <tbody>
            {pub.sections.map((sec, i) => (
              <tr key={sec.key}>
                <td className="muted small">{sec.key}</td>
                <td>
                  <input size={3} aria-label={t('Emoji of {section}', { section: sec.key })} value={sec.emoji} onChange={(e) => change((x) => void (x.sections[i]!.emoji = e.target.value))} />
                </td>
                {pub.languages.map((l) => (
                  <td key={l}>
                    <input aria-label={t('Heading of {section} ({lang})', { section: sec.key, lang: l })} value={sec.titles[l] ?? ''} onChange={(e) => change((x) => void (x.sections[i]!.titles[l] = e.target.value))} />
                  </td>
                ))}
                <td>
                  <input
                    aria-label={t('Older wordings of {section}', { section: sec.key })}
                    placeholder={t('comma-separated')}
                    value={(sec.aliases ?? []).join(', ')}
                    onChange={(e) => change((x) => void (x.sections[i]!.aliases = e.target.value.split(/[,，]/).map((a) => a.trim()).filter(Boolean)))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>{t('Glossary')}</legend>
        <p className="muted small">{t('Terms a translation writes one fixed way in each language.')}</p>
        {(pub.glossary ?? []).map((row, i) => (
          <div key={i} className="glossary-row">
            {pub.languages.map((l) => (
              <input key={l} aria-label={t('Term {n} ({lang})', { n: i + 1, lang: l })} placeholder={l} value={row[l] ?? ''} onChange={(e) => change((x) => void (x.glossary![i]![l] = e.target.value))} />
            ))}
            <button className="small danger" onClick={() => change((x) => void x.glossary!.splice(i, 1))}>
              {t('Remove')}
            </button>
          </div>
        ))}
        <div>
          <button className="small" onClick={() => change((x) => void (x.glossary = [...(x.glossary ?? []), Object.fromEntries(pub.languages.map((l) => [l, '']))]))}>
            {t('Add a term')}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('Webhooks')}</legend>
        <p className="muted small">{t('Told of each issue when it is published: a JSON document, or a Slack or Discord message.')}</p>
        {(p.webhooks ?? []).map((w, i) => (
          <div key={i} className="glossary-row">
            <input type="url" aria-label={t('Webhook {n} address', { n: i + 1 })} placeholder="https://hooks.example.com/…" value={w.url} onChange={(e) => change((x) => void (x.publishing!.webhooks![i]!.url = e.target.value))} />
            <select aria-label={t('Webhook {n} kind', { n: i + 1 })} value={w.kind} onChange={(e) => change((x) => void (x.publishing!.webhooks![i]!.kind = e.target.value as typeof w.kind))}>
              <option value="generic">JSON</option>
              <option value="slack">Slack</option>
              <option value="discord">Discord</option>
            </select>
            <select aria-label={t('Webhook {n} language', { n: i + 1 })} value={w.lang ?? ''} onChange={(e) => change((x) => void (x.publishing!.webhooks![i]!.lang = e.target.value || undefined))}>
              <option value="">{t('first language')}</option>
              {pub.languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <button className="small danger" onClick={() => change((x) => void x.publishing!.webhooks!.splice(i, 1))}>
              {t('Remove')}
            </button>
          </div>
        ))}
        <div>
          <button className="small" onClick={() => change((x) => void (x.publishing!.webhooks = [...(x.publishing!.webhooks ?? []), { url: '', kind: 'generic' }]))}>
            {t('Add a webhook')}
          </button>
          <Over k="publishing.webhooks" />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('House style')}</legend>
        {pub.languages.map((l) => {
          const style = pub.style.langs[l];
          if (!style) return null;
          return (
            <div key={l} className="style-lang">
              <h3>{l}</h3>
              <label className="field">
                {t('Title template')}
                <input value={style.titleTemplate} onChange={(e) => change((x) => void (x.style.langs[l]!.titleTemplate = e.target.value))} />
              </label>
              <p className="preview-line" data-testid={`title-preview-${l}`}>{fill(style.titleTemplate, sample)}</p>
              <label className="field">
                {t('Counts line template')}
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
