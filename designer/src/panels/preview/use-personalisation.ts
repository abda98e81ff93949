import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useApi, useLoad } from '../../api/api-context';
import type { SeenFields } from '@waymark/workflows/api';
import { useEditor } from '../../canvas/editor-context';
import { parseJsonObject, useSampleContext } from '../sample-context';
import type { SampleData } from './variables';

/**
 * What a message can be personalised with: fields real profiles and the trigger's events carry
 * (undefined while loading or without an engine) and the test data the preview renders against.
 */
export function usePersonalisation(): { seen: SeenFields | undefined; sample: SampleData } {
  const { api } = useApi();
  const { store } = useEditor();
  const triggerEvent = useStore(store, (state) => {
    const trigger = state.nodes.find((node) => node.type === 'trigger');
    return trigger && 'event' in trigger.data ? trigger.data.event : undefined;
  });
  const event = typeof triggerEvent === 'string' && triggerEvent ? triggerEvent : undefined;
  const seen = useLoad(() => api.fields(event), [api, event]);
  const { profileText, eventText } = useSampleContext();
  const sample = useMemo<SampleData>(() => {
    const profile = parseJsonObject(profileText);
    const sampleEvent = parseJsonObject(eventText);
    return {
      profile: profile.ok ? profile.value : {},
      event: {
        name: String(sampleEvent.ok ? (sampleEvent.value.name ?? '') : ''),
        properties: ((sampleEvent.ok ? sampleEvent.value.properties : undefined) ?? {}) as Record<string, unknown>,
      },
    };
  }, [profileText, eventText]);
  return { seen: seen.state === 'ok' ? seen.data : undefined, sample };
}
