// Previews beside the editing: each language's full edition as house-style Markdown and as HTML,
// the teaser, and the Telegram message, rendered here by the same code that publishes them.

import MarkdownIt from 'markdown-it';
import { useMemo, useState } from 'react';
import type { Issue, Publication } from '../../src/core/model.ts';
import { renderEdition } from '../../src/markdown/render.ts';
import { renderTelegram } from '../../src/channels/telegram/format.ts';
import { t } from './i18n.ts';

// html: false — text an editor or a feed wrote is shown, never run.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const KINDS = [
  { key: 'markdown', label: 'Markdown' },
  { key: 'html', label: 'HTML' },
  { key: 'teaser', label: 'Teaser' },
  { key: 'telegram', label: 'Telegram' },
] as const;
type Kind = (typeof KINDS)[number]['key'];

export function Previews({ issue, pub }: { issue: Issue; pub: Publication }) {
  const [lang, setLang] = useState(pub.primaryLang);
  const [kind, setKind] = useState<Kind>('markdown');
  const [copied, setCopied] = useState('');
  const out = useMemo(() => {
    try {
      if (kind === 'teaser') return renderEdition(issue, pub, lang, 'teaser');
      if (kind === 'telegram') return renderTelegram(issue, pub, lang).text;
      return renderEdition(issue, pub, lang, 'full');
    } catch (e) {
      return t('Cannot render: {error}', { error: (e as Error).message });
    }
  }, [issue, pub, lang, kind]);
  const html = useMemo(() => (kind === 'html' ? md.render(out.replace(/^---\n[\s\S]*?\n---\n/, '')) : ''), [out, kind]);
  const copy = async () => {
    await navigator.clipboard.writeText(kind === 'html' ? html : out);
    setCopied(`${lang} ${kind}`);
    setTimeout(() => setCopied(''), 1500);
  };
  return (
    <aside className="previews" aria-label={t('Previews')}>
      <div className="tabs" role="tablist" aria-label={t('Language')}>
        {pub.languages.map((l) => (
          <button key={l} role="tab" aria-selected={l === lang} onClick={() => setLang(l)}>
            {l}
          </button>
        ))}
      </div>
      <div className="tabs" role="tablist" aria-label={t('Edition')}>
        {KINDS.map((k) => (
          <button key={k.key} role="tab" aria-selected={k.key === kind} onClick={() => setKind(k.key)}>
            {t(k.label)}
          </button>
        ))}
        <button className="copy" onClick={() => void copy()}>
          {copied ? t('Copied') : t('Copy')}
        </button>
      </div>
      {kind === 'html' ? (
        <div className="rendered" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <pre className="source" data-testid="preview">
          {out}
        </pre>
      )}
      {kind === 'telegram' && <p className="muted">{t('{n} of 4096 characters', { n: out.length })}</p>}
    </aside>
  );
}
