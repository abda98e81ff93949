import { describe, expect, it } from 'vitest';
import { emptyVariableWarnings, personalisationFields, templateVariables } from './variables';

const sample = {
  profile: { userId: 'u', first_name: 'Ada' },
  event: { name: 'added_to_cart', properties: { name: 'Tablet case' } },
};
const seen = {
  profile: [
    { path: 'profile.firstName', count: 12, example: 'Ann' },
    { path: 'profile.email', count: 12, example: 'a@example.com' },
  ],
  event: [{ path: 'event.properties.name', count: 5, example: 'Case' }],
};

describe('personalisation', () => {
  it('finds the variables a template prints, with or without a fallback', () => {
    const template = {
      title: 'Hi {{ profile.firstName }}',
      body: '{{ event.properties.name }} {{ profile.city | default: "there" }}',
      url: '{{event.properties.url}}',
    };
    expect(templateVariables(template)).toEqual([
      { path: 'profile.firstName', hasDefault: false },
      { path: 'event.properties.name', hasDefault: false },
      { path: 'profile.city', hasDefault: true },
      { path: 'event.properties.url', hasDefault: false },
    ]);
  });

  it('warns about variables that would print nothing: empty test data, or named unlike real data', () => {
    expect(
      emptyVariableWarnings(
        templateVariables({ body: 'Hi {{ profile.firstName }}, {{ event.properties.name }}' }),
        sample,
      ),
    ).toEqual([
      '“firstName” is empty for the test profile, so the preview prints nothing there. Add it to the test data, or a fallback: {{ profile.firstName | default: "there" }}.',
    ]);
    expect(
      emptyVariableWarnings(
        templateVariables({ body: 'Hi {{ profile.first_name }} {{ profile.nickname }}' }),
        sample,
        seen,
      ),
    ).toEqual([
      '“first_name” is not on real profiles, which have “firstName”: write {{ profile.firstName }} or it prints nothing.',
      'No real profile has “nickname” yet: it would print nothing. Add a fallback, e.g. {{ profile.nickname | default: "there" }}.',
    ]);
    expect(
      emptyVariableWarnings(templateVariables({ body: '{{ profile.nickname | default: "friend" }}' }), sample, seen),
    ).toEqual([]);
  });

  it('offers fields seen on real data first, then the test data’s own', () => {
    expect(personalisationFields(sample, seen).map((field) => field.path)).toEqual([
      'profile.firstName',
      'profile.email',
      'event.properties.name',
      'profile.userId',
      'profile.first_name',
    ]);
  });
});
