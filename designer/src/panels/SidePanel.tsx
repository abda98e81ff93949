import { useState, type KeyboardEvent } from 'react';
import { JourneySettingsPanel } from './JourneySettingsPanel';
import { NodeInspector } from './NodeInspector';
import { SimulatorPanel } from './simulator/SimulatorPanel';

const tabs = { step: 'Step', journey: 'Journey settings', simulate: 'Simulate' } as const;
type Tab = keyof typeof tabs;
const keys = Object.keys(tabs) as Tab[];

/** The right-hand panel: the selected step, the journey's settings, the simulator. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('step');
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves on into the panel.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = keys[(keys.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : keys.length - 1)) % keys.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div role="tablist" className="tabs" aria-label="Panels" onKeyDown={onKeyDown}>
        {keys.map((key) => (
          <button
            key={key}
            role="tab"
            type="button"
            id={`tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(key)}
          >
            {tabs[key]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="side-panel__body">
        {tab === 'step' ? <NodeInspector /> : tab === 'journey' ? <JourneySettingsPanel /> : <SimulatorPanel />}
      </div>
    </aside>
  );
}
