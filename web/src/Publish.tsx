// Publishing an issue from the editor: the preflight first (what stops it, what to look at),
// the channels to send to, now or at a time; then each channel's progress and the mail
// campaign's, live, also after a reload. A failed channel can be tried again on its own.

import { useCallback, useEffect, useState } from 'react';
import type { Preflight } from '../../src/app/preflight.ts';
import type { PublishProgress } from '../../src/app/publish-progress.ts';
import { api, ApiError } from './api.ts';
import { num, t, when } from './i18n.ts';

const ICON: Record<string, string> = { ok: '✓', failed: '✗', skipped: '–', running: '…' };

export function PublishDialog({ number, status, changes = [], onClose, onChanged }: { number: number; status: string; changes?: string[]; onClose: () => void; onChanged: () => void }) {
  const [pre, setPre] = useState<Preflight | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [at, setAt] = useState('');
  const [error, setError] = useState('');
  const [progress, setProgress] = useState<PublishProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [checkingLinks, setCheckingLinks] = useState(false);

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
        // Then the same with every link fetched: it takes the network, so it comes second.
        setCheckingLinks(true);
        api<Preflight>('GET', `/api/issues/${number}/preflight?links=1`)
          .then((withLinks) => setPre(withLinks), () => {})
          .finally(() => setCheckingLinks(false));
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
        <h2 id="publish-title">{status === 'published' ? t('Re-publish') : t('Publish')} #{number}</h2>
        {status === 'published' && changes.length > 0 && (
          <div className="findings warn">
            <h3>{t('What readers will get that they do not have')}</h3>
            <ul>
              {changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </div>
        )}
        {scheduled && (
          <p className="ok" role="status">
            {t('Scheduled for {time}. The server publishes it then, even after a restart.', { time: when(scheduled) })}
          </p>
        )}
        {progress && (progress.running || progress.channels.length > 0) ? (
          <section aria-label={t('Progress')} className="progress">
            <p role="status">{progress.running ? t('Publishing…') : progress.status === 'published' ? t('Published.') : t('Stopped.')}</p>
            <ul className="channels">
              {progress.channels.map((c) => (
                <li key={c.channel} className={`ch ${c.status}`}>
                  <span className="ch-icon" aria-hidden="true">{ICON[c.status]}</span>
                  <strong>{c.channel}</strong> <span className="badge">{t(c.status)}</span> <span className="muted">{c.detail}</span>
                  {c.status === 'failed' && !progress.running && (
                    <button className="small" onClick={() => void go([c.channel])} disabled={busy}>
                      {t('Retry {channel}', { channel: c.channel })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {progress.campaign && (
              <div className="campaign" aria-label={t('Mail campaign')}>
                <progress max={progress.campaign.total} value={progress.campaign.sent + progress.campaign.failed} />
                <p>
                  {t('Mail: {sent} sent, {failed} failed, {remaining} remaining of {total}', { sent: <strong data-testid="sent">{progress.campaign.sent}</strong>, failed: progress.campaign.failed, remaining: progress.campaign.remaining, total: progress.campaign.total })}
                  {progress.campaign.perSecond ? ` · ${progress.campaign.perSecond}/s` : ''}
                  {progress.campaign.secondsLeft ? ` · ${t('about {n} s left', { n: progress.campaign.secondsLeft })}` : ''}
                  {progress.campaign.possiblyDuplicated ? ` · ${t('{n} possibly twice', { n: progress.campaign.possiblyDuplicated })}` : ''}
                </p>
              </div>
            )}
          </section>
        ) : null}
        {!scheduled && pre && !progress?.running && (
          <section aria-label={t('Preflight')}>
            {blocks.length > 0 && (
              <div className="findings block" role="alert">
                <h3>{t('Fix these first')}</h3>
                <ul>
                  {blocks.map((f, i) => (
                    <li key={i}>{t(f.phrase, f.vars)}</li>
                  ))}
                </ul>
              </div>
            )}
            {warns.length > 0 && (
              <div className="findings warn">
                <h3>{t('Look at these')}</h3>
                <ul>
                  {warns.map((f, i) => (
                    <li key={i}>{t(f.phrase, f.vars)}</li>
                  ))}
                </ul>
              </div>
            )}
            {checkingLinks ? (
              <p className="muted" role="status">
                {t('Checking that every link and image can be reached…')}
              </p>
            ) : (
              pre.linksChecked && <p className="muted small">{t('Every link and image was fetched.')}</p>
            )}
            {!blocks.length && !warns.length && <p className="ok">{t('The preflight found nothing to fix.')}</p>}
            <fieldset className="channel-pick">
              <legend>{t('Channels')}</legend>
              {pre.channels.map((c) => (
                <label key={c.name} title={c.unconfigured ?? (c.sentAlready ? t('sent already') : '')}>
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
                  {c.unconfigured ? <span className="muted">{' '}{t('(not set up)')}</span> : c.sentAlready ? <span className="muted">{' '}{t('(sent already)')}</span> : null}
                </label>
              ))}
            </fieldset>
            <div className="actions">
              <button className="primary" onClick={() => void go([...chosen])} disabled={busy || pre.blocked || chosen.size === 0}>
                {warns.length ? t('Publish anyway') : t('Publish now')}
              </button>
              <label className="inline">
                {t('or at')}{' '}<input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} aria-label={t('Publish at')} />
              </label>
              <button onClick={() => void go([...chosen], at)} disabled={busy || pre.blocked || !at || chosen.size === 0}>
                {t('Schedule')}
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
          <button onClick={onClose}>{t('Close')}</button>
        </div>
      </div>
    </div>
  );
}
