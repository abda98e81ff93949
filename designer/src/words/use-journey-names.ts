import { useApi, useLoad } from '../api/api-context';

export interface JourneyNames {
  /** The journey's name; "…" while the list loads, the id if it failed or the journey is gone. */
  nameOf: (journeyId: string) => string;
  journeys: readonly { id: string; name: string }[];
}

/** Journey names for pages that list entries and messages: the API speaks ids, people read names. */
export function useJourneyNames(): JourneyNames {
  const { api } = useApi();
  const loaded = useLoad(() => api.listJourneys(), [api]);
  const journeys = loaded.state === 'ok' ? loaded.data : [];
  const names = new Map(journeys.map((journey) => [journey.id, journey.name]));
  return { nameOf: (journeyId) => names.get(journeyId) ?? (loaded.state === 'loading' ? '…' : journeyId), journeys };
}
