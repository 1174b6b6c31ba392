// The readers' forms on the served site: subscribing with double opt-in, one-click unsubscribe
// (RFC 8058), members signing in by a link mailed to them and signing out, and the webhook for
// bounces and complaints. The rules are app/readers.ts's; these routes turn them into pages.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../core/model.ts';
import { fill } from '../core/template.ts';
import { confirmMail, memberLinkMail, welcomeMail, type MailText } from '../channels/email/compose.ts';
import { parseDsn } from '../channels/email/dsn.ts';
import { membersPage, messagePage, subscribePage } from '../channels/site/pages/forms.ts';
import { wordsFor } from '../channels/site/words.ts';
import { AppError } from '../app/errors.ts';
import { confirm, confirmationOf, memberLinkOf, memberLinkToken, recordMailEvents, requestSubscription, signInMember, signOutMember, unsubscribeReader, unsubscriberOf } from '../app/readers.ts';
import { emailProblem } from '../app/subscribers.ts';
import { cookie, HttpError, sized } from './http.ts';
import { MEMBER_COOKIE, type SiteContext } from './site.ts';

export function registerReaderForms(app: FastifyInstance, ctx: SiteContext): void {
  const { deps, forms, secureFor, current, mailSite, readers, viewerOf, send } = ctx;
  // ---- subscribing

  const mailTo = async (to: string, m: MailText) => {
    if (!deps.mail) throw new HttpError(503, 'mail is not set up on this server (PRESSROOM_SMTP_URL)', 'no-mail');
    const stored = await deps.publication();
    const from = deps.mail.from ?? stored.pub.publishing?.mailFrom ?? `${stored.pub.name[stored.pub.primaryLang] ?? stored.pub.slug} <weekly@localhost>`;
    await deps.mail.pool.sendMail({ from, to, ...m });
  };
  const message = async (req: FastifyRequest, reply: FastifyReply, lang: Lang, title: string, text: string, status = 200, form?: Parameters<typeof messagePage>[4]) => {
    const { site } = await current(req);
    return send(reply, messagePage(site, site.pub.languages.includes(lang) ? lang : site.pub.primaryLang, title, text, form), undefined, site, status);
  };
  /** A link from a mail that is forged or too old; we do not know the reader's language, so the site's. */
  const badLink = async (req: FastifyRequest, reply: FastifyReply, error: 'invalid' | 'expired') => {
    const { site } = await current(req);
    const w = wordsFor(site.pub.primaryLang);
    return message(req, reply, site.pub.primaryLang, w.subscribe, error === 'expired' ? w.linkExpired : w.linkInvalid, 400);
  };
  const limited = (req: FastifyRequest) => {
    const wait = forms.hit(req.ip);
    if (wait) throw new HttpError(429, `Too many requests from your address; try again in ${Math.ceil(wait / 60)} minutes.`, 'rate-limited');
  };
  // A form's failure is a page a reader can read, not JSON.
  const asPage = <R extends FastifyRequest>(handler: (req: R, reply: FastifyReply) => Promise<unknown>) => async (req: R, reply: FastifyReply) => {
    try {
      return await handler(req, reply);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const lang = String((req.body as Record<string, string> | undefined)?.lang ?? 'en');
      return message(req, reply, lang, wordsFor(lang).subscribe, e.message, e.statusCode);
    }
  };

  app.post<{ Body: Record<string, string> }>('/subscribe', { config: { access: 'anyone' } }, asPage(async (req: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const { site, stored } = await mailSite(req);
    const body = req.body ?? {};
    const lang = site.pub.languages.includes(body.lang ?? '') ? body.lang! : site.pub.primaryLang;
    const w = wordsFor(lang);
    if (body.website) return message(req, reply, lang, w.subscribe, w.sent); // the honeypot: look the same, do nothing
    const email = String(body.email ?? '').trim();
    if (emailProblem(email.toLowerCase())) return send(reply, subscribePage(site, lang, `${email || '(empty)'} ${emailProblem(email.toLowerCase())}`), undefined, site, 400);
    limited(req);
    const r = await requestSubscription(readers, stored, email, lang);
    if (r.status === 'already') return message(req, reply, lang, w.subscribe, w.already);
    await mailTo(r.subscriber.email, confirmMail(site, lang, `${site.abs('/subscribe/confirm')}?t=${r.token}`));
    return message(req, reply, lang, w.subscribe, w.sent);
  }));

  const confirmToken = async (req: FastifyRequest, t: string) => confirmationOf(readers, (await current(req)).stored, t);
  // Opening the link shows a button: mail scanners that follow links do not confirm anyone.
  app.get<{ Querystring: { t?: string } }>('/subscribe/confirm', { config: { access: 'public' } }, async (req, reply) => {
    const s = await confirmToken(req, req.query.t ?? '');
    if (typeof s === 'string') return badLink(req, reply, s);
    const lang = s.lang;
    const w = wordsFor(lang);
    return message(req, reply, lang, w.subscribe, fill(w.confirmPrompt, { email: s.email }), 200, { action: '/subscribe/confirm', fields: { t: req.query.t ?? '' }, button: w.confirmButton });
  });
  app.post<{ Body: Record<string, string> }>('/subscribe/confirm', { config: { access: 'anyone' } }, async (req, reply) => {
    const s = await confirmToken(req, req.body?.t ?? '');
    if (typeof s === 'string') return badLink(req, reply, s);
    const { site, configured } = await current(req);
    if ((await confirm(readers, await deps.publication(), s)) && configured) await mailTo(s.email, welcomeMail(site, s.lang)).catch((e: Error) => req.log.warn(`welcome mail to ${s.email} failed: ${e.message}`));
    return message(req, reply, s.lang, wordsFor(s.lang).subscribe, fill(wordsFor(s.lang).confirmed, { email: s.email }));
  });

  // ---- one-click unsubscribe: the List-Unsubscribe URL answers a POST (RFC 8058) and, opened in a browser, shows a button.
  const unsubscriber = async (req: FastifyRequest, t: string) => unsubscriberOf(readers, (await current(req)).stored, t);
  app.get<{ Querystring: { t?: string } }>('/unsubscribe', { config: { access: 'public' } }, async (req, reply) => {
    const s = await unsubscriber(req, req.query.t ?? '');
    if (!s) return badLink(req, reply, 'invalid');
    const w = wordsFor(s.lang);
    return message(req, reply, s.lang, w.subscribe, fill(w.unsubscribePrompt, { email: s.email }), 200, { action: `/unsubscribe?t=${encodeURIComponent(req.query.t ?? '')}`, fields: {}, button: w.unsubscribeButton });
  });
  app.post<{ Querystring: { t?: string }; Body: Record<string, string> }>('/unsubscribe', { config: { access: 'anyone' } }, async (req, reply) => {
    const s = await unsubscriber(req, req.query.t ?? req.body?.t ?? '');
    if (!s) return badLink(req, reply, 'invalid');
    await unsubscribeReader(readers, await deps.publication(), s);
    return message(req, reply, s.lang, wordsFor(s.lang).subscribe, fill(wordsFor(s.lang).unsubscribed, { email: s.email }));
  });

  // ---- members

  app.post<{ Body: Record<string, string> }>('/members/login', { config: { access: 'anyone' } }, asPage(async (req: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const { site, stored } = await mailSite(req);
    const lang = site.pub.languages.includes(req.body?.lang ?? '') ? req.body!.lang! : site.pub.primaryLang;
    const email = String(req.body?.email ?? '').trim();
    if (emailProblem(email.toLowerCase())) return send(reply, membersPage(site, lang, { member: false }, `${email || '(empty)'} is not an email address`), undefined, site, 400);
    limited(req);
    // The answer is the same whether or not the address is a member's: it does not tell who is.
    const link = await memberLinkToken(readers, stored, email);
    if (link) await mailTo(link.email, memberLinkMail(site, lang, `${site.abs('/members/verify')}?t=${link.token}`));
    return send(reply, membersPage(site, lang, { member: false }, wordsFor(lang).memberSent), undefined, site);
  }));
  app.get<{ Querystring: { t?: string } }>('/members/verify', { config: { access: 'public' } }, async (req, reply) => {
    const email = memberLinkOf(readers, req.query.t ?? '');
    const { site } = await current(req);
    const lang = site.pub.primaryLang;
    if (email === 'invalid' || email === 'expired') return badLink(req, reply, email);
    return message(req, reply, lang, wordsFor(lang).members, email, 200, { action: '/members/verify', fields: { t: req.query.t ?? '' }, button: wordsFor(lang).signIn });
  });
  app.post<{ Body: Record<string, string> }>('/members/verify', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req);
    const signedIn = await signInMember(readers, stored, req.body?.t ?? '', String(req.headers['user-agent'] ?? ''));
    if (signedIn === 'invalid' || signedIn === 'expired') return badLink(req, reply, signedIn);
    if (signedIn === 'used') {
      const w = wordsFor(site.pub.primaryLang);
      return message(req, reply, site.pub.primaryLang, w.members, w.linkUsed, 400);
    }
    void reply.header('set-cookie', cookie(MEMBER_COOKIE, signedIn.cookie, { maxAgeSeconds: signedIn.maxAgeSeconds, secure: secureFor(req) }));
    return reply.redirect(site.href('/'), 303);
  });
  app.post<{ Body: Record<string, string> }>('/members/logout', { config: { access: 'public' } }, async (req, reply) => {
    const { site, stored } = await current(req);
    const viewer = await viewerOf(req, stored);
    if (viewer.member && req.body?.csrf !== viewer.csrf) throw new HttpError(403, 'missing or wrong form token (reload the page)', 'csrf');
    // Signing out ends the session where it is kept, not only in this browser; "everywhere" ends all of the address's.
    if (viewer.sessionId) await signOutMember(readers, stored, { email: viewer.memberEmail!, sessionId: viewer.sessionId, csrf: viewer.csrf! }, !!req.body?.everywhere);
    void reply.header('set-cookie', cookie(MEMBER_COOKIE, '', { maxAgeSeconds: 0, secure: secureFor(req) }));
    return reply.redirect(site.href('/members/'), 303);
  });

  // ---- bounces and complaints: JSON events from a mail provider, or DSN / ARF reports as message/rfc822 bodies.
  app.post<{ Body: unknown }>('/hooks/mail-events', sized(1024 * 1024, { config: { access: 'anyone' } }), async (req) => {
    if (!deps.webhookSecret) throw new HttpError(404, 'the mail events webhook is off (set PRESSROOM_MAIL_WEBHOOK_SECRET)');
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${deps.webhookSecret}`) throw new HttpError(401, 'wrong or missing bearer token', 'unauthenticated');
    const stored = await deps.publication();
    const events: { type: string; email: string; detail?: string }[] =
      typeof req.body === 'string' || Buffer.isBuffer(req.body)
        ? parseDsn(String(req.body))
        : ((Array.isArray(req.body) ? req.body : [req.body]) as { type: string; email: string; detail?: string }[]);
    try {
      return await recordMailEvents(readers, stored, events);
    } catch (e) {
      // A malformed report is the sender's mistake: 400, and nothing of it is recorded.
      throw e instanceof AppError ? new HttpError(400, e.message) : e;
    }
  });
}
