import { trackingUrl, type TrackingOptions } from './tokens.js';

// Anchors' href attributes, quoted either way; rendered email HTML (ours or MJML's) always quotes them.
const ANCHOR_HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gis;

const decodeAttribute = (value: string) => value.replace(/&amp;|&#0*38;|&#x0*26;/gi, '&').trim();
const encodeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Routes every http(s) link of an email through the signed click redirect and appends the open
 * pixel. The unsubscribe link stays direct: a click must unsubscribe, not count as engagement.
 */
export function addTracking(
  html: string,
  messageId: string,
  tracking: TrackingOptions,
  unsubscribeUrl?: string,
): string {
  const tracked = html.replace(ANCHOR_HREF, (anchor, prefix: string, _quote: string, href: string) => {
    const url = decodeAttribute(href);
    if (!/^https?:\/\//i.test(url) || url === unsubscribeUrl) return anchor;
    return `${prefix}"${encodeAttribute(trackingUrl(tracking, { kind: 'click', messageId, url }))}"`;
  });
  const pixel = `<img src="${encodeAttribute(trackingUrl(tracking, { kind: 'open', messageId }))}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`;
  const bodyEnd = tracked.search(/<\/body>/i);
  return bodyEnd < 0 ? tracked + pixel : tracked.slice(0, bodyEnd) + pixel + tracked.slice(bodyEnd);
}
