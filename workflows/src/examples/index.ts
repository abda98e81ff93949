import { cartReminder } from './cart-reminder.js';
import { onboarding } from './onboarding.js';
import { replenishment } from './replenishment.js';

export { cartReminder, onboarding, replenishment };
/** The example journeys the engine seeds on an empty database. */
export const exampleJourneys = [cartReminder, replenishment, onboarding];
