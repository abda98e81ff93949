import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useEditor } from '../../canvas/editor-context';

/** Sends this message, as edited, to a real profile through the real send path. */
export function TestSend({ nodeId, data }: { nodeId: string; data: Record<string, unknown> }) {
  const { api } = useApi();
  const { journeyId } = useEditor();
  const [userId, setUserId] = useState('');
  const [outcome, setOutcome] = useState<string>();
  if (!journeyId) return null;
  const send = async () => {
    setOutcome('Sending…');
    try {
      const result = await api.sendTest(journeyId, { userId: userId.trim(), nodeId, data });
      setOutcome(`Test message ${result.status}${result.reason ? ` (${result.reason})` : ''}.`);
    } catch (error) {
      setOutcome(`Not sent: ${(error as Error).message}`);
    }
  };
  return (
    <div className="sample-loader">
      <input
        className="input"
        aria-label="Test recipient user id"
        placeholder="Send a test to user id"
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
      />
      <button type="button" className="button" disabled={!userId.trim()} onClick={() => void send()}>
        Send test
      </button>
      {outcome ? <p role="status">{outcome}</p> : null}
    </div>
  );
}
