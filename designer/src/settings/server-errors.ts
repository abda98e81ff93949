import { ApiError } from '../api/client';

/** `details` of a 400 `invalid_settings`: which field (`contactPolicy.frequencyCaps.0.within`) and why. */
export interface SettingsIssue {
  path: string;
  message: string;
}

/** Field messages by path, for the form's FormContext; empty when the error is not a validation answer. */
export function settingsErrors(error: unknown): Map<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return new Map();
  const issues = (error.details as Partial<SettingsIssue>[]).filter((issue): issue is SettingsIssue => typeof issue.path === 'string' && typeof issue.message === 'string');
  return new Map(issues.map((issue) => [issue.path, issue.message]));
}
