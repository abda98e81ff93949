import { compile, type CompileResult, type JourneyIR } from '@waymark/workflows';
import type { DraftDocument } from '@waymark/workflows/api';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/errors.js';
import { JourneyModel, JourneyVersionModel, type JourneyStatus } from '../models/index.js';
import type { CustomSteps } from '../steps/registry.js';

/** Readable, unique ids: they show up in workflow ids (`journey:<id>:<user>`) in the Temporal UI. */
export function newJourneyId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'journey';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}

export async function findJourney(id: string) {
  const journey = await JourneyModel.findById(id).lean();
  if (!journey) throw new ApiError(404, 'not_found', `No journey "${id}".`);
  return journey;
}

export function compileDraft(
  draft: DraftDocument,
  steps: CustomSteps,
  journey?: { id: string; version: number },
): CompileResult {
  return compile(draft, { steps, ...(journey ? { journey } : {}), production: process.env.NODE_ENV === 'production' });
}

/** Compiles the draft and stores it as the next immutable version; new entries use it, running ones keep theirs. */
export async function publish(
  id: string,
  steps: CustomSteps,
): Promise<{ version: number; ir: JourneyIR; status: JourneyStatus; warnings: CompileResult['warnings'] }> {
  const journey = await findJourney(id);
  if (journey.status === 'archived')
    throw new ApiError(409, 'archived', `Journey "${id}" is archived; archived journeys cannot be published.`);
  const version = (journey.version ?? 0) + 1;
  const result = compileDraft(journey.draft as DraftDocument, steps, { id, version });
  if (!result.ok)
    throw new ApiError(
      422,
      'invalid_journey',
      `The journey has ${result.errors.length} error(s); the first: ${result.errors[0]!.message}`,
      { errors: result.errors, warnings: result.warnings },
    );
  const { ir } = result;
  const status = journey.status === 'paused' ? 'paused' : 'active';
  await JourneyVersionModel.create({ journeyId: id, version, document: journey.draft, ir, publishedAt: new Date() });
  await JourneyModel.updateOne(
    { _id: id },
    // listensTo keeps the names of earlier versions too: their running entries still wait for them.
    {
      $set: {
        version,
        status,
        triggerKind: ir.trigger.kind,
        triggerEvent: ir.trigger.kind === 'event' ? ir.trigger.event : null,
      },
      $addToSet: { listensTo: { $each: ir.listensTo } },
    },
  );
  return { version, ir, status, warnings: result.warnings };
}

const transitions: Record<'pause' | 'resume' | 'archive', { from: JourneyStatus[]; to: JourneyStatus }> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  archive: { from: ['draft', 'active', 'paused'], to: 'archived' },
};

/** Pause (no new entries, messages held), resume, archive. */
export async function changeStatus(id: string, action: keyof typeof transitions): Promise<JourneyStatus> {
  const journey = await findJourney(id);
  const { from, to } = transitions[action];
  if (!from.includes(journey.status))
    throw new ApiError(409, 'invalid_status', `Cannot ${action} journey "${id}" while it is ${journey.status}.`);
  await JourneyModel.updateOne({ _id: id }, { $set: { status: to } });
  return to;
}
