// Publishing an issue from the editor: the preflight first (what stops it, what to look at),
// the channels to send to, now or at a time; then each channel's progress and the mail
// campaign's, live, also after a reload. A failed channel can be tried again on its own.

import { useCallback, useEffect, useState } from 'react';
import type { Preflight } from '../../src/app/preflight.ts';
import type { PublishProgress } from '../../src/app/publish-progress.ts';
import { api, ApiError } from './api.ts';

const ICON: Record<string, string> = { ok: '✓', failed: '✗', skipped: '–', running: '…' };

export function PublishDialog({ number, status, changes = [], onClose, onChanged }: { number: number; status: string; changes?: string[]; onClose: () => void; onChanged: () => void }) {
  const [pre, setPre] = useState<Preflight | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [at, setAt] = useState('');
  const [error, setError] = useState('');
  const [progress, setProgress] = useState<PublishProgress | null>(null);
  const [busy, setBusy] = useState(false);

  const follow = useCallback(() => {
    const es = new EventSource(`/api/issues/${number}/publish/events`);
    es.addEventListener('progress', (e) => {
      const p = JSON.parse((e as MessageEvent<string>).data) as PublishProgress;
      setProgress(p);
      if (!p.running) {
        es.close();
        onChanged();
      }
    });
    es.onerror = () => es.close();
    return () => es.close();
  }, [number, onChanged]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    void (async () => {
      try {
        // A publish under way (or done) shows its progress; otherwise the preflight.
        const p = await api<PublishProgress>('GET', `/api/issues/${number}/publish/progress`);
        if (p.running || status === 'published') {
          setProgress(p);
          if (p.running) stop = follow();
        }
        const check = await api<Preflight>('GET', `/api/issues/${number}/preflight`);
        setPre(check);
        setChosen(new Set(check.channels.filter((c) => !c.unconfigured && !c.sentAlready).map((c) => c.name)));
      } catch (e) {
        setError((e as Error).message);
      }
    })();
    return () => stop?.();
  }, [number, status, follow]);

  const go = async (channels: string[], when?: string) => {
    setBusy(true);
    setError('');
    try {
      const r = await api<{ scheduled?: string }>('POST', `/api/issues/${number}/publish`, { channels, acknowledged: true, ...(when ? { at: new Date(when).toISOString() } : {}) });
      if (r.scheduled) {
        onChanged();
        setError('');
        setProgress(null);
        setPre(null);
        setScheduled(r.scheduled);
        return;
      }
      follow();
    } catch (e) {
      const body = e instanceof ApiError ? e.message : (e as Error).message;
      setError(body);
    } finally {
      setBusy(false);
    }
  };
  const [scheduled, setScheduled] = useState('');

  const blocks = pre?.findings.filter((f) => f.level === 'block') ?? [];
  const warns = pre?.findings.filter((f) => f.level === 'warn') ?? [];
  return (
    <div className="dialog-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog publish" role="dialog" aria-modal="true" aria-labelledby="publish-title">
        <h2 id="publish-title">{status === 'published' ? 'Re-publish' : 'Publish'} #{number}</h2>
        {status === 'published' && changes.length > 0 && (
          <div className="findings warn">
            <h3>What readers will get that they do not have</h3>
            <ul>
              {changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </div>
        )}
        {scheduled && (
          <p className="ok" role="status">
            Scheduled for {new Date(scheduled).toLocaleString()}. The server publishes it then, even after a restart.
          </p>
        )}
        {progress && (progress.running || progress.channels.length > 0) ? (
          <section aria-label="Progress" className="progress">
            <p role="status">{progress.running ? 'Publishing…' : progress.status === 'published' ? 'Published.' : 'Stopped.'}</p>
            <ul className="channels">
              {progress.channels.map((c) => (
                <li key={c.channel} className={`ch ${c.status}`}>
                  <span className="ch-icon" aria-hidden="true">{ICON[c.status]}</span>
                  <strong>{c.channel}</strong> <span className="badge">{c.status}</span> <span className="muted">{c.detail}</span>
                  {c.status === 'failed' && !progress.running && (
                    <button className="small" onClick={() => void go([c.channel])} disabled={busy}>
                      Retry {c.channel}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {progress.campaign && (
              <div className="campaign" aria-label="Mail campaign">
                <progress max={progress.campaign.total} value={progress.campaign.sent + progress.campaign.failed} />
                <p>
                  Mail: <strong data-testid="sent">{progress.campaign.sent}</strong> sent, {progress.campaign.failed} failed, {progress.campaign.remaining} remaining of {progress.campaign.total}
                  {progress.campaign.perSecond ? ` · ${progress.campaign.perSecond}/s` : ''}
                  {progress.campaign.secondsLeft ? ` · about ${progress.campaign.secondsLeft} s left` : ''}
                  {progress.campaign.possiblyDuplicated ? ` · ${progress.campaign.possiblyDuplicated} possibly twice` : ''}
                </p>
              </div>
            )}
          </section>
        ) : null}
        {!scheduled && pre && !progress?.running && (
          <section aria-label="Preflight">
            {blocks.length > 0 && (
              <div className="findings block" role="alert">
                <h3>Fix these first</h3>
                <ul>
                  {blocks.map((f, i) => (
                    <li key={i}>{f.what}</li>
                  ))}
                </ul>
              </div>
            )}
            {warns.length > 0 && (
              <div className="findings warn">
                <h3>Look at these</h3>
                <ul>
                  {warns.map((f, i) => (
                    <li key={i}>{f.what}</li>
                  ))}
                </ul>
              </div>
            )}
            {!blocks.length && !warns.length && <p className="ok">The preflight found nothing to fix.</p>}
            <fieldset className="channel-pick">
              <legend>Channels</legend>
              {pre.channels.map((c) => (
                <label key={c.name} title={c.unconfigured ?? (c.sentAlready ? 'sent already' : '')}>
                  <input
                    type="checkbox"
                    checked={chosen.has(c.name)}
                    disabled={!!c.unconfigured}
                    onChange={(e) => setChosen((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.add(c.name);
                      else n.delete(c.name);
                      return n;
                    })}
                  />{' '}
                  {c.name}
                  {c.unconfigured ? <span className="muted"> (not set up)</span> : c.sentAlready ? <span className="muted"> (sent already)</span> : null}
                </label>
              ))}
            </fieldset>
            <div className="actions">
              <button className="primary" onClick={() => void go([...chosen])} disabled={busy || pre.blocked || chosen.size === 0}>
                {warns.length ? 'Publish anyway' : 'Publish now'}
              </button>
              <label className="inline">
                or at <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} aria-label="Publish at" />
              </label>
              <button onClick={() => void go([...chosen], at)} disabled={busy || pre.blocked || !at || chosen.size === 0}>
                Schedule
              </button>
            </div>
          </section>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
