// The subscribers: how many in each state, the list searched and filtered, CSV in (this app's,
// Mailchimp's or Substack's export) and out, the suppression list with why, and each campaign's numbers.

import { useCallback, useEffect, useState } from 'react';
import { FileButton } from './FileButton.tsx';
import type { Subscriber } from '../../src/store/subscribers.ts';
import type { CampaignProgress } from '../../src/store/campaigns.ts';
import { api, sendFile } from './api.ts';
import { Head } from './Head.tsx';
import { t, when } from './i18n.ts';

interface ListData {
  total: number;
  subscribers: Subscriber[];
  counts: Record<string, number>;
}

export function Subscribers() {
  const [data, setData] = useState<ListData | null>(null);
  const [filter, setFilter] = useState({ q: '', status: '', lang: '', member: '' });
  const [supp, setSupp] = useState<{ email: string; reason: string; detail: string; createdAt: string }[]>([]);
  const [campaigns, setCampaigns] = useState<(CampaignProgress & { createdAt: string })[]>([]);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    setData(await api<ListData>('GET', `/api/subscribers?${q}`));
  }, [filter]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);
  useEffect(() => {
    api<typeof supp>('GET', '/api/suppressions').then(setSupp, () => {});
    api<typeof campaigns>('GET', '/api/campaigns').then(setCampaigns, () => {});
  }, []);

  const importFile = async (file: File) => {
    setError('');
    setMessage('');
    let body: { added: number; updated: number; skipped: { line: number; reason: string }[] };
    try {
      body = await sendFile('/api/subscribers/import', 'text/csv', file);
    } catch (err) {
      return setError(`${file.name}: ${(err as Error).message}`);
    }
    const skipped = body.skipped;
    const left = skipped.slice(0, 3).map((s) => t('line {n}: {reason}', { n: s.line, reason: s.reason })).join('; ') + (skipped.length > 3 ? '; …' : '');
    setMessage(
      t('{file}: {added} added, {updated} updated', { file: file.name, added: body.added, updated: body.updated }) +
        (skipped.length ? (skipped.length === 1 ? t(', 1 row left out ({why})', { why: left }) : t(', {n} rows left out ({why})', { n: skipped.length, why: left })) : ''),
    );
    await load();
  };

  const counts = data?.counts ?? {};
  return (
    <section className="wide">
      <div className="page-head">
        <h1>{t('Subscribers')}</h1>
        <span className="row-actions">
          <FileButton label={t('Import CSV')} accept=".csv,text/csv" onFile={(f) => void importFile(f)} />
          <a className="button" href="/api/subscribers.csv" download>
            {t('Export CSV')}
          </a>
        </span>
      </div>
      <p className="muted">
        {t('{active} active · {pending} waiting for confirmation · {unsubscribed} unsubscribed · {suppressed} suppressed', { active: <strong>{counts.active ?? 0}</strong>, pending: counts.pending ?? 0, unsubscribed: counts.unsubscribed ?? 0, suppressed: supp.length })}
      </p>
      {message && <p role="status" className="ok">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="filters">
        <input aria-label={t('Search subscribers')} placeholder={t('Search email or name…')} value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
        <select aria-label={t('Status')} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
          <option value="">{t('every status')}</option>
          <option value="active">{t('active')}</option>
          <option value="pending">{t('pending')}</option>
          <option value="unsubscribed">{t('unsubscribed')}</option>
        </select>
        <select aria-label={t('Members')} value={filter.member} onChange={(e) => setFilter({ ...filter, member: e.target.value })}>
          <option value="">{t('members and not')}</option>
          <option value="1">{t('members')}</option>
          <option value="0">{t('not members')}</option>
        </select>
        <input aria-label={t('Language')} placeholder={t('language')} size={6} value={filter.lang} onChange={(e) => setFilter({ ...filter, lang: e.target.value })} />
      </div>
      {data && (
        <>
          <p className="muted small">
            {data.total > data.subscribers.length ? t('{n} match; the first {shown} shown', { n: data.total, shown: data.subscribers.length }) : t('{n} match', { n: data.total })}
          </p>
          <table className="grid">
            <Head cols={['Email', 'Name', 'Language', 'Status', 'Since']} />
            <tbody>
              {data.subscribers.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.email} {s.member && <span className="badge sub">{t('member')}</span>}
                  </td>
                  <td>{s.name}</td>
                  <td>{s.lang}</td>
                  <td>
                    <span className="badge">{t(s.status)}</span>
                  </td>
                  <td>{s.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('Campaigns')}</h2>
      {campaigns.length === 0 ? (
        <p className="muted">{t('No issue has been mailed yet.')}</p>
      ) : (
        <table className="grid">
          <Head cols={['Issue', 'Started', 'Sent', 'Failed', 'Remaining', 'Status']} />
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <td className="num">#{c.issue}</td>
                <td>{when(c.createdAt)}</td>
                <td className="num">{c.sent}</td>
                <td className="num">{c.failed}</td>
                <td className="num">{c.remaining}</td>
                <td>
                  <span className="badge">{t(c.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('Suppressed')}</h2>
      {supp.length === 0 ? (
        <p className="muted">{t('No address is suppressed. Bounces and complaints land here, and are never mailed again.')}</p>
      ) : (
        <ul>
          {supp.map((s) => (
            <li key={s.email}>
              {s.email} <span className="badge warn">{s.reason}</span> <span className="muted small">{s.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
