import { describe, expect, it } from 'vitest';
import { addTracking } from './links.js';
import { signToken, trackingUrl, verifyToken, type TrackingClaim } from './tokens.js';

const tracking = { baseUrl: 'https://waymark.example.com/', secret: 's3cret' };

describe('signed tracking tokens', () => {
  const claim: TrackingClaim = { kind: 'click', messageId: 'm1', url: 'https://shop.example.com/p/42?a=1&b=2' };

  it('round-trips a claim', () => {
    expect(verifyToken('s3cret', signToken('s3cret', claim))).toEqual(claim);
  });

  it('rejects other secrets, altered payloads and garbage', () => {
    const token = signToken('s3cret', claim);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claim, url: 'https://evil.example' })).toString('base64url')}.${signature}`;
    for (const candidate of [forged, `${token}x`, `${token}.x`, 'abc', '', signToken('other', claim)]) {
      expect(verifyToken('s3cret', candidate)).toBeUndefined();
    }
  });

  it('builds URLs under the engine base URL', () => {
    expect(trackingUrl(tracking, { kind: 'open', messageId: 'm1' })).toMatch(
      /^https:\/\/waymark\.example\.com\/o\/[\w-]+\.[\w-]+$/,
    );
  });
});

describe('addTracking', () => {
  const claimOf = (url: string) => verifyToken('s3cret', url.split('/').pop()!);

  it('routes web links through the click redirect and leaves the rest alone', () => {
    const html = `<html><body><a class="b" href="https://shop.example.com/p/42?x=1&amp;y=2">Buy</a> <a href='http://old.example.com/'>Old</a>
      <a href="mailto:help@example.com">Help</a> <a href="#top">Top</a> <a href="https://waymark.example.com/u/tok">Unsubscribe</a></body></html>`;
    const tracked = addTracking(html, 'm1', tracking, 'https://waymark.example.com/u/tok');
    const hrefs = [...tracked.matchAll(/href="([^"]+)"/g)].map(([, href]) => href!);
    expect(hrefs.slice(0, 2).map(claimOf)).toEqual([
      { kind: 'click', messageId: 'm1', url: 'https://shop.example.com/p/42?x=1&y=2' },
      { kind: 'click', messageId: 'm1', url: 'http://old.example.com/' },
    ]);
    expect(hrefs.slice(2)).toEqual(['mailto:help@example.com', '#top', 'https://waymark.example.com/u/tok']);
    expect(tracked).toContain('<a class="b" href="https://waymark.example.com/c/');
  });

  it('puts the open pixel at the end of the body', () => {
    const tracked = addTracking('<html><body><p>Hi</p></body></html>', 'm1', tracking);
    const pixel = /<img src="([^"]+)" width="1" height="1"[^>]*><\/body><\/html>$/.exec(tracked);
    expect(claimOf(pixel?.[1] ?? '')).toEqual({ kind: 'open', messageId: 'm1' });
    expect(addTracking('<p>fragment</p>', 'm1', tracking)).toMatch(
      /^<p>fragment<\/p><img src="https:\/\/waymark\.example\.com\/o\//,
    );
  });
});
