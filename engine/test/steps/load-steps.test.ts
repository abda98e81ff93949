import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinCustomSteps, loadCustomSteps, stepRegistry } from '../../src/steps/registry.js';

const fixture = fileURLToPath(new URL('../fixtures/vip-step.ts', import.meta.url));

describe('custom step registry', () => {
  it('registers the built-in example and every defineStep export of the WAYMARK_STEPS modules', async () => {
    const steps = await loadCustomSteps([fixture]);
    expect([...steps.keys()]).toEqual(['loyaltyPoints', 'vipCheck']);
    const vip = steps.get('vipCheck')!;
    expect(vip.outputs).toEqual(['vip', 'regular']);
    expect(
      await vip.run({
        userId: 'u',
        profile: { lifetimeSpend: 900 },
        event: { name: 'x', properties: {}, timestamp: '' },
        config: vip.config.parse({}),
        idempotencyKey: 'k',
      }),
    ).toEqual({ output: 'vip', profileUpdates: { vip: true } });
  });

  it('refuses two steps with the same type', () => {
    expect(() => stepRegistry([...builtinCustomSteps, ...builtinCustomSteps])).toThrow(
      'custom step type "loyaltyPoints" is registered twice',
    );
  });

  it('computes loyalty tiers from points', async () => {
    const loyalty = builtinCustomSteps[0]!;
    const run = (points: number, total: number) =>
      loyalty.run({
        userId: 'u',
        profile: { loyaltyPoints: points },
        event: { name: 'order_paid', properties: { total }, timestamp: '' },
        config: loyalty.config.parse({ perUnitOf: 'total' }),
        idempotencyKey: 'k',
      });
    expect(await run(0, 10)).toEqual({
      output: 'bronze',
      profileUpdates: { loyaltyPoints: 10, loyaltyTier: 'bronze' },
    });
    expect(await run(990, 10)).toEqual({
      output: 'gold',
      profileUpdates: { loyaltyPoints: 1000, loyaltyTier: 'gold' },
    });
  });
});
