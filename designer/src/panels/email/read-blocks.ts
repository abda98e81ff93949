import { emailBlocksToMjml, type EmailBlock } from '@waymark/workflows';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of a block element: its text, with `<br />` as line breaks. */
const textOf = (element: Element) =>
  [...element.childNodes].map((node) => (node.nodeName === 'br' ? '\n' : (node.textContent ?? ''))).join('');

function blockOf(element: Element): EmailBlock | undefined {
  const attribute = (name: string) => element.getAttribute(name) ?? '';
  switch (element.tagName) {
    case 'mj-text':
      return { type: attribute('font-weight') === 'bold' ? 'heading' : 'text', text: textOf(element) };
    case 'mj-button':
      return { type: 'button', text: textOf(element), href: attribute('href') };
    case 'mj-image':
      return { type: 'image', src: attribute('src'), alt: attribute('alt') };
    case 'mj-divider':
      return { type: 'divider' };
  }
  return undefined;
}

/**
 * The blocks an email body was made of, when the block editor wrote it (writing them again gives
 * the same MJML); undefined for hand-written HTML or MJML, which stays editable as code.
 */
export function readEmailBlocks(html: string | undefined): EmailBlock[] | undefined {
  if (!html?.trim()) return [];
  const document = new DOMParser().parseFromString(html, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) return undefined;
  const column = document.querySelector('mjml > mj-body > mj-section > mj-column');
  if (!column) return undefined;
  const blocks = [...column.children].map(blockOf);
  if (blocks.some((block) => !block)) return undefined;
  const read = blocks as EmailBlock[];
  return squash(emailBlocksToMjml(read)) === squash(html) ? read : undefined;
}
