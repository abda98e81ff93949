import { nodeJsonSchemas, journeySettings } from '@waymark/workflows';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldKind } from './field-kind';
import {
  discriminatorOf,
  humanize,
  initialValue,
  matchVariant,
  variantLabel,
  variantsOf,
  type JsonSchema,
} from './json-schema';
import { SchemaForm } from './SchemaForm';

const schemas = nodeJsonSchemas() as Record<string, JsonSchema>;
afterEach(cleanup);

/** Renders a form and keeps its value, as the side panel does with the store. */
function renderForm(schema: JsonSchema, initial: unknown, errors = new Map<string, string>()) {
  const seen: { value: unknown } = { value: initial };
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <SchemaForm
        schema={schema}
        label="Step"
        value={value}
        errors={errors}
        messages={[{ id: 'welcome', label: 'Email: Welcome aboard' }]}
        onChange={(next) => {
          seen.value = next;
          setValue(next);
        }}
      />
    );
  }
  render(<Harness />);
  return seen;
}

describe('schema helpers', () => {
  it('picks a widget per field of the node schemas', () => {
    const fields = (type: string) =>
      Object.fromEntries(
        Object.entries(schemas[type]!.properties ?? {}).map(([name, schema]) => [
          name,
          fieldKind(name, schema, schemas[type]!),
        ]),
      );
    expect(fields('delay')).toEqual({ duration: 'duration' });
    expect(fieldKind('waitForEvent', schemas.waitForEvent!, schemas.waitForEvent!)).toBe('union');
    expect(fields('context')).toEqual({ set: 'record' });
    expect(fields('waitUntil')).toEqual({ at: 'string', offset: 'duration', localTime: 'string', days: 'multiSelect' });
    expect(fields('split')).toEqual({ variants: 'array', mode: 'enum' });
    expect(fields('updateProfile')).toEqual({ set: 'record', unset: 'array', increment: 'record' });
    expect(fieldKind('trigger', schemas.trigger!, schemas.trigger!)).toBe('union');
  });

  it('tells message variants apart by channel, and the fallback chain by its fields', () => {
    const variants = variantsOf(schemas.message!, schemas.message!)!;
    const discriminator = discriminatorOf(variants);
    expect(discriminator).toBe('channel');
    expect(variants.map((variant) => variantLabel(variant, discriminator))).toEqual([
      'email',
      'push',
      'sms',
      'whatsapp',
      'webhook',
      'channels',
    ]);
    expect(matchVariant(variants, { channel: 'sms', template: { body: 'hi' } })).toBe(2);
    expect(matchVariant(variants, { channels: [] })).toBe(5);
    expect(initialValue(variants[1]!, schemas.message!)).toEqual({
      channel: 'push',
      template: { title: '', body: '' },
    });
  });

  it('starts conditions as a simple attribute test and humanizes names', () => {
    expect(initialValue(schemas.branch!.properties!.branches!.items!, schemas.branch!)).toEqual({
      id: '',
      condition: { attr: 'profile.plan', op: 'exists' },
    });
    expect(humanize('imageUrl')).toBe('Image URL');
    expect(humanize('replyTo')).toBe('Reply to');
  });
});

describe('generated forms', () => {
  it('edits a duration as amount and unit', () => {
    const seen = renderForm(schemas.delay!, { duration: 'P2D' });
    fireEvent.change(screen.getByLabelText('Duration amount'), { target: { value: '3' } });
    expect(seen.value).toEqual({ duration: 'P3D' });
    fireEvent.change(screen.getByLabelText('Duration unit'), { target: { value: 'weeks' } });
    expect(seen.value).toEqual({ duration: 'P3W' });
  });

  it('switches a trigger kind and fills the new variant', () => {
    const seen = renderForm(schemas.trigger!, { kind: 'event', event: 'added_to_cart' });
    expect(screen.getByLabelText<HTMLInputElement>(/^Event/).value).toBe('added_to_cart');
    fireEvent.change(screen.getByLabelText('Step type'), { target: { value: '1' } });
    expect(seen.value).toEqual({ kind: 'segment', condition: { attr: 'profile.plan', op: 'exists' } });
  });

  it('switches a message channel and keeps the transactional flag', () => {
    const seen = renderForm(schemas.message!, {
      channel: 'push',
      template: { title: 'Hi', body: 'There' },
      transactional: true,
    });
    fireEvent.change(screen.getByLabelText('Step type'), { target: { value: '2' } });
    expect(seen.value).toEqual({ channel: 'sms', template: { body: '' }, transactional: true });
    fireEvent.change(screen.getByLabelText(/^Body/), { target: { value: 'Your code is {{ event.properties.code }}' } });
    expect(seen.value).toEqual({
      channel: 'sms',
      template: { body: 'Your code is {{ event.properties.code }}' },
      transactional: true,
    });
  });

  it('adds and removes list items (split variants)', () => {
    const seen = renderForm(schemas.split!, {
      variants: [
        { id: 'a', weight: 50 },
        { id: 'b', weight: 50 },
      ],
      mode: 'fixed',
    });
    fireEvent.click(screen.getByText('+ Add variant'));
    expect((seen.value as { variants: unknown[] }).variants).toEqual([
      { id: 'a', weight: 50 },
      { id: 'b', weight: 50 },
      { id: '', weight: 0 },
    ]);
    fireEvent.click(screen.getByLabelText('Remove variant 1'));
    expect((seen.value as { variants: unknown[] }).variants).toEqual([
      { id: 'b', weight: 50 },
      { id: '', weight: 0 },
    ]);
  });

  it('folds optional structured fields behind "Add"', () => {
    const seen = renderForm(schemas.waitForEvent!, { event: 'order_completed', timeout: 'P2D' });
    expect(screen.getByLabelText<HTMLSelectElement>('Step type').selectedOptions[0]!.textContent).toBe('one event');
    fireEvent.click(screen.getByText('+ Add where'));
    expect(seen.value).toEqual({
      event: 'order_completed',
      timeout: 'P2D',
      where: { attr: 'profile.plan', op: 'exists' },
    });
    fireEvent.click(screen.getByText('Remove where'));
    expect(seen.value).toEqual({ event: 'order_completed', timeout: 'P2D' });
  });

  it('switches a wait to action paths: one event per path, each with its own id', () => {
    const seen = renderForm(schemas.waitForEvent!, { event: 'order_completed', timeout: 'P2D' });
    fireEvent.change(screen.getByLabelText('Step type'), { target: { value: '1' } });
    expect(seen.value).toEqual({ events: [], timeout: 'P2D' });
    fireEvent.click(screen.getByText('+ Add event'));
    fireEvent.change(screen.getByLabelText(/^ID/), { target: { value: 'bought' } });
    fireEvent.change(screen.getByLabelText(/^Event/), { target: { value: 'order_completed' } });
    expect(seen.value).toEqual({ events: [{ id: 'bought', event: 'order_completed' }], timeout: 'P2D' });
  });

  it('edits a context node: a path, Liquid or a constant per variable', () => {
    const seen = renderForm(schemas.context!, { set: { product: { path: 'trigger.properties.productId' } } });
    expect(screen.getByLabelText<HTMLInputElement>(/^Path/).value).toBe('trigger.properties.productId');
    fireEvent.change(screen.getByLabelText('Set value 1 type'), { target: { value: '0' } });
    expect(seen.value).toEqual({ set: { product: '' } });
    fireEvent.change(screen.getByLabelText(/^Set value 1$/), {
      target: { value: '{{ trigger.properties.name | upcase }}' },
    });
    expect(seen.value).toEqual({ set: { product: '{{ trigger.properties.name | upcase }}' } });
    fireEvent.click(screen.getByText('+ Add entry'));
    expect(seen.value).toEqual({ set: { product: '{{ trigger.properties.name | upcase }}', field_2: '' } });
  });

  it('compares an attribute with another path (valueFrom)', () => {
    const seen = renderForm(schemas.waitForEvent!, {
      event: 'order_completed',
      timeout: 'P2D',
      where: { attr: 'event.properties.productId', op: 'eq', value: 'p1' },
    });
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'path' } });
    fireEvent.change(screen.getByLabelText('Value path'), { target: { value: 'trigger.properties.productId' } });
    expect((seen.value as { where: unknown }).where).toEqual({
      attr: 'event.properties.productId',
      op: 'eq',
      valueFrom: 'trigger.properties.productId',
    });
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: 'neq' } });
    expect((seen.value as { where: unknown }).where).toEqual({
      attr: 'event.properties.productId',
      op: 'neq',
      valueFrom: 'trigger.properties.productId',
    });
    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'value' } });
    expect((seen.value as { where: unknown }).where).toEqual({
      attr: 'event.properties.productId',
      op: 'neq',
      value: '',
    });
  });

  it('builds conditions: attribute, event history, engagement, all/any', () => {
    const seen = renderForm(schemas.branch!, {
      branches: [{ id: 'gold', condition: { attr: 'profile.plan', op: 'eq', value: 'gold' } }],
    });
    const condition = () => (seen.value as { branches: { condition: unknown }[] }).branches[0]!.condition;
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: '3' } });
    expect(condition()).toEqual({ attr: 'profile.plan', op: 'eq', value: 3 });
    fireEvent.change(screen.getByLabelText('Condition type'), { target: { value: 'all' } });
    expect(condition()).toEqual({ all: [{ attr: 'profile.plan', op: 'eq', value: 3 }] });
    const inner = screen.getAllByLabelText('Condition type')[1]!;
    fireEvent.change(inner, { target: { value: 'performed' } });
    fireEvent.change(screen.getByLabelText('Event name'), { target: { value: 'order_completed' } });
    fireEvent.change(screen.getByLabelText('Count operator'), { target: { value: 'gte' } });
    fireEvent.change(screen.getByLabelText('Within amount'), { target: { value: '30' } });
    expect(condition()).toEqual({
      all: [{ performed: 'order_completed', count: { op: 'gte', value: 1 }, within: 'P30D' }],
    });
    fireEvent.click(screen.getByText('+ Add condition'));
    fireEvent.change(screen.getAllByLabelText('Condition type')[2]!, { target: { value: 'message' } });
    expect(condition()).toEqual({
      all: [
        { performed: 'order_completed', count: { op: 'gte', value: 1 }, within: 'P30D' },
        { message: 'welcome', status: 'opened' },
      ],
    });
  });

  it('shows the compiler message next to its field', () => {
    renderForm(
      schemas.message!,
      { channel: 'push', template: { title: '', body: 'x' } },
      new Map([['template.title', 'title is required']]),
    );
    const field = document.querySelector('[data-path="template.title"]') as HTMLElement;
    expect(within(field).getByRole('alert').textContent).toBe('title is required');
  });

  it('renders journey settings from their schema (re-entry, cooldown, goal)', () => {
    const settings = z.toJSONSchema(journeySettings, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const seen = renderForm(settings, {});
    fireEvent.change(screen.getByLabelText('Reentry'), { target: { value: 'never' } });
    fireEvent.change(screen.getByLabelText('Cooldown amount'), { target: { value: '7' } });
    expect(seen.value).toEqual({ reentry: 'never', cooldown: 'P7D' });
    fireEvent.click(screen.getByText('+ Add goal'));
    expect((seen.value as { goal: unknown }).goal).toEqual({ event: '' });
  });
});
