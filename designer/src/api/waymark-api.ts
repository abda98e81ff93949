import type { AnalyticsBucket, JourneyAnalytics } from '@waymark/workflows';
import type { ExperimentsReport } from '@waymark/workflows/experiments';
import type { JourneyDocument } from '../store/document-graph';
import type { ApiClient } from './client';
import type {
  JourneyDetail,
  JourneyStats,
  JourneyStatus,
  JourneySummary,
  JourneyVersion,
  Outbox,
  ProfileView,
  SegmentEstimate,
  SimulateRequest,
  SimulationResult,
  StepsResponse,
  EventNameSuggestion,
  SeenFields,
  TestSendRequest,
  TestSendResult,
  ValidationResult,
  WorkspaceSettings,
} from './types';

const id = encodeURIComponent;

/** One typed call per management endpoint (docs/architecture.md#the-api). */
export function createWaymarkApi(client: ApiClient) {
  return {
    listJourneys: () => client.get<{ journeys: JourneySummary[] }>('/api/journeys').then((answer) => answer.journeys),
    createJourney: (document: JourneyDocument) =>
      client.post<{ id: string; name: string; status: JourneyStatus; revision: number }>('/api/journeys', document),
    getJourney: (journeyId: string) => client.get<JourneyDetail>(`/api/journeys/${id(journeyId)}`),
    /** Saves the draft; `revision` is the one loaded, a stale one answers 409 `conflict`. */
    saveJourney: (journeyId: string, document: JourneyDocument, revision: number) =>
      client.put<{ id: string; revision: number; status: JourneyStatus }>(`/api/journeys/${id(journeyId)}`, {
        ...document,
        revision,
      }),
    deleteJourney: (journeyId: string) => client.delete<void>(`/api/journeys/${id(journeyId)}`),
    validateJourney: (document: Pick<JourneyDocument, 'graph' | 'settings'> & { name?: string }) =>
      client.post<ValidationResult>('/api/journeys/validate', document),
    /** How many profiles match a segment condition (exact up to a sample, else estimated). */
    estimateSegment: (condition: unknown) => client.post<SegmentEstimate>('/api/segments/estimate', { condition }),
    /** `enterMatching`: a segment journey also enters everyone who matches it now. */
    publishJourney: (journeyId: string, options: { enterMatching?: boolean } = {}) =>
      client.post<{ version: number; warnings: ValidationResult['warnings']; audienceWorkflowId?: string }>(
        `/api/journeys/${id(journeyId)}/publish`,
        options.enterMatching ? { enterMatching: true } : undefined,
      ),
    changeStatus: (journeyId: string, action: 'pause' | 'resume' | 'archive') =>
      client.post<{ status: JourneyStatus }>(`/api/journeys/${id(journeyId)}/${action}`),
    getVersion: (journeyId: string, version: number) =>
      client.get<JourneyVersion>(`/api/journeys/${id(journeyId)}/versions/${version}`),
    simulateJourney: (journeyId: string, request: SimulateRequest) =>
      client.post<SimulationResult>(`/api/journeys/${id(journeyId)}/simulate`, request),
    sendTest: (journeyId: string, request: TestSendRequest) =>
      client.post<TestSendResult>(`/api/journeys/${id(journeyId)}/test-send`, request),
    journeyStats: (journeyId: string, version?: number) =>
      client.get<JourneyStats>(`/api/journeys/${id(journeyId)}/stats${version ? `?version=${version}` : ''}`),
    journeyExperiments: (journeyId: string, version: number) =>
      client.get<ExperimentsReport>(`/api/journeys/${id(journeyId)}/experiments?version=${version}`),
    journeyAnalytics: (
      journeyId: string,
      query: { version: number; bucket?: AnalyticsBucket; nodeId?: string; split?: string; arm?: string },
    ) =>
      client.get<JourneyAnalytics>(
        `/api/journeys/${id(journeyId)}/analytics?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`,
      ),
    /** Publishes a version whose split sends everyone down `arm`. */
    declareWinner: (journeyId: string, nodeId: string, arm: string) =>
      client.post<{ version: number }>(`/api/journeys/${id(journeyId)}/experiments/${id(nodeId)}/winner`, { arm }),
    getProfile: (userId: string) => client.get<ProfileView>(`/api/profiles/${id(userId)}`),
    listMessages: (filter: { userId?: string; journeyId?: string; status?: string; channel?: string } = {}) => {
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ).toString();
      return client.get<Outbox>(`/api/messages${query ? `?${query}` : ''}`);
    },
    listSteps: () => client.get<StepsResponse>('/api/steps').then((answer) => answer.steps),
    /** Event names the engine has received, most recent first: suggestions wherever an event is named. */
    eventNames: (prefix: string, limit = 20) =>
      client
        .get<{ names: EventNameSuggestion[] }>(
          `/api/events/names?${new URLSearchParams({ prefix, limit: String(limit) }).toString()}`,
        )
        .then((answer) => answer.names),
    /** Profile fields and event properties seen on real data (of one event name, if given), as Liquid paths. */
    fields: (event?: string) =>
      client.get<SeenFields>(`/api/fields${event ? `?${new URLSearchParams({ event }).toString()}` : ''}`),
    getSettings: () => client.get<WorkspaceSettings>('/api/settings'),
    saveSettings: (settings: WorkspaceSettings) => client.put<WorkspaceSettings>('/api/settings', settings),
  };
}

export type WaymarkApi = ReturnType<typeof createWaymarkApi>;
