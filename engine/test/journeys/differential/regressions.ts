import type { DiffCase } from './cases.js';

/** trigger -> the given nodes in a row -> exit. */
function line(nodes: { type: string; data: unknown }[], settings: Record<string, unknown> = {}): DiffCase['document'] {
  const all = [
    { id: 'trigger', type: 'trigger', data: { kind: 'event', event: 'added_to_cart' } },
    ...nodes.map((node, i) => ({ id: `n${i + 1}`, ...node })),
    { id: 'end', type: 'exit', data: {} },
  ];
  return {
    name: 'Regression',
    graph: {
      nodes: all,
      edges: all.slice(1).map((node, i) => ({ source: all[i]!.id, sourceHandle: 'next', target: node.id })),
    },
    settings,
  };
}

/** Every mismatch the differential test found, kept as a case that runs on every test run (fixed, see the comments). */
export const regressions: DiffCase[] = [
  // The simulator recorded a message the profile cannot receive as `skipped`, the engine as
  // `skipped:email` (the first channel of the message). The simulator now names the channel.
  {
    document: line([{ type: 'message', data: { channel: 'email', template: { subject: 'Hi', text: 'Hi' } } }]),
    profile: { traits: { visits: 0 }, phone: '+15550001111' },
    trigger: { productId: 'p1', dueInMinutes: 0 },
    events: [],
  },
  // Two waits until 09:00 in a row: the runtime's timer fires milliseconds after 09:00, so "the
  // next 09:00 at or after now" was the next day; the simulator went straight on. The entry's clock
  // is now logical (a timer happens at the wait's planned end), in both drivers.
  {
    document: line(
      [
        { type: 'waitUntil', data: { localTime: '09:00' } },
        { type: 'waitUntil', data: { localTime: '09:00' } },
      ],
      { timezone: 'Asia/Seoul' },
    ),
    profile: { traits: { visits: 1 }, timezone: 'America/New_York' },
    trigger: { productId: 'p1', dueInMinutes: 90 },
    events: [],
  },
  // The same through a delay whose end lands on the local time: a late timer must not skip a day either.
  {
    document: line([
      { type: 'waitUntil', data: { localTime: '18:30', days: ['mon', 'thu'] } },
      { type: 'delay', data: { duration: 'P1D' } },
      { type: 'waitUntil', data: { localTime: '18:30' } },
    ]),
    profile: { traits: { visits: 1 } },
    trigger: { productId: 'p2', dueInMinutes: 0 },
    events: [],
  },
];
