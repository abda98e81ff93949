/** A compile error or warning: what is wrong, where, and (in the message) what to do. */
export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  nodeId?: string;
  handle?: string;
  /** Field path inside the node's data or the document, e.g. `template.subject`. */
  path?: string;
}

export const diagnosticCodes = [
  'invalid_document',
  'duplicate_node_id',
  'no_trigger',
  'several_triggers',
  'unknown_node_type',
  'unknown_step',
  'invalid_data',
  'unknown_edge_node',
  'unknown_handle',
  'handle_connected_twice',
  'unconnected_output',
  'unreachable_node',
  'cycle_without_wait',
  'split_weights',
  'duplicate_output_id',
  'invalid_liquid',
  'template_limit',
  'invalid_instant',
  'invalid_cron',
  'insecure_webhook',
  'unknown_message_node',
] as const;
export type DiagnosticCode = (typeof diagnosticCodes)[number];
