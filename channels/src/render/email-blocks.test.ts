import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import { emailBlocksToMjml, renderTemplate } from '@waymark/workflows';

describe("email blocks (the designer's email editor)", () => {
  const blocks = [
    { type: 'heading', text: 'Still thinking, {{ profile.firstName }}?' },
    { type: 'text', text: 'Your {{ event.properties.name }} is waiting.\nFree returns & exchanges <always>.' },
    {
      type: 'button',
      text: 'Back to my cart',
      href: 'https://shop.example/cart?item={{ event.properties.id }}&src=mail',
    },
    { type: 'image', src: 'https://shop.example/p.png', alt: 'The "case"' },
    { type: 'divider' },
  ] as const;

  it('write MJML that strict MJML turns into HTML, text escaped and Liquid kept for the send', async () => {
    const mjml = emailBlocksToMjml(blocks);
    const rendered = renderTemplate(
      { subject: 'x', html: mjml },
      {
        profile: { firstName: 'Ann' },
        event: { name: 'e', properties: { name: 'Tablet <case>', id: 'p1' }, timestamp: '' },
        journey: { id: 'j', name: 'J', version: 1 },
        message: { id: 'm' },
      },
    );
    expect(rendered.ok).toBe(true);
    const html = (
      await mjml2html((rendered as { rendered: { html: string } }).rendered.html, { validationLevel: 'strict' })
    ).html;
    expect(html).toContain('Still thinking, Ann?');
    // A profile value is HTML-escaped by Liquid, the marketer's own text by the blocks.
    expect(html).toContain('Your Tablet &lt;case&gt; is waiting.<br />Free returns &amp; exchanges &lt;always&gt;.');
    expect(html).toContain('href="https://shop.example/cart?item=p1&amp;src=mail"');
    expect(html).toContain('Back to my cart');
    expect(html).toContain('alt="The &quot;case&quot;"');
  });

  it('keep Liquid tags and filters intact: quotes in a link, comparisons in text', async () => {
    const mjml = emailBlocksToMjml([
      {
        type: 'text',
        text: '{% if profile.points > 100 %}Gold & "VIP"{% else %}Hi {{ profile.name | default: "there" }}{% endif %}',
      },
      {
        type: 'button',
        text: 'Shop',
        href: 'https://shop.example/?n={{ profile.name | default: "friend" | url_encode }}&x=1',
      },
    ]);
    const render = async (profile: Record<string, unknown>) => {
      const rendered = renderTemplate(
        { subject: 'x', html: mjml },
        {
          profile,
          event: { name: 'e', properties: {}, timestamp: '' },
          journey: { id: 'j', name: 'J', version: 1 },
          message: { id: 'm' },
        },
      );
      expect(rendered).toMatchObject({ ok: true });
      return (
        await mjml2html((rendered as { rendered: { html: string } }).rendered.html, { validationLevel: 'strict' })
      ).html;
    };
    const gold = await render({ points: 150, name: 'Ann Lee' });
    expect(gold).toContain('Gold &amp; "VIP"');
    expect(gold).toContain('href="https://shop.example/?n=Ann+Lee&amp;x=1"');
    const other = await render({ points: 5 });
    expect(other).toContain('Hi there');
    expect(other).toContain('href="https://shop.example/?n=friend&amp;x=1"');
  });
});
