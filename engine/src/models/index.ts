export { AliasModel, type Alias } from './alias.js';
export {
  EntryModel,
  TransitionModel,
  TransitionRollupModel,
  entryStatuses,
  type Entry,
  type Transition,
} from './entry.js';
export { EventModel, type StoredEvent } from './event.js';
export {
  JourneyModel,
  JourneyVersionModel,
  journeyStatuses,
  type Journey,
  type JourneyStatus,
  type JourneyVersion,
} from './journey.js';
export { MessageModel, messageStatuses, outboxRow, type Message, type MessageStatus } from './message.js';
export { ProfileModel, type Profile } from './profile.js';
export { ProfileChangeModel } from './profile-change.js';
export { SettingsModel } from './settings.js';
export { insertPlain, type PlainDoc } from './insert-plain.js';
export { LockModel, withLock, type LockOptions } from './lock.js';
export { ArmCounterModel, SplitAssignmentModel, type ArmCounter, type SplitAssignment } from './experiment.js';
export { RateSlotModel } from './rate-slot.js';

import { AliasModel } from './alias.js';
import { EntryModel, TransitionModel, TransitionRollupModel } from './entry.js';
import { EventModel } from './event.js';
import { JourneyModel, JourneyVersionModel } from './journey.js';
import { MessageModel } from './message.js';
import { ProfileModel } from './profile.js';
import { ProfileChangeModel } from './profile-change.js';
import { LockModel } from './lock.js';
import { SettingsModel } from './settings.js';
import { ArmCounterModel, SplitAssignmentModel } from './experiment.js';

/** Creates every collection's indexes (idempotent); run at start-up before serving. */
export async function syncIndexes(): Promise<void> {
  for (const model of [
    ProfileModel,
    ProfileChangeModel,
    EventModel,
    JourneyModel,
    JourneyVersionModel,
    EntryModel,
    TransitionModel,
    TransitionRollupModel,
    MessageModel,
    SettingsModel,
    LockModel,
    SplitAssignmentModel,
    ArmCounterModel,
    AliasModel,
  ]) {
    await model.createIndexes();
  }
}
export { isDuplicateKey, onlyDuplicateKeys } from './write-errors.js';
export { connectStore, STORE_POOL_SIZE } from './connect.js';
