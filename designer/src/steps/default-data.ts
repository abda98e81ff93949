import type { StepInfo } from './catalog';

/**
 * What a freshly dropped node holds: the smallest data that shows the marketer what to fill in.
 * Required names are left empty on purpose so validation points at them.
 */
export function defaultData(info: Pick<StepInfo, 'type' | 'step'>): Record<string, unknown> {
  switch (info.type) {
    case 'trigger':
      return { kind: 'event', event: '' };
    case 'delay':
      return { duration: 'P1D' };
    case 'waitUntil':
      return { localTime: '09:00' };
    case 'waitForEvent':
      return { event: '', timeout: 'P2D' };
    case 'branch':
      // An empty condition with a placeholder, not a real one ("plan is set") a marketer might publish unread.
      return { branches: [{ id: 'path_1', label: 'Path 1', condition: { attr: '', op: 'eq', value: '' } }] };
    case 'split':
      return {
        variants: [
          { id: 'a', label: 'A', weight: 50 },
          { id: 'b', label: 'B', weight: 50 },
        ],
        mode: 'fixed',
      };
    case 'message':
      return { channel: 'push', template: { title: '', body: '' } };
    case 'updateProfile':
      return { set: {} };
    case 'context':
      return { set: { productId: { path: 'trigger.properties.productId' } } };
    case 'custom':
      return { step: info.step ?? '', config: {} };
    default:
      return {};
  }
}
