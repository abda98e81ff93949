import { nodeJsonSchemas } from '@waymark/workflows';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../api/api-context';
import type { WaymarkApi } from '../api/waymark-api';
import type { JsonSchema } from './schema-form/json-schema';
import { SchemaForm } from './schema-form/SchemaForm';

afterEach(cleanup);

/** An engine that knows two events and records each prefix it is asked about. */
function fakeApi() {
  const prefixes: string[] = [];
  const seen = [
    { name: 'order_completed', count: 4, lastSeenAt: '2027-01-02T00:00:00Z' },
    { name: 'order_refunded', count: 1, lastSeenAt: '2027-01-01T00:00:00Z' },
    { name: 'added_to_cart', count: 9, lastSeenAt: '2027-01-01T00:00:00Z' },
  ];
  const api = {
    eventNames: (prefix: string) => (
      prefixes.push(prefix),
      Promise.resolve(seen.filter((entry) => entry.name.startsWith(prefix)))
    ),
  } as unknown as WaymarkApi;
  return { api, prefixes };
}

function renderWithApi(
  api: WaymarkApi,
  schema: JsonSchema,
  initial: unknown,
  eventNames: string[] = [],
): { value: unknown } {
  const seen = { value: initial };
  function Harness(): ReactNode {
    const [value, setValue] = useState(initial);
    return (
      <SchemaForm
        schema={schema}
        label="Step"
        value={value}
        eventNames={eventNames}
        onChange={(next) => {
          seen.value = next;
          setValue(next);
        }}
      />
    );
  }
  render(
    <ApiContext.Provider value={{ api, temporalUiUrl: '' }}>
      <Harness />
    </ApiContext.Provider>,
  );
  return seen;
}

const optionsOf = (input: HTMLElement) => [
  ...document.getElementById(input.getAttribute('list')!)!.querySelectorAll('option'),
];
const options = (input: HTMLElement) => optionsOf(input).map((option) => option.value);
const labels = (input: HTMLElement) => optionsOf(input).map((option) => option.getAttribute('label') ?? '');
const schemas = nodeJsonSchemas() as Record<string, JsonSchema>;

describe('event name suggestions', () => {
  it("asks the engine once per pause in typing and lists recent names first, then the journey's own", async () => {
    const { api, prefixes } = fakeApi();
    const seen = renderWithApi(api, schemas.waitForEvent!, { event: '', timeout: 'P1D' }, ['order_placed']);
    const input = screen.getByLabelText(/^Event/);
    await waitFor(() => expect(prefixes).toEqual(['']));
    for (const text of ['o', 'or', 'ord']) fireEvent.change(input, { target: { value: text } });
    await waitFor(() => expect(options(input)).toEqual(['order_completed', 'order_refunded', 'order_placed']));
    expect(prefixes).toEqual(['', 'ord']);
    expect(labels(input)).toEqual(['order_completed (seen 4× lately)', 'order_refunded (seen 1× lately)', '']);
    fireEvent.change(input, { target: { value: 'anything_new' } });
    expect(seen.value).toMatchObject({ event: 'anything_new' });
  });

  it('suggests names in a performed condition too', async () => {
    const { api } = fakeApi();
    renderWithApi(api, schemas.branch!, { branches: [{ id: 'a', condition: { performed: 'add' } }] });
    const input = screen.getByLabelText('Event name');
    await waitFor(() => expect(options(input)).toEqual(['added_to_cart']));
  });
});
