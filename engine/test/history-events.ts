/** Readers of a workflow history's events: one fetched from the server, or a JSON fixture (payloads in base64). */

type Payloads = { payloads?: { data?: string | Uint8Array | null }[] | null } | null;

export type HistoryEvent = {
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null; input?: Payloads } | null;
  timerStartedEventAttributes?: unknown;
  markerRecordedEventAttributes?: { markerName?: string | null; details?: Record<string, Payloads> | null } | null;
  workflowExecutionCompletedEventAttributes?: { result?: Payloads } | null;
};

/** A JSON payload: bytes from the client, base64 in a JSON fixture. */
export const payloadJson = <T>(data: string | Uint8Array | null | undefined) =>
  JSON.parse((typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(data!)).toString()) as T;

/** Regular activities the history schedules, in order. */
export const activityNames = (events: HistoryEvent[] | null | undefined) =>
  (events ?? []).flatMap((e) =>
    e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : [],
  );

/** The inputs of the regular activities the history schedules, in order. */
export const scheduledInputs = (events: HistoryEvent[] | null | undefined) =>
  (events ?? []).flatMap((e) =>
    e.activityTaskScheduledEventAttributes
      ? [payloadJson<Record<string, unknown>>(e.activityTaskScheduledEventAttributes.input?.payloads?.[0]?.data)]
      : [],
  );

/** Local activities the history's markers record, in order. */
export const localActivityNames = (events: HistoryEvent[] | null | undefined) =>
  (events ?? [])
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
    .map(
      (m) =>
        payloadJson<{ activity_type: string }>(m.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data)
          .activity_type,
    );
