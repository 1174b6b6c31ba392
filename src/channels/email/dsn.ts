// Reading bounce and complaint reports: delivery status notifications (RFC 3464, a
// multipart/report with message/delivery-status) and abuse reports (ARF, RFC 5965). Only hard
// failures count: a DSN whose action is "failed" with a 5.x.x status; delayed or 4.x.x is not.

export interface MailEvent {
  type: 'bounce' | 'complaint';
  email: string;
  detail: string;
}

export function parseDsn(raw: string): MailEvent[] {
  const text = raw.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  const events: MailEvent[] = [];
  if (/^Feedback-Type:\s*(abuse|fraud)/im.test(text)) {
    const rcpt = /^Original-Rcpt-To:\s*<?([^\s>]+@[^\s>]+)>?/im.exec(text)?.[1];
    if (rcpt) events.push({ type: 'complaint', email: rcpt.toLowerCase(), detail: 'abuse report' });
    return events;
  }
  // Per-recipient fields come in blocks separated by blank lines.
  for (const block of text.split(/\n\s*\n/)) {
    const rcpt = /^Final-Recipient:\s*rfc822;\s*<?([^\s>]+@[^\s>]+)>?/im.exec(block)?.[1];
    if (!rcpt) continue;
    const action = /^Action:\s*(\w+)/im.exec(block)?.[1]?.toLowerCase();
    const status = /^Status:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(block)?.[1] ?? '';
    if (action !== 'failed' || !status.startsWith('5')) continue;
    const diag = /^Diagnostic-Code:\s*(.*)$/im.exec(block)?.[1] ?? '';
    events.push({ type: 'bounce', email: rcpt.toLowerCase(), detail: `${status} ${diag}`.trim().slice(0, 300) });
  }
  return events;
}
