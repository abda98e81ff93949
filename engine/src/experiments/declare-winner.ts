import { ApiError } from '../http/errors.js';
import { JourneyModel } from '../models/index.js';
import type { DraftDocument } from '@waymark/workflows/api';
import { findJourney } from '../journeys/service.js';

type DraftNode = DraftDocument['graph']['nodes'][number];
type SplitDraftData = { variants: { id: string; weight: number }[]; mode?: string };

/**
 * "Declare winner": the draft's split sends everyone down `arm` (fixed mode, weight 100, the other
 * arms 0, their paths kept for the record). Saved with a compare-and-set on the revision; the
 * caller publishes it.
 */
export async function applyWinnerToDraft(
  journeyId: string,
  nodeId: string,
  arm: string,
): Promise<{ revision: number }> {
  const journey = await findJourney(journeyId);
  if (journey.status === 'archived')
    throw new ApiError(409, 'archived', `Journey "${journeyId}" is archived and read-only.`);
  const draft = journey.draft as DraftDocument;
  const split = draft.graph.nodes.find((node: DraftNode) => node.id === nodeId && node.type === 'split');
  if (!split) throw new ApiError(404, 'not_found', `The draft of "${journeyId}" has no split node "${nodeId}".`);
  const data = split.data as SplitDraftData;
  const variants = Array.isArray(data?.variants) ? data.variants : [];
  if (!variants.some((v) => v.id === arm)) {
    throw new ApiError(
      400,
      'invalid_request',
      `Invalid request body: arm: split "${nodeId}" has no arm "${arm}" (it has ${variants.map((v) => v.id).join(', ') || 'none'})`,
    );
  }
  const winning = { ...data, mode: 'fixed', variants: variants.map((v) => ({ ...v, weight: v.id === arm ? 100 : 0 })) };
  const nodes = draft.graph.nodes.map((node: DraftNode) => (node === split ? { ...node, data: winning } : node));
  const saved = await JourneyModel.findOneAndUpdate(
    { _id: journeyId, revision: journey.revision },
    { $set: { draft: { ...draft, graph: { ...draft.graph, nodes } } }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!saved) throw new ApiError(409, 'conflict', 'The journey was saved elsewhere at the same moment; try again.');
  return { revision: saved.revision };
}
