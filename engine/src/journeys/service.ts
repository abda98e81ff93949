import { compile, type CompileResult, type JourneyIR } from '@waymark/workflows';
import type { DraftDocument } from '@waymark/workflows/api';
import { randomBytes } from 'node:crypto';
import { config } from '../config.js';
import { ApiError } from '../http/errors.js';
import { EntryModel, JourneyModel, JourneyVersionModel, type JourneyStatus } from '../models/index.js';
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

/** Every journey, newest change first, with how many entered and converted. */
export async function listJourneys() {
  const journeys = await JourneyModel.find({}, { draft: 0 }).sort({ updatedAt: -1 }).lean();
  // Two plain $group passes: FerretDB (the embedded store) implements no $cond inside $group.
  const countBy = async (match: Record<string, unknown>) =>
    new Map(
      (
        await EntryModel.aggregate<{ _id: string; n: number }>([
          { $match: match },
          { $group: { _id: '$journeyId', n: { $sum: 1 } } },
        ])
      ).map((c) => [c._id, c.n]),
    );
  const [entered, converted] = await Promise.all([
    countBy({ status: { $ne: 'skipped' } }),
    countBy({ convertedAt: { $exists: true } }),
  ]);
  return journeys.map((j) => ({
    id: j._id,
    name: j.name,
    status: j.status,
    version: j.version ?? null,
    updatedAt: j.updatedAt,
    entered: entered.get(j._id) ?? 0,
    converted: converted.get(j._id) ?? 0,
  }));
}

export async function createDraft(draft: DraftDocument) {
  const id = newJourneyId(draft.name);
  await JourneyModel.create({ _id: id, name: draft.name, draft, revision: 1, status: 'draft' });
  return { id, name: draft.name, status: 'draft' as const, revision: 1 };
}

/** A journey with its draft, the revision a save must name, and its published versions. */
export async function journeyDetail(id: string) {
  const journey = await findJourney(id);
  const versions = await JourneyVersionModel.find({ journeyId: journey._id }, { version: 1, publishedAt: 1 })
    .sort({ version: -1 })
    .lean();
  return {
    id: journey._id,
    name: journey.name,
    status: journey.status,
    version: journey.version ?? null,
    revision: journey.revision,
    draft: journey.draft,
    updatedAt: journey.updatedAt,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
  };
}

export async function findVersion(journeyId: string, version: number) {
  const stored = await JourneyVersionModel.findOne({ journeyId, version }).lean();
  if (!stored) throw new ApiError(404, 'not_found', `Journey "${journeyId}" has no version ${version}.`);
  return { document: stored.document, ir: stored.ir as JourneyIR, publishedAt: stored.publishedAt };
}

/** Saves the draft with a compare-and-set on the revision: a save based on a stale copy (another tab) is refused, not merged. */
export async function saveDraft(id: string, revision: number, draft: DraftDocument) {
  const journey = await findJourney(id);
  if (journey.status === 'archived')
    throw new ApiError(409, 'archived', `Journey "${journey._id}" is archived and read-only.`);
  const saved = await JourneyModel.findOneAndUpdate(
    { _id: journey._id, revision },
    { $set: { draft, name: draft.name }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!saved)
    throw new ApiError(
      409,
      'conflict',
      `The journey was saved elsewhere (revision ${journey.revision}, you edited ${revision}); reload it before saving.`,
      { currentRevision: journey.revision },
    );
  return { id: saved._id, revision: saved.revision, status: saved.status };
}

/** Deletes a draft that was never published (published ones have entries: archive them instead). */
export async function deleteDraft(id: string): Promise<void> {
  const journey = await findJourney(id);
  if (journey.version)
    throw new ApiError(
      409,
      'published',
      `Journey "${journey._id}" has published versions and entries; archive it instead.`,
    );
  await JourneyModel.deleteOne({ _id: journey._id });
}

export function compileDraft(
  draft: DraftDocument,
  steps: CustomSteps,
  journey?: { id: string; version: number },
): CompileResult {
  return compile(draft, { steps, ...(journey ? { journey } : {}), production: !config().devMode });
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
