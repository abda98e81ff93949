/**
 * An email body built from blocks in the designer's email editor, stored as the MJML it makes
 * (the template's `html`), so the engine sends it like any MJML: Liquid first, then MJML to HTML.
 * Text may hold Liquid (`{{ profile.firstName }}`, `{% if … %}`); it is written as text, never as markup.
 */
export type EmailBlock =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'button'; text: string; href: string }
  | { type: 'image'; src: string; alt: string }
  | { type: 'divider' };

/** An email `html` written in MJML: the engine renders it to HTML after Liquid, and so does the designer's preview. */
export const isMjml = (html: string): boolean => /^\s*<mjml[\s>]/i.test(html);

/** Liquid output and tags: escaped apart from the text around them, so Liquid still reads its quotes and comparisons. */
const LIQUID = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/;

const escapeMarkup = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * The marketer's text as MJML: fully escaped around Liquid; inside Liquid only `&` and `<`, which MJML
 * cannot hold raw. In an attribute, Liquid's double-quoted strings become single-quoted (the same to Liquid).
 */
function escapeAround(text: string, inAttribute: boolean): string {
  return text
    .split(LIQUID)
    .map((part, i) => {
      if (i % 2 === 1) return inAttribute ? escapeMarkup(part).replace(/"/g, "'") : escapeMarkup(part);
      const escaped = escapeMarkup(part).replace(/>/g, '&gt;');
      return inAttribute ? escaped.replace(/"/g, '&quot;') : escaped.replace(/\r?\n/g, '<br />');
    })
    .join('');
}
const escapeText = (text: string) => escapeAround(text, false);
const escapeAttribute = (text: string) => escapeAround(text, true);

const blockMjml: { [T in EmailBlock['type']]: (block: Extract<EmailBlock, { type: T }>) => string } = {
  heading: (block) =>
    `<mj-text font-size="24px" font-weight="bold" line-height="1.3">${escapeText(block.text)}</mj-text>`,
  text: (block) => `<mj-text>${escapeText(block.text)}</mj-text>`,
  button: (block) => `<mj-button href="${escapeAttribute(block.href)}">${escapeText(block.text)}</mj-button>`,
  image: (block) => `<mj-image src="${escapeAttribute(block.src)}" alt="${escapeAttribute(block.alt)}"></mj-image>`,
  divider: () => '<mj-divider border-width="1px" border-color="#d9dde5"></mj-divider>',
};

/** The MJML of an email made of blocks: one white column on a light background, readable on phones. */
export function emailBlocksToMjml(blocks: readonly EmailBlock[]): string {
  const body = blocks.map((block) => `        ${(blockMjml[block.type] as (b: EmailBlock) => string)(block)}`);
  return [
    '<mjml>',
    '  <mj-head>',
    '    <mj-attributes>',
    '      <mj-all font-family="Helvetica, Arial, sans-serif"></mj-all>',
    '      <mj-text font-size="16px" line-height="1.5" color="#1d2330"></mj-text>',
    '      <mj-button background-color="#3b6fd8" color="#ffffff" border-radius="6px" font-size="16px"></mj-button>',
    '    </mj-attributes>',
    '  </mj-head>',
    '  <mj-body background-color="#f4f5f7">',
    '    <mj-section background-color="#ffffff" padding="24px 8px">',
    '      <mj-column>',
    ...body,
    '      </mj-column>',
    '    </mj-section>',
    '  </mj-body>',
    '</mjml>',
  ].join('\n');
}
