import type { BodyOf, MessagesFilter, ResponseOf, SimulateRequest } from '@waymark/workflows/api';
import type { AnalyticsBucket } from '@waymark/workflows/api';
import type { ApiClient } from './client';

const id = encodeURIComponent;

/** One typed call per management endpoint; request and answer types are the engine's schemas (@waymark/workflows/api). */
export function createWaymarkApi(client: ApiClient) {
  return {
    listJourneys: () => client.get<ResponseOf<'listJourneys'>>('/api/journeys').then((answer) => answer.journeys),
    createJourney: (document: BodyOf<'createJourney'>) =>
      client.post<ResponseOf<'createJourney'>>('/api/journeys', document),
    getJourney: (journeyId: string) => client.get<ResponseOf<'getJourney'>>(`/api/journeys/${id(journeyId)}`),
    /** Saves the draft; `revision` is the one loaded, a stale one answers 409 `conflict`. */
    saveJourney: (journeyId: string, document: BodyOf<'createJourney'>, revision: number) =>
      client.put<ResponseOf<'saveJourney'>>(`/api/journeys/${id(journeyId)}`, {
        ...document,
        revision,
      } satisfies BodyOf<'saveJourney'>),
    deleteJourney: (journeyId: string) => client.delete<void>(`/api/journeys/${id(journeyId)}`),
    validateJourney: (document: Omit<BodyOf<'validateJourney'>, 'name'> & { name?: string }) =>
      client.post<ResponseOf<'validateJourney'>>('/api/journeys/validate', document),
    /** How many profiles match a segment condition (exact up to a sample, else estimated). */
    estimateSegment: (condition: unknown) =>
      client.post<ResponseOf<'estimateSegment'>>('/api/segments/estimate', { condition }),
    /** `enterMatching`: a segment journey also enters everyone who matches it now. */
    publishJourney: (journeyId: string, options: { enterMatching?: boolean } = {}) =>
      client.post<ResponseOf<'publish'>>(
        `/api/journeys/${id(journeyId)}/publish`,
        options.enterMatching ? { enterMatching: true } : undefined,
      ),
    changeStatus: (journeyId: string, action: 'pause' | 'resume' | 'archive') =>
      client.post<ResponseOf<typeof action>>(`/api/journeys/${id(journeyId)}/${action}`),
    getVersion: (journeyId: string, version: number) =>
      client.get<ResponseOf<'getVersion'>>(`/api/journeys/${id(journeyId)}/versions/${version}`),
    simulateJourney: (journeyId: string, request: SimulateRequest) =>
      client.post<ResponseOf<'simulate'>>(`/api/journeys/${id(journeyId)}/simulate`, request),
    sendTest: (journeyId: string, request: BodyOf<'testSend'>) =>
      client.post<ResponseOf<'testSend'>>(`/api/journeys/${id(journeyId)}/test-send`, request),
    journeyStats: (journeyId: string, version?: number) =>
      client.get<ResponseOf<'stats'>>(`/api/journeys/${id(journeyId)}/stats${version ? `?version=${version}` : ''}`),
    journeyExperiments: (journeyId: string, version: number) =>
      client.get<ResponseOf<'experiments'>>(`/api/journeys/${id(journeyId)}/experiments?version=${version}`),
    journeyAnalytics: (
      journeyId: string,
      query: { version: number; bucket?: AnalyticsBucket; nodeId?: string; split?: string; arm?: string },
    ) =>
      client.get<ResponseOf<'analytics'>>(
        `/api/journeys/${id(journeyId)}/analytics?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`,
      ),
    /** Publishes a version whose split sends everyone down `arm`. */
    declareWinner: (journeyId: string, nodeId: string, arm: string) =>
      client.post<ResponseOf<'declareWinner'>>(`/api/journeys/${id(journeyId)}/experiments/${id(nodeId)}/winner`, {
        arm,
      }),
    getProfile: (userId: string) => client.get<ResponseOf<'profile'>>(`/api/profiles/${id(userId)}`),
    listMessages: (filter: MessagesFilter = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ).toString();
      return client.get<ResponseOf<'messages'>>(`/api/messages${query ? `?${query}` : ''}`);
    },
    listSteps: () => client.get<ResponseOf<'steps'>>('/api/steps').then((answer) => answer.steps),
    /** Event names the engine has received, most recent first: suggestions wherever an event is named. */
    eventNames: (prefix: string, limit = 20) =>
      client
        .get<ResponseOf<'eventNames'>>(
          `/api/events/names?${new URLSearchParams({ prefix, limit: String(limit) }).toString()}`,
        )
        .then((answer) => answer.names),
    /** Profile fields and event properties seen on real data (of one event name, if given), as Liquid paths. */
    fields: (event?: string) =>
      client.get<ResponseOf<'fields'>>(`/api/fields${event ? `?${new URLSearchParams({ event }).toString()}` : ''}`),
    getSettings: () => client.get<ResponseOf<'getSettings'>>('/api/settings'),
    saveSettings: (settings: BodyOf<'saveSettings'>) =>
      client.put<ResponseOf<'saveSettings'>>('/api/settings', settings),
  };
}

export type WaymarkApi = ReturnType<typeof createWaymarkApi>;
