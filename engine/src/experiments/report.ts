import type { JourneyIR, NodeOf } from '@waymark/workflows';
import {
  createRandomness,
  holdoutReport,
  splitReport,
  type ExperimentsReport,
  type Tally,
} from '@waymark/workflows/experiments';
import { EntryModel } from '../models/index.js';

type Count<K> = { _id: K; n: number };

/**
 * `GET /api/journeys/:id/experiments`: exact counts from the entries of one version (not the
 * optimizer's counters), with the statistics of docs/experiments.md.
 */
export async function experimentsReport(journeyId: string, version: number, ir: JourneyIR): Promise<ExperimentsReport> {
  const counted = { journeyId, version, status: { $ne: 'skipped' } };
  const converted = { convertedAt: { $exists: true } };
  // The control group is left out of the arms: it got no message, so it would blur their comparison.
  const perArm = (match: object) =>
    EntryModel.aggregate<Count<{ node: string; arm: string }>>([
      { $match: { ...counted, holdout: { $ne: true }, ...match } },
      { $unwind: '$arms' },
      { $group: { _id: { node: '$arms.node', arm: '$arms.arm' }, n: { $sum: 1 } } },
    ]);
  const perGroup = (match: object) =>
    EntryModel.aggregate<Count<boolean | null>>([
      { $match: { ...counted, ...match } },
      { $group: { _id: '$holdout', n: { $sum: 1 } } },
    ]);
  const [armEntered, armConverted, groupEntered, groupConverted] = await Promise.all([
    perArm({}),
    perArm(converted),
    perGroup({}),
    perGroup(converted),
  ]);

  // Seeded: the Monte Carlo figures stay put between refreshes of the same counts.
  const random = createRandomness(1);
  const count = (groups: Count<{ node: string; arm: string }>[], node: string, arm: string) =>
    groups.find((g) => g._id.node === node && g._id.arm === arm)?.n ?? 0;
  const splits = Object.values(ir.nodes)
    .filter((node): node is NodeOf<'split'> => node.type === 'split')
    .map((node) =>
      splitReport(
        node.id,
        node.data.mode,
        node.data.variants.map((v) => ({
          id: v.id,
          entered: count(armEntered, node.id, v.id),
          converted: count(armConverted, node.id, v.id),
        })),
        random,
      ),
    );

  const percent = ir.settings.holdout?.percent;
  const group = (control: boolean): Tally => ({
    entered: groupEntered.filter((g) => (g._id === true) === control).reduce((sum, g) => sum + g.n, 0),
    converted: groupConverted.filter((g) => (g._id === true) === control).reduce((sum, g) => sum + g.n, 0),
  });
  return { version, splits, holdout: percent ? holdoutReport(percent, group(true), group(false)) : null };
}
