import { ApiError } from '../api/client';

/** One entry of a 400 `invalid_request`'s `details.issues`: the dotted field (`contactPolicy.frequencyCaps.0.within`, `providers.sms`) and why. */
export interface SettingsIssue {
  field: string;
  message: string;
}

const isIssue = (issue: unknown): issue is SettingsIssue =>
  typeof issue === 'object' &&
  issue !== null &&
  typeof (issue as SettingsIssue).field === 'string' &&
  typeof (issue as SettingsIssue).message === 'string';

/** Field messages by path, for the form's FormContext; empty when the error is not a validation answer. */
export function settingsErrors(error: unknown): Map<string, string> {
  const issues = error instanceof ApiError ? (error.details as { issues?: unknown } | undefined)?.issues : undefined;
  if (!Array.isArray(issues)) return new Map();
  return new Map(issues.filter(isIssue).map((issue) => [issue.field, issue.message]));
}
