import type { Diagnostic, JourneyStats, PersonChannel, SimulationResult } from '@waymark/workflows';
import type { JourneyDocument } from '../store/document-graph';
import type { StepInfo } from '../steps/catalog';

/** Response shapes of the engine API (docs/architecture.md#the-api), as engine/src routes answer them. */

export type JourneyStatus = 'draft' | 'active' | 'paused' | 'archived';

/** `GET /api/journeys` items. */
export interface JourneySummary {
  id: string;
  name: string;
  status: JourneyStatus;
  version: number | null;
  updatedAt: string;
  entered: number;
  converted: number;
}

/** `GET /api/journeys/:id`: the draft with its revision (sent back on save for conflict detection). */
export interface JourneyDetail {
  id: string;
  name: string;
  status: JourneyStatus;
  version: number | null;
  revision: number;
  draft: JourneyDocument;
  updatedAt: string;
  versions: { version: number; publishedAt: string }[];
}

export interface JourneyVersion {
  version: number;
  publishedAt: string;
  document: JourneyDocument;
  ir: unknown;
}

export interface ValidationResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface SimulateRequest {
  profile: Record<string, unknown>;
  trigger?: { name: string; properties: Record<string, unknown>; timestamp: string };
  events?: { name: string; properties: Record<string, unknown>; timestamp: string }[];
  start?: string;
  version?: number;
}

/** Shared with the engine through @waymark/workflows. */
export type { JourneyStats, SimulationResult };

export interface StoredEvent {
  name: string;
  properties: Record<string, unknown>;
  timestamp: string;
  messageId?: string;
}

/** `POST /api/segments/estimate`: profiles matching a segment condition. */
export interface SegmentEstimate {
  matched: number;
  scanned: number;
  total: number;
  /** Every profile was evaluated; otherwise `estimate` scales the sample's share to `total`. */
  exact: boolean;
  estimate: number;
}

/** `GET /api/messages`: the newest matching messages, and how many (status aside) were interrupted mid-send. */
export interface Outbox {
  messages: OutboxMessage[];
  /** Messages whose delivery is unknown: the provider call was interrupted and the provider cannot dedupe a retry. */
  unknown: number;
}

/** One row of the outbox (`messages` collection). */
export interface OutboxMessage {
  id: string;
  key: string;
  workflowId?: string;
  journeyId?: string;
  version?: number;
  nodeId?: string;
  userId: string;
  channel: string;
  status: string;
  reason?: string;
  rendered?: unknown;
  history: { status: string; at: string; detail?: string }[];
  createdAt: string;
}

/** `GET /api/profiles/:userId`: traits, recent events, where the user is now, messages sent. */
export interface ProfileView {
  userId: string;
  traits: Record<string, unknown>;
  email?: string;
  phone?: string;
  timezone?: string;
  events: StoredEvent[];
  entries: {
    workflowId: string;
    journeyId: string;
    version: number;
    enteredAt: string;
    nodeId?: string;
    waiting?: unknown;
  }[];
  messages: OutboxMessage[];
}

/** `GET /api/fields`: paths seen on real profiles and events, how often among those sampled, and an example value. */
export interface SeenFields {
  profile: SeenField[];
  event: SeenField[];
}

export interface SeenField {
  path: string;
  count: number;
  example: string;
}

/** `GET /api/events/names` items: an event name seen by the engine. */
export interface EventNameSuggestion {
  name: string;
  count: number;
  lastSeenAt: string;
}

export const channels = ['email', 'sms', 'whatsapp', 'push', 'webhook'] as const;
export type Channel = (typeof channels)[number];

/** Times are local to each user's time zone; `channels` defaults to every person channel (webhooks are never quiet). */
export interface QuietHours {
  start: string;
  end: string;
  action: 'defer' | 'skip';
  channels?: PersonChannel[];
}

/** A rolling window across all journeys; channel 'all' is the overall cap (webhooks are never capped); `within` is ISO-8601 (PT12H, P7D). */
export interface FrequencyCap {
  channel: PersonChannel | 'all';
  limit: number;
  within: string;
}

/** Secrets come back as "********"; sending that back keeps the stored secret. */
export interface ProviderSetting {
  provider: string;
  config?: Record<string, unknown>;
}

/**
 * `GET/PUT /api/settings`: the workspace contact policy and channel providers, saved as a whole
 * document. A 400 `invalid_request` names each bad field in `details.issues[].field`.
 */
export interface WorkspaceSettings {
  contactPolicy: {
    /** Absent = no quiet hours. */
    quietHours?: QuietHours;
    frequencyCaps: FrequencyCap[];
    /** Max sends per second per channel. */
    throttle: Partial<Record<Channel, number>>;
  };
  /**
   * A channel absent from what the engine answers = sandbox. Saving merges: a channel left out keeps
   * its provider, `null` removes it (back to sandbox).
   */
  providers: Partial<Record<Channel, ProviderSetting | null>>;
}

/** `GET /api/session`: in dev mode the generated admin token, so the designer logs in by itself. */
export interface SessionInfo {
  adminToken?: string;
  /** Where the Temporal Web UI runs (`WAYMARK_TEMPORAL_UI_URL`, else the embedded UI). */
  temporalUiUrl?: string;
}

export interface StepsResponse {
  steps: StepInfo[];
}

/**
 * `POST /api/journeys/:id/test-send` (the designer's test send): sends one message node's current
 * content to a real profile through the real send path (contact policy bypassed, marked as test).
 */
export interface TestSendRequest {
  userId: string;
  nodeId: string;
  /** The message node's data as edited, so what is on screen is what gets sent. */
  data: Record<string, unknown>;
}

export interface TestSendResult {
  messageId: string;
  status: string;
  reason?: string;
}
