import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/*
 * Where the server may send outbound HTTP (the webhook notifier, notification channels): shared so both refuse the
 * same addresses (docs/notifications.md, "Channels").
 */

/** Cloud metadata endpoints by name (GCP, Azure/OpenStack style, Alibaba). */
const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);
/** Metadata addresses outside the link-local ranges (Alibaba Cloud, AWS IPv6). */
const METADATA_ADDRESSES = new Set(['100.100.100.200', 'fd00:ec2::254']);

/**
 * Why an address is not an outbound target by default (docs/configuration.md): link-local IPv4
 * (169.254.0.0/16, where AWS, GCP and Azure serve instance metadata and credentials), link-local
 * IPv6 (fe80::/10), the unspecified address, and known metadata addresses. Loopback and private
 * LAN addresses stay allowed: self-hosted chat servers live there.
 */
export function refusedAddress(address: string): string | null {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  if (mapped) return refusedAddress(mapped);
  // The URL parser writes IPv4-mapped addresses in hex (`::ffff:a9fe:a9fe`).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return refusedAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (METADATA_ADDRESSES.has(ip)) return 'a cloud metadata address';
  if (isIP(ip) === 4) {
    if (ip.startsWith('169.254.')) return 'a link-local address';
    if (ip === '0.0.0.0') return 'the unspecified address';
  }
  if (isIP(ip) === 6) {
    if (/^fe[89ab][0-9a-f]?:/.test(ip)) return 'a link-local address';
    if (ip === '::') return 'the unspecified address';
  }
  return null;
}

/** The URL's host checked without DNS: an IP literal or a known metadata name. */
export function refusedUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return 'not a URL';
  }
  if (METADATA_HOSTS.has(host)) return 'a cloud metadata host';
  return refusedAddress(host);
}

/** Resolves the host (as fetch will) and refuses when any address it maps to is refused. */
export async function refusedResolvedUrl(url: string): Promise<string | null> {
  const direct = refusedUrl(url);
  if (direct) return direct;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true });
    for (const a of addresses) {
      const why = refusedAddress(a.address);
      if (why) return `${host} resolves to ${why}`;
    }
  } catch {
    // Unresolvable: fetch reports the DNS error itself.
  }
  return null;
}
