import type { JourneySettings } from '../schema/settings.js';
import type { NodeData, NodeType, TriggerData } from '../schema/nodes.js';

/** Bump when the IR changes shape; the interpreter keeps running entries of older versions. */
export const IR_VERSION = 1;

/** A compiled node: its validated data and where each output handle leads. */
export type IRNode = {
  [T in NodeType]: {
    id: string;
    type: T;
    data: NodeData<T>;
    /** Output handle -> target node id. Every output is connected (the compiler enforces it). */
    next: Record<string, string>;
  };
}[NodeType];

/** The normalised, JSON-serialisable form the interpreter runs (docs/architecture.md#the-ir). */
export interface JourneyIR {
  irVersion: typeof IR_VERSION;
  journey: { id: string; name: string; version: number };
  /** Content hash of everything below, to tell versions apart and detect no-op publishes. */
  hash: string;
  /** The trigger node. */
  entry: string;
  trigger: TriggerData;
  settings: JourneySettings;
  nodes: Record<string, IRNode>;
  /** Event names running entries react to (waitForEvent, goal, exitOn): the engine signals only these. */
  listensTo: string[];
  /** Event names whose properties conditions read; other events are kept without payload. */
  needsProperties: string[];
}

export type NodeOf<T extends NodeType> = Extract<IRNode, { type: T }>;
