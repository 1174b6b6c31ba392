// The team: who has an account, and (for the owner) inviting an editor.

import { useEffect, useState, type FormEvent } from 'react';
import { api } from './api.ts';
import type { SessionUser } from '../../src/api/schemas.ts';

export function Team({ user }: { user: SessionUser }) {
  const [users, setUsers] = useState<SessionUser[]>([]);
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<SessionUser[]>('GET', '/api/users').then(setUsers, (e: Error) => setError(e.message));
  }, []);
  const invite = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError('');
    try {
      const r = await api<{ link: string }>('POST', '/api/invitations', { email: f.get('email'), role: f.get('role') });
      setLink(`${location.origin}${r.link}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="narrow">
      <h1>Team</h1>
      <ul>
        {users.map((u) => (
          <li key={u.id}>
            {u.name || u.email} <span className="muted">{u.email}</span> <span className="badge">{u.role}</span>
          </li>
        ))}
      </ul>
      {user.role === 'owner' ? (
        <form onSubmit={invite} className="row-form">
          <h2>Invite an editor</h2>
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label>
            Role
            <select name="role" defaultValue="editor">
              <option value="editor">editor</option>
              <option value="owner">owner</option>
            </select>
          </label>
          <button type="submit">Make an invitation link</button>
          {link && (
            <p role="status">
              Send this link (valid for 7 days): <code>{link}</code>
            </p>
          )}
        </form>
      ) : (
        <p className="muted">The owner invites editors.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
