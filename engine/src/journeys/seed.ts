import { exampleJourneys } from '@waymark/workflows';
import { JourneyModel } from '../models/index.js';
import { newJourneyId } from './service.js';

/** On an empty database, the example journeys (docs/architecture.md#example-journeys) as drafts to open on first run. */
export async function seedExampleJourneys(): Promise<number> {
  if ((await JourneyModel.estimatedDocumentCount()) > 0) return 0;
  for (const example of exampleJourneys) {
    await JourneyModel.create({
      _id: newJourneyId(example.name),
      name: example.name,
      draft: example,
      revision: 1,
      status: 'draft',
    });
  }
  return exampleJourneys.length;
}
