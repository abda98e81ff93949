import { useState } from 'react';
import { useApi } from '../api/api-context';
import type { SegmentEstimate } from '@waymark/workflows/api';

/** Under a segment trigger: how many profiles its condition matches now, on request (history conditions cost queries). */
export function AudienceEstimate({ condition }: { condition: unknown }) {
  const { api } = useApi();
  const [answer, setAnswer] = useState<{ estimate?: SegmentEstimate; error?: string }>({});
  const estimate = () =>
    api.estimateSegment(condition).then(
      (result) => setAnswer({ estimate: result }),
      (error: Error) => setAnswer({ error: error.message }),
    );
  const { estimate: result, error } = answer;
  return (
    <p className="audience-estimate" aria-live="polite">
      <button type="button" className="button button--small" onClick={() => void estimate()}>
        Estimate audience
      </button>{' '}
      {result ? `${result.exact ? '' : '≈ '}${result.estimate} of ${result.total} profiles match now` : null}
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </p>
  );
}
