import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../api/api-context';
import { ApiError } from '../api/client';
import type { SegmentEstimate } from '@waymark/workflows/api';
import type { WaymarkApi } from '../api/waymark-api';
import { AudienceEstimate } from './AudienceEstimate';

afterEach(cleanup);

function renderEstimate(answer: () => Promise<SegmentEstimate>) {
  const asked: unknown[] = [];
  const api = { estimateSegment: (condition: unknown) => (asked.push(condition), answer()) } as unknown as WaymarkApi;
  render(
    <ApiContext.Provider value={{ api }}>
      <AudienceEstimate condition={{ attr: 'profile.tier', op: 'eq', value: 'gold' }} />
    </ApiContext.Provider>,
  );
  return asked;
}

describe('the audience estimate under a segment trigger', () => {
  it('asks only on request, with the condition, and says how many profiles match', async () => {
    const asked = renderEstimate(() =>
      Promise.resolve({ matched: 1, scanned: 500, total: 2000, exact: false, estimate: 4 }),
    );
    expect(asked).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Estimate audience' }));
    expect(await screen.findByText(/≈ 4 of 2000 profiles match now/)).toBeTruthy();
    expect(asked).toEqual([{ attr: 'profile.tier', op: 'eq', value: 'gold' }]);
  });

  it('says an exact count without "≈", and shows a failure as an alert', async () => {
    renderEstimate(() => Promise.resolve({ matched: 2, scanned: 3, total: 3, exact: true, estimate: 2 }));
    fireEvent.click(screen.getByRole('button', { name: 'Estimate audience' }));
    expect((await screen.findByText(/2 of 3 profiles match now/)).textContent).not.toContain('≈');
    cleanup();
    renderEstimate(() => Promise.reject(new ApiError(400, 'invalid_body', 'condition: invalid')));
    fireEvent.click(screen.getByRole('button', { name: 'Estimate audience' }));
    expect((await screen.findByRole('alert')).textContent).toContain('condition: invalid');
  });
});
