import { z } from 'zod';
import { defineStep } from './define-step.js';

const tiers = [
  { tier: 'gold', from: 1_000 },
  { tier: 'silver', from: 300 },
  { tier: 'bronze', from: 0 },
] as const;

/**
 * Example custom step ("reward loyal customers by tier", docs/architecture.md#example-journeys): adds points for the
 * triggering order, recomputes the tier, and branches on it.
 */
export const loyaltyPoints = defineStep({
  type: 'loyaltyPoints',
  title: 'Loyalty points',
  description: 'Award points (a fixed amount, or per unit of an event property) and branch on the resulting tier.',
  config: z.object({
    points: z.number().int().min(0).default(0).describe('Fixed points to award'),
    perUnitOf: z.string().optional().describe('Event property whose value also earns points, e.g. "total"'),
    pointsPerUnit: z.number().min(0).default(1),
  }),
  outputs: ['gold', 'silver', 'bronze'],
  async run({ profile, event, config }) {
    const unitValue = config.perUnitOf ? Number(event.properties[config.perUnitOf]) || 0 : 0;
    const points = (Number(profile.loyaltyPoints) || 0) + config.points + Math.floor(unitValue * config.pointsPerUnit);
    const { tier } = tiers.find((t) => points >= t.from)!;
    return { output: tier, profileUpdates: { loyaltyPoints: points, loyaltyTier: tier } };
  },
});
