// Every issue: drafts, scheduled and published, newest first, with its date, title, items and
// schedule; opening one takes it to the builder.

import { useEffect, useState } from 'react';
import type { IssueSummary } from '../../src/store/issues.ts';
import { api } from './api.ts';
import { Head } from './Head.tsx';
import { t, when } from './i18n.ts';

export function Issues() {
  const [issues, setIssues] = useState<IssueSummary[] | null>(null);
  const [primaryLang, setPrimaryLang] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<IssueSummary[]>('GET', '/api/issues').then(setIssues, (e: Error) => setError(e.message));
    // Titles in the publication's first language, the others after it.
    api<{ publication: { primaryLang: string } }>('GET', '/api/settings').then((s) => setPrimaryLang(s.publication.primaryLang), () => {});
  }, []);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!issues) return <p className="center">{t('Loading…')}</p>;
  return (
    <section className="wide">
      <div className="page-head">
        <h1>{t('Issues')}</h1>
        <a className="button" href="#/issue">{t('Open the current draft')}</a>
      </div>
      {issues.length === 0 ? (
        <p className="empty">{t('No issue yet. Pick candidates in the Inbox and the first draft starts itself.')}</p>
      ) : (
        <table className="grid">
          <Head cols={['#', 'Date', 'Title', 'Items', 'Status']} />
          <tbody>
            {issues.map((i) => {
              const title = (primaryLang && i.titles[primaryLang]) || Object.values(i.titles)[0] || '';
              return (
                <tr key={i.number}>
                  <td className="num">{i.number}</td>
                  <td>{i.date}</td>
                  <td>
                    <a href={`#/issue/${i.number}`}>{title || <span className="muted">{t('(no title yet)')}</span>}</a>
                    {Object.keys(i.titles).length > 1 && <span className="muted"> · {Object.keys(i.titles).sort((a, b) => Number(b === primaryLang) - Number(a === primaryLang)).join(' ')}</span>}
                  </td>
                  <td className="num">{i.items}</td>
                  <td>
                    <span className={`badge status-${i.status}`}>{t(i.status)}</span>
                    {i.status === 'scheduled' && i.publishAt && !i.publishAt.startsWith('claimed') && <span className="muted"> {when(i.publishAt)} → {i.channels}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
