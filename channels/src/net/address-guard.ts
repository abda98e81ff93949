import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ProviderError } from '../types.js';

/**
 * Keeps outbound calls to user-supplied URLs (webhooks, Web Push endpoints) off the private network:
 * only globally routable unicast addresses are reachable unless `allow` names the host or its range.
 * The check runs in the socket's DNS lookup, so the address connected to is the address checked
 * (no window for DNS rebinding between check and connect).
 */
export interface AddressGuard {
  /** For `http(s).request({ lookup })` and agents. */
  lookup: LookupFunction;
  /** Checks a URL's host when it is an IP literal (sockets skip the lookup for those). */
  checkUrl(url: URL): void;
}

/** `allow`: host names (exact, case-insensitive), IP addresses or CIDR ranges, e.g. `10.0.0.0/8`. */
export function createAddressGuard(allow: readonly string[] = []): AddressGuard {
  const isAddress = (entry: string) => ipaddr.isValid(entry.split('/')[0]!);
  const hosts = new Set(allow.filter((entry) => !isAddress(entry)).map((host) => host.toLowerCase()));
  const ranges = allow.filter(isAddress).map((entry): [ipaddr.IPv4 | ipaddr.IPv6, number] => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const ip = ipaddr.process(entry);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  });

  const permitted = (host: string, address: string) => {
    const ip = ipaddr.process(address);
    return (
      ip.range() === 'unicast' ||
      hosts.has(host.toLowerCase()) ||
      ranges.some((range) => ip.kind() === range[0].kind() && ip.match(range))
    );
  };
  const blocked = (host: string, address: string) =>
    new ProviderError(
      'blocked_address',
      `${host} resolves to ${address}, a private or reserved address; allow it in the channel settings to call it`,
    );

  const lookup = ((
    hostname: string,
    options: LookupOptions,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const denied = addresses.find((entry) => !permitted(hostname, entry.address));
      if (denied) return callback(blocked(hostname, denied.address), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return first
        ? callback(null, first.address, first.family)
        : callback(new Error(`no address for ${hostname}`), []);
    });
  }) as LookupFunction;

  return {
    lookup,
    checkUrl(url: URL) {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !permitted(host, host)) throw blocked(host, host);
    },
  };
}
