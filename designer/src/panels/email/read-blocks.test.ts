import { emailBlocksToMjml, type EmailBlock } from '@waymark/workflows';
import { describe, expect, it } from 'vitest';
import { readEmailBlocks } from './read-blocks';

describe('reading an email body back into blocks', () => {
  it('reads what the block editor wrote, Liquid, line breaks and escaped text included', () => {
    const blocks: EmailBlock[] = [
      { type: 'heading', text: 'Hi {{ profile.firstName | default: "there" }}' },
      { type: 'text', text: 'Line one & <two>\nLine three' },
      { type: 'button', text: 'Open "cart"', href: 'https://shop.example/c?a=1&b={{ event.properties.id }}' },
      { type: 'image', src: 'https://shop.example/i.png', alt: 'A case' },
      { type: 'divider' },
    ];
    expect(readEmailBlocks(emailBlocksToMjml(blocks))).toEqual(blocks);
    expect(readEmailBlocks(undefined)).toEqual([]);
  });

  it('reads Liquid tags with comparisons and quoted filters back; a link reads its Liquid strings single-quoted', () => {
    const text = { type: 'text', text: '{% if profile.points > 100 %}Gold{% else %}\nHi "you"{% endif %}' } as const;
    const button = { type: 'button', text: 'Shop', href: '?n={{ profile.name | default: "friend" }}' } as const;
    expect(readEmailBlocks(emailBlocksToMjml([text, button]))).toEqual([
      text,
      { ...button, href: "?n={{ profile.name | default: 'friend' }}" },
    ]);
  });

  it('leaves hand-written HTML and MJML to the code editor', () => {
    expect(readEmailBlocks('<p>Hello</p>')).toBeUndefined();
    expect(
      readEmailBlocks(
        '<mjml><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>',
      ),
    ).toBeUndefined();
    const edited = emailBlocksToMjml([{ type: 'text', text: 'x' }]).replace('<mj-text>', '<mj-text color="red">');
    expect(readEmailBlocks(edited)).toBeUndefined();
  });
});
