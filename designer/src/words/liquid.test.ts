import { describe, expect, it } from 'vitest';
import { chipParts, liquidWords } from './liquid';

describe('message text in words', () => {
  it('names each printed field as the personalisation picker does, and leaves logic tags out', () => {
    expect(liquidWords('Still thinking about {{ event.properties.name }}?')).toBe('Still thinking about «name»?');
    expect(liquidWords('Hi {{profile.firstName | default: "there"}}, {{ vars.code }}')).toBe('Hi «firstName», «code»');
    expect(liquidWords('{% if profile.vip %}VIP {% endif %}offer')).toBe('VIP offer');
    expect(liquidWords('Your order')).toBe('Your order');
  });

  it('splits the fields out so a card can draw them as chips', () => {
    expect(chipParts('Hi «firstName», welcome')).toEqual([
      { text: 'Hi ', field: false },
      { text: '«firstName»', field: true },
      { text: ', welcome', field: false },
    ]);
  });
});
