// The team: who has an account and with what role; for the owner, inviting an editor, the
// invitations not used yet (revocable), changing a role and removing an account.

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from './api.ts';
import type { SessionUser } from '../../src/api/schemas.ts';
import { num, t, when } from './i18n.ts';

interface Invitation {
  id: string;
  email: string;
  role: string;
  createdAt: string;
  expiresAt: string;
}

export function Team({ user }: { user: SessionUser }) {
  const [users, setUsers] = useState<SessionUser[]>([]);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  const owner = user.role === 'owner';
  const load = useCallback(async () => {
    setUsers(await api<SessionUser[]>('GET', '/api/users'));
    if (owner) setInvitations(await api<Invitation[]>('GET', '/api/invitations'));
  }, [owner]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);
  const act = async (fn: () => Promise<unknown>) => {
    setError('');
    try {
      await fn();
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const invite = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    await act(async () => {
      const r = await api<{ link: string }>('POST', '/api/invitations', { email: f.get('email'), role: f.get('role') });
      setLink(`${location.origin}${r.link}`);
    });
  };
  return (
    <section className="narrow">
      <h1>{t('Team')}</h1>
      <table className="grid">
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.name || u.email} <span className="muted">{u.email}</span>
              </td>
              <td>
                {owner && u.id !== user.id ? (
                  <select aria-label={t('Role of {email}', { email: u.email })} value={u.role} onChange={(e) => void act(() => api('POST', `/api/users/${u.id}/role`, { role: e.target.value }))}>
                    <option value="editor">{t('editor')}</option>
                    <option value="owner">{t('owner')}</option>
                  </select>
                ) : (
                  <span className="badge">{t(u.role)}</span>
                )}
              </td>
              <td>
                {owner && u.id !== user.id && (
                  <button className="small danger" onClick={() => window.confirm(t('Remove {email}? Their sessions end now; their edits stay in the history.', { email: u.email })) && void act(() => api('POST', `/api/users/${u.id}/remove`))}>
                    {t('Remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {owner ? (
        <>
          {invitations.length > 0 && (
            <>
              <h2>{t('Invitations not used yet')}</h2>
              <ul>
                {invitations.map((i) => (
                  <li key={i.id}>
                    {i.email} <span className="badge">{i.role}</span> <span className="muted small">{t('until {date}', { date: when(i.expiresAt, { dateStyle: 'medium' }) })}</span>{' '}
                    <button className="small" onClick={() => void act(() => api('POST', `/api/invitations/${encodeURIComponent(i.id)}/revoke`))}>
                      {t('Revoke')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <form onSubmit={invite} className="row-form">
            <h2>{t('Invite an editor')}</h2>
            <label>
              {t('Email')}{' '}<input name="email" type="email" required />
            </label>
            <label>
              {t('Role')}
              <select name="role" defaultValue="editor">
                <option value="editor">{t('editor')}</option>
                <option value="owner">{t('owner')}</option>
              </select>
            </label>
            <button type="submit">{t('Make an invitation link')}</button>
            {link && (
              <p role="status">
                {t('Send this link (valid for 7 days):')}{' '}<code>{link}</code>
              </p>
            )}
          </form>
        </>
      ) : (
        <p className="muted">{t('The owner invites editors.')}</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
