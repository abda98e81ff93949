import { renderTemplate, type Channel, type FieldError, type Template } from '@waymark/workflows';

export interface ChannelPreview {
  channel: Channel;
  rendered?: Record<string, unknown>;
  errors: FieldError[];
}

export interface PreviewContext {
  profile: Record<string, unknown>;
  event: { name: string; properties: Record<string, unknown>; timestamp: string };
  journey: { id: string; name: string; version: number };
  nodeId: string;
}

/** Renders each channel of a message node (one, or the fallback chain) with Liquid, as a send would. */
export function renderMessagePreviews(data: Record<string, unknown>, context: PreviewContext): ChannelPreview[] {
  const messages = (Array.isArray(data.channels) ? data.channels : [data]) as {
    channel?: Channel;
    template?: Template;
  }[];
  return messages.flatMap(({ channel, template }) => {
    if (!channel || !template) return [];
    const result = renderTemplate(template, {
      profile: context.profile,
      event: context.event,
      journey: context.journey,
      message: { id: `preview-${context.nodeId}` },
      unsubscribe_url: 'https://example.com/unsubscribe',
    });
    return [result.ok ? { channel, rendered: result.rendered, errors: [] } : { channel, errors: result.errors }];
  });
}
