import type { Condition } from '../schema/condition.js';

/**
 * What a segment condition may not read, with the field's path under `at`. A segment is who the
 * person is: their profile and event history. No event starts its entries, so `trigger.*`, `event.*`
 * and `vars.*` would read something different wherever it is evaluated (the audience estimate,
 * publish's "enter everyone who matches now", an identify, a track event, a profile change by a step),
 * and engagement with the journey's own messages cannot have happened yet. Inside a `performed`
 * condition's `where`, `event.*` is the counted event and stays allowed.
 */
export function segmentConditionProblems(
  condition: Condition,
  at: string,
  counted = false,
): { path: string; message: string }[] {
  if ('all' in condition)
    return condition.all.flatMap((c, i) => segmentConditionProblems(c, `${at}.all.${i}`, counted));
  if ('any' in condition)
    return condition.any.flatMap((c, i) => segmentConditionProblems(c, `${at}.any.${i}`, counted));
  if ('not' in condition) return segmentConditionProblems(condition.not, `${at}.not`, counted);
  if ('performed' in condition)
    return condition.where ? segmentConditionProblems(condition.where, `${at}.where`, true) : [];
  if ('message' in condition)
    return [
      {
        path: at,
        message: `a segment decides who enters, before this journey has sent them anything, so it cannot check engagement with "${condition.message}"`,
      },
    ];
  const readable = counted ? /^(profile|event)\./ : /^profile\./;
  return (['attr', 'valueFrom'] as const).flatMap((field) => {
    const path = condition[field];
    if (path === undefined || readable.test(path)) return [];
    return [
      {
        path: `${at}.${field}`,
        message:
          `a segment reads the profile and event history, and no event starts its entries, so "${path}" has ` +
          `nothing to read; use a profile.* path${counted ? ' or event.* (the counted event)' : ' or a "performed" condition'}`,
      },
    ];
  });
}
