import { IANAZone } from 'luxon';

/** The user's zone: profile.timezone, else the journey's settings.timezone, else UTC (docs/journey-language.md#semantics). */
export function resolveZone(profileZone: unknown, settingsZone: string | undefined): string {
  if (typeof profileZone === 'string' && IANAZone.isValidZone(profileZone)) return profileZone;
  if (settingsZone && IANAZone.isValidZone(settingsZone)) return settingsZone;
  return 'UTC';
}
