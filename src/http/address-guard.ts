// The SSRF guard: refuses private, loopback, link-local and other non-public addresses,
// checked after DNS resolution on every connection, so every redirect hop is checked too.

import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export type PrivatePolicy = 'deny' | 'loopback' | 'allow';

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function family(ip: string): 'ipv4' | 'ipv6' {
  return isIP(ip) === 6 ? 'ipv6' : 'ipv4';
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function unmap(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

export function isBlocked(address: string, policy: PrivatePolicy): boolean {
  if (policy === 'allow') return false;
  const ip = unmap(address.replace(/^\[|\]$/g, ''));
  if (!PRIVATE.check(ip, family(ip))) return false;
  return !(policy === 'loopback' && LOOPBACK.check(ip, family(ip)));
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EPRESSROOMBLOCKED';
}

/** A dns.lookup replacement for the dialer: resolves, then refuses what the policy blocks. */
export function guardedLookup(policy: PrivatePolicy, trusted: ReadonlySet<string> = new Set()): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = trusted.has(hostname.toLowerCase()) ? undefined : list.find((a) => isBlocked(a.address, policy));
      if (bad) {
        return callback(new BlockedAddressError(`${hostname} resolves to ${bad.address}, a private or reserved address`), '', 0);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
