// The shell: who is signed in, which page is shown (#/inbox, #/issue, #/team, #/join/TOKEN).

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SessionState, SessionUser, SessionView } from '../../src/api/schemas.ts';
import { api, ApiError, EXPIRED, setCsrf } from './api.ts';
import { Builder } from './Builder.tsx';
import { Inbox } from './Inbox.tsx';
import { Issues } from './Issues.tsx';
import { Sources } from './Sources.tsx';
import { Subscribers } from './Subscribers.tsx';
import { Team } from './Team.tsx';
import { Settings } from './Settings.tsx';
import { LookBack } from './LookBack.tsx';
import { ChartColumn, ExternalLink, Inbox as InboxIcon, List, Newspaper, Rss, Settings as SettingsIcon, UserCog, Users, type LucideIcon } from 'lucide-react';
import { locale, setLocale, t, type Locale } from './i18n.ts';

// The app's language: the editor's choice, kept with their account; until they choose, the
// browser's first language when the app has it, else the publication's first language.
const browserLocale = (): Locale | undefined => {
  const l = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase();
  return l.startsWith('zh') ? 'zh' : l.startsWith('en') ? 'en' : undefined;
};
setLocale(browserLocale() ?? 'en');

export type { SessionUser };

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/inbox');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/inbox');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const [state, setState] = useState<'loading' | 'setup' | 'login' | 'expired' | 'in'>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const hash = useHash();

  const signedIn = useCallback((s: SessionView) => {
    setCsrf(s.csrf);
    setLocale(s.user.locale ?? browserLocale() ?? s.defaultLocale);
    setUser(s.user);
    setState('in');
  }, []);

  useEffect(() => {
    api<SessionState>('GET', '/api/session')
      .then((r) => (r.session ? signedIn(r.session) : setState(r.needsSetup ? 'setup' : 'login')))
      .catch(() => setState('login'));
    const expired = () => setState('expired');
    window.addEventListener(EXPIRED, expired);
    return () => window.removeEventListener(EXPIRED, expired);
  }, [signedIn]);

  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).matches?.('input, textarea, select')) return;
      if (e.key === '?') setHelp((h) => !h);
      else if (e.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const join = /^#\/join\/(.+)$/.exec(hash)?.[1];
  if (state === 'loading') return <p className="center">{t('Loading…')}</p>;
  if (join && state !== 'in') return <Join token={join} onDone={signedIn} />;
  if (state !== 'in' || !user) return <SignIn mode={state === 'in' ? 'login' : state} onDone={signedIn} />;

  const issueNumber = /^#\/issue\/(\d+)/.exec(hash)?.[1];
  // The page is the hash's first part: "#/issue/12" is the issue page (of #12).
  const page = PAGES.find(([key]) => hash.split('/')[1] === key)?.[0] ?? 'inbox';
  const chooseLocale = async (l: Locale) => {
    await api('POST', '/api/me/locale', { locale: l }).catch(() => {});
    setLocale(l);
    setUser({ ...user, locale: l });
  };
  const logout = async () => {
    await api('POST', '/api/logout').catch(() => {});
    setUser(null);
    setState('login');
  };
  return (
    <div className="app" key={locale()}>
      <header className="top">
        <strong className="brand">{t('Pressroom')}</strong>
        <nav aria-label={t('Main')}>
          {PAGES.map(([key, label, Icon]) => (
            <a key={key} href={`#/${key}`} aria-current={page === key ? 'page' : undefined}>
              <Icon size={16} aria-hidden="true" />
              {t(label)}
            </a>
          ))}
          <a href="/submit" target="_blank" rel="noreferrer">
            <ExternalLink size={16} aria-hidden="true" />
            {t('Submission page')}
          </a>
        </nav>
        <span className="who">
          <select className="lang-choice" aria-label={t('Language of the app')} value={locale()} onChange={(e) => void chooseLocale(e.target.value as Locale)}>
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
          {user.name || user.email}
          <button className="link" onClick={logout}>
            {t('Sign out')}
          </button>
        </span>
      </header>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
      <main className="page">
        {page === 'inbox' && <Inbox />}
        {page === 'issue' && <Builder key={issueNumber ?? 'current'} number={issueNumber ? Number(issueNumber) : undefined} />}
        {page === 'issues' && <Issues />}
        {page === 'sources' && <Sources />}
        {page === 'subscribers' && <Subscribers />}
        {page === 'lookback' && <LookBack />}
        {page === 'team' && <Team user={user} />}
        {page === 'settings' && <Settings owner={user.role === 'owner'} />}
      </main>
    </div>
  );
}

/** The app's pages, in the navigation's order: the hash each answers to, its name and icon. */
const PAGES: readonly (readonly [string, string, LucideIcon])[] = [
  ['inbox', 'Inbox', InboxIcon],
  ['issue', 'Issue', Newspaper],
  ['issues', 'Issues', List],
  ['sources', 'Sources', Rss],
  ['subscribers', 'Subscribers', Users],
  ['lookback', 'Look back', ChartColumn],
  ['team', 'Team', UserCog],
  ['settings', 'Settings', SettingsIcon],
];

function SignIn({ mode, onDone }: { mode: 'setup' | 'login' | 'expired' | 'loading'; onDone: (s: SessionView) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const setup = mode === 'setup';
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      onDone(await api<SessionView>('POST', setup ? '/api/setup' : '/api/login', { email: f.get('email'), password: f.get('password'), ...(setup ? { name: f.get('name') } : {}) }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="auth">
      <h1>{setup ? t('Welcome to Pressroom') : t('Sign in to Pressroom')}</h1>
      {mode === 'expired' && (
        <p className="notice" role="status">
          {t('Your session has expired. Sign in again; nothing you saved is lost.')}
        </p>
      )}
      {setup && <p>{t('This is the first run: create the owner\'s account. The owner invites the other editors.')}</p>}
      <form onSubmit={submit}>
        {setup && (
          <label>
            {t('Your name')}
            <input name="name" autoComplete="name" />
          </label>
        )}
        <label>
          {t('Email')}
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          {t('Password')}
          <input name="password" type="password" required minLength={setup ? 10 : 1} autoComplete={setup ? 'new-password' : 'current-password'} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {setup ? t('Create the owner account') : t('Sign in')}
        </button>
      </form>
    </main>
  );
}

function Join({ token, onDone }: { token: string; onDone: (s: SessionView) => void }) {
  const [invite, setInvite] = useState<{ email: string; role: string } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ email: string; role: string }>('GET', `/api/invitations/${encodeURIComponent(token)}`).then(setInvite, (e: ApiError) => setError(e.message));
  }, [token]);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const s = await api<SessionView>('POST', '/api/invitations/accept', { token, name: f.get('name'), password: f.get('password') });
      location.hash = '#/inbox';
      onDone(s);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main className="auth">
      <h1>{t('Join Pressroom')}</h1>
      {invite && (
        <form onSubmit={submit}>
          <p>
            {t('You are invited as {role}, with the address {email}.', { role: t(invite.role), email: <strong>{invite.email}</strong> })}
          </p>
          <label>
            {t('Your name')}
            <input name="name" autoComplete="name" />
          </label>
          <label>
            {t('Choose a password (10 characters or more)')}
            <input name="password" type="password" required minLength={10} autoComplete="new-password" />
          </label>
          <button type="submit">{t('Join')}</button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

const KEYS: [string, string][] = [
  ['j / ↓, k / ↑', 'next, previous candidate'],
  ['a', 'add the candidate to its section of the draft'],
  ['1 … 9', 'add it to the first … ninth section'],
  ['x', 'skip it'],
  ['u', 'undo the last add or skip'],
  ['space', 'select it, for skipping several at once'],
  ['o', 'open its page in a new tab'],
  ['Ctrl+Z', 'undo the last change to the issue (in the builder)'],
  ['?', 'this help; Esc closes it'],
];

function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="dialog-backdrop" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog narrow-dialog" role="dialog" aria-modal="true" aria-labelledby="keys-title">
        <h2 id="keys-title">{t('Keyboard')}</h2>
        <table className="grid">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button onClick={onClose}>{t('Close')}</button>
        </div>
      </div>
    </div>
  );
}
