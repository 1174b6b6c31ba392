// Translating the issue: the assistant's proposals stream in, each shown as a diff against what
// the target language has now; the editor accepts what they want, nothing else is written.

import { useEffect, useRef, useState } from 'react';
import type { EditOp } from '../../src/core/edit.ts';
import { unescapeMarkdownText } from '../../src/core/links.ts';
import type { Issue, Lang, Publication } from '../../src/core/model.ts';
import { stream } from './api.ts';
import { diffWords } from './diff.ts';
import { t } from './i18n.ts';

interface Proposal {
  itemId: number;
  fields: { field: 'title' | 'blurb' | 'note'; before: string; after: string }[];
}

export function Translate({ issue, pub, to, onClose, onAccept }: { issue: Issue; pub: Publication; to: Lang; onClose: () => void; onAccept: (ops: EditOp[]) => void }) {
  const from = pub.primaryLang;
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [failed, setFailed] = useState<{ itemId: number; error: string }[]>([]);
  const [error, setError] = useState('');
  const [finished, setFinished] = useState(false);
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    abort.current = ac;
    stream(
      '/api/assist/translate',
      { number: issue.number, from, to },
      (event, data) => {
        if (event === 'progress') setProgress(data);
        if (event === 'proposal') setProposals((p) => [...p, data]);
        if (event === 'failed') setFailed((f) => [...f, data]);
        if (event === 'done') setFinished(true);
      },
      ac.signal,
    ).catch((e: Error) => {
      if (e.name !== 'AbortError') setError(e.message);
      setFinished(true);
    });
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const title = (id: number) => unescapeMarkdownText(issue.items.find((i) => i.id === id)?.texts[from]?.title ?? `item ${id}`);
  const key = (p: Proposal, f: string) => `${p.itemId}:${f}`;
  const accept = () =>
    onAccept(
      proposals.flatMap((p) =>
        p.fields.filter((f) => !rejected.has(key(p, f.field)) && f.after !== f.before).map((f): EditOp => ({ op: 'text', id: p.itemId, lang: to, field: f.field, value: f.after })),
      ),
    );

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('Translate issue #{n} into {lang}', { n: issue.number, lang: to })}>
        <h2>
          {t('Translate {from} → {to}', { from, to })}
        </h2>
        <progress max={progress.total || 1} value={progress.done} aria-label={t('Translation progress')} />
        <p role="status">
          {finished
            ? failed.length
              ? t('Done: {n} items translated, {failed} failed.', { n: proposals.length, failed: failed.length })
              : t('Done: {n} items translated.', { n: proposals.length })
            : t('Translating… {done} of {total} items', { done: progress.done, total: progress.total || '?' })}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {failed.map((f) => (
          <p key={f.itemId} className="error">
            {title(f.itemId)}: {f.error}
          </p>
        ))}
        <div className="proposals">
          {proposals.map((p) => (
            <div key={p.itemId} className="proposal-item">
              <h3>{title(p.itemId)}</h3>
              {p.fields.map((f) => (
                <label key={f.field} className="diff-row">
                  <input
                    type="checkbox"
                    checked={!rejected.has(key(p, f.field))}
                    onChange={(e) => {
                      const next = new Set(rejected);
                      if (e.target.checked) next.delete(key(p, f.field));
                      else next.add(key(p, f.field));
                      setRejected(next);
                    }}
                  />
                  <span className="field-name">{f.field}</span>
                  <span className="diff">
                    {diffWords(f.before, f.after).map((part, i) =>
                      part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'added' ? <ins key={i}>{part.text}</ins> : <del key={i}>{part.text}</del>,
                    )}
                  </span>
                </label>
              ))}
            </div>
          ))}
        </div>
        <div className="actions">
          {/* Nothing to accept (no provider, or nothing to translate): no button that does nothing. */}
          {proposals.length > 0 && (
            <button onClick={accept} disabled={!finished}>
              {t('Accept checked')}
            </button>
          )}
          <button
            className="link"
            onClick={() => {
              abort.current?.abort();
              onClose();
            }}
          >
            {finished ? t('Discard') : t('Cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
