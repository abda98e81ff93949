import { useState } from 'react';
import { JourneySettingsPanel } from './JourneySettingsPanel';
import { NodeInspector } from './NodeInspector';
import { SimulatorPanel } from './simulator/SimulatorPanel';

const tabs = { step: 'Step', journey: 'Journey settings', simulate: 'Simulate' } as const;
type Tab = keyof typeof tabs;

/** The right-hand panel: the selected step, the journey's settings, the simulator. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('step');
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div role="tablist" className="tabs" aria-label="Panels">
        {(Object.keys(tabs) as Tab[]).map((key) => (
          <button key={key} role="tab" type="button" id={`tab-${key}`} aria-selected={tab === key} aria-controls={`panel-${key}`} className="tabs__tab" onClick={() => setTab(key)}>
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
