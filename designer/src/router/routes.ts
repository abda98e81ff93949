/** The designer's pages, by URL (the engine serves index.html for every path). */
export type Route =
  | { page: 'journeys' }
  | { page: 'editor'; journeyId: string | undefined }
  | { page: 'analytics'; journeyId: string }
  | { page: 'profiles'; userId: string | undefined }
  | { page: 'outbox' }
  | { page: 'settings' }
  | { page: 'notFound'; path: string };

export const paths = {
  journeys: '/',
  newJourney: '/journeys/new',
  journey: (id: string) => `/journeys/${encodeURIComponent(id)}`,
  journeyAnalytics: (id: string) => `/journeys/${encodeURIComponent(id)}/analytics`,
  profile: (userId?: string) => (userId ? `/profiles/${encodeURIComponent(userId)}` : '/profiles'),
  outbox: '/outbox',
  settings: '/settings',
};

export function matchRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (first === 'journeys' && second && second !== 'new' && rest.length === 1 && rest[0] === 'analytics')
    return { page: 'analytics', journeyId: second };
  if (rest.length > 0) return { page: 'notFound', path: pathname };
  if (!first || (first === 'journeys' && !second)) return { page: 'journeys' };
  if (first === 'journeys') return { page: 'editor', journeyId: second === 'new' ? undefined : second };
  if (first === 'profiles') return { page: 'profiles', userId: second };
  if (first === 'outbox' && !second) return { page: 'outbox' };
  if (first === 'settings' && !second) return { page: 'settings' };
  return { page: 'notFound', path: pathname };
}
