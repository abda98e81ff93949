import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './routes';

describe('routes', () => {
  it.each([
    ['/', { page: 'journeys' }],
    ['/journeys', { page: 'journeys' }],
    ['/journeys/new', { page: 'editor', journeyId: undefined }],
    [paths.journey('cart reminder'), { page: 'editor', journeyId: 'cart reminder' }],
    [paths.journeyAnalytics('cart reminder'), { page: 'analytics', journeyId: 'cart reminder' }],
    ['/profiles', { page: 'profiles', userId: undefined }],
    [paths.profile('u/1'), { page: 'profiles', userId: 'u/1' }],
    ['/outbox/', { page: 'outbox' }],
    ['/settings', { page: 'settings' }],
    ['/nope', { page: 'notFound', path: '/nope' }],
  ])('%s', (path, route) => expect(matchRoute(path)).toEqual(route));
});
