import { HealthStatus } from './HealthStatus';
import { useHealth } from './use-health';

export function App() {
  const health = useHealth();
  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">Waymark</h1>
        <HealthStatus state={health} />
      </header>
    </div>
  );
}
