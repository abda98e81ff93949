import { ApiContext } from '../api/api-context';
import { JourneyEditorPage } from '../pages/JourneyEditorPage';
import { JourneysPage } from '../pages/JourneysPage';
import { JourneyAnalyticsPage } from '../pages/analytics/JourneyAnalyticsPage';
import { OutboxPage } from '../pages/OutboxPage';
import { ProfilePage } from '../pages/ProfilePage';
import { SettingsPage } from '../pages/SettingsPage';
import { Link, usePathname } from '../router/navigation';
import { matchRoute, paths, type Route } from '../router/routes';
import { HealthStatus } from './HealthStatus';
import { LoginForm } from './LoginForm';
import { useHealth } from './use-health';
import { useSession } from './use-session';

const navItems = [
  { to: paths.journeys, label: 'Journeys', pages: ['journeys', 'editor', 'analytics'] },
  { to: paths.profile(), label: 'Profiles', pages: ['profiles'] },
  { to: paths.outbox, label: 'Outbox', pages: ['outbox'] },
  { to: paths.settings, label: 'Settings', pages: ['settings'] },
] as const;

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'journeys':
      return <JourneysPage />;
    case 'editor':
      return <JourneyEditorPage key={route.journeyId ?? 'new'} journeyId={route.journeyId} />;
    case 'analytics':
      return <JourneyAnalyticsPage key={route.journeyId} journeyId={route.journeyId} />;
    case 'profiles':
      return <ProfilePage userId={route.userId} />;
    case 'outbox':
      return <OutboxPage />;
    case 'settings':
      return <SettingsPage />;
    case 'notFound':
      return (
        <p className="page__message">
          Nothing at {route.path}. <Link to={paths.journeys}>Go to journeys</Link>
        </p>
      );
  }
}

export function App() {
  const { session, api, login } = useSession();
  const health = useHealth(session.kind === 'ready' ? session.token : undefined);
  const route = matchRoute(usePathname());
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app__header">
        <span className="app__title">Waymark</span>
        <nav aria-label="Main" className="app__nav">
          {navItems.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="app__nav-link"
              aria-current={(item.pages as readonly string[]).includes(route.page) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <HealthStatus state={health} />
      </header>
      <div id="main" className="app__main">
        {session.kind === 'resolving' ? (
          <p className="page__message" role="status">
            Signing in…
          </p>
        ) : null}
        {session.kind === 'login' ? (
          <LoginForm onLogin={login} {...(session.reason ? { reason: session.reason } : {})} />
        ) : null}
        {api ? (
          <ApiContext.Provider value={api}>
            <Page route={route} />
          </ApiContext.Provider>
        ) : null}
      </div>
    </div>
  );
}
