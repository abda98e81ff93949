import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useApi, useLoad } from '../api/api-context';
import type { JourneyDetail, JourneyStats } from '@waymark/workflows/api';
import { withLayout } from '../canvas/auto-layout';
import { EditorContext, type EditorContextValue, type Highlight } from '../canvas/editor-context';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { JourneyResults } from '../canvas/JourneyResults';
import { Palette } from '../canvas/Palette';
import { EditorToolbar } from '../lifecycle/EditorToolbar';
import { PublishDialog } from '../lifecycle/PublishDialog';
import { useAutosave } from '../lifecycle/use-autosave';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { SidePanel } from '../panels/SidePanel';
import { Link, navigate } from '../router/navigation';
import { paths } from '../router/routes';
import { ErrorBanner } from '../shell/ErrorBanner';
import { useStepCatalog } from '../steps/use-step-catalog';
import { createJourneyStore, journeyChanged, type JourneyStore } from '../store/journey-store';
import { useValidation } from '../validation/use-validation';
import { useJourneyWords } from '../words/journey-words';

/** A blank canvas has no name yet: the id is made from the name at the first save, so it asks for one. */
const blankJourney = { name: '', graph: { nodes: [], edges: [] }, settings: {} };
const STATS_REFRESH_MS = 5_000;

/** The journey editor: palette, canvas, side panel and problems, for the draft or a published version (read-only). */
export function JourneyEditorPage({ journeyId }: { journeyId: string | undefined }) {
  const { api } = useApi();
  const catalog = useStepCatalog(api);
  const [draftStore] = useState(createJourneyStore);
  const [meta, setMeta] = useState<Pick<JourneyDetail, 'status' | 'version' | 'versions'>>();
  const [viewing, setViewing] = useState<{ version: number; store: JourneyStore }>();
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [statsOn, setStatsOn] = useState(false);
  const [stats, setStats] = useState<JourneyStats | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [failure, setFailure] = useState<{ message: string; retry: () => void }>();

  const loaded = useLoad(async () => {
    if (!journeyId) {
      draftStore.getState().load(blankJourney);
      return undefined;
    }
    const detail = await api.getJourney(journeyId);
    draftStore.getState().load(await withLayout({ ...detail.draft, name: detail.name }, catalog));
    setMeta(detail);
    // A live journey opens on its results: that is what a marketer comes back for.
    if (detail.version) setStatsOn(true);
    return detail;
  }, [journeyId]);
  const autosave = useAutosave(api, draftStore, journeyId, loaded.state === 'ok' ? loaded.data?.revision : undefined);

  const store = viewing?.store ?? draftStore;
  const validation = useValidation(api, store, catalog);
  const words = useJourneyWords(store, catalog);
  const context = useMemo<EditorContextValue>(
    () => ({
      store,
      journeyId,
      catalog,
      validation,
      highlight,
      setHighlight,
      stats: statsOn ? stats : null,
      readOnly: Boolean(viewing) || meta?.status === 'archived',
      words,
    }),
    [store, journeyId, catalog, validation, highlight, stats, statsOn, viewing, meta, words],
  );

  // A simulated path describes the journey as it was: drop it once the journey changes.
  useEffect(
    () =>
      store.subscribe((next, previous) => {
        if (journeyChanged(next, previous)) setHighlight(null);
      }),
    [store],
  );

  useEffect(() => {
    if (!statsOn || !journeyId) return;
    const version = viewing?.version ?? meta?.version ?? undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = async () => {
      const started = performance.now();
      await api.journeyStats(journeyId, version).then(setStats, () => setStats(null));
      // One request at a time, and a slow answer (a big campaign on a busy store) is asked for less often.
      const wait = Math.max(STATS_REFRESH_MS, 4 * (performance.now() - started));
      if (!stopped) timer = setTimeout(() => void refresh(), wait);
    };
    void refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, journeyId, statsOn, viewing, meta]);

  if (loaded.state === 'loading')
    return (
      <p className="page__message" role="status">
        Loading journey…
      </p>
    );
  if (loaded.state === 'error') {
    return (
      <ErrorBanner message={`Could not open the journey. ${loaded.error.message}`} onRetry={loaded.reload}>
        <Link to={paths.journeys}>Back to journeys</Link>
      </ErrorBanner>
    );
  }

  const view = async (version: number | undefined) => {
    if (!journeyId || version === undefined) return setViewing(undefined);
    const stored = await api.getVersion(journeyId, version);
    const versionStore = createJourneyStore();
    versionStore.getState().load(await withLayout(stored.document, catalog));
    setViewing({ version, store: versionStore });
  };
  /** Runs a lifecycle call; its failure shows in the banner instead of disappearing. */
  const attempt = (what: string, call: () => Promise<void>) => {
    setFailure(undefined);
    call().catch((error: Error) =>
      setFailure({ message: `${what}. ${error.message}`, retry: () => attempt(what, call) }),
    );
  };
  const saveNew = () =>
    attempt('Not saved', async () => {
      const created = await api.createJourney(draftStore.getState().toDocument());
      navigate(paths.journey(created.id));
    });
  const changeStatus = (action: 'pause' | 'resume' | 'archive') => {
    if (!journeyId) return;
    if (action === 'archive' && !window.confirm('Archive this journey? Nobody new enters, and it becomes read-only.'))
      return;
    attempt(`Could not ${action}`, async () => {
      const { status } = await api.changeStatus(journeyId, action);
      setMeta((previous) => previous && { ...previous, status });
    });
  };

  return (
    <EditorContext.Provider value={context}>
      <ReactFlowProvider>
        <div className="editor">
          <EditorToolbar
            status={journeyId ? (meta?.status ?? 'draft') : 'new'}
            version={meta?.version ?? null}
            versions={meta?.versions ?? []}
            viewing={viewing?.version}
            saveState={autosave.state}
            statsOn={statsOn}
            {...(journeyId && meta?.version ? { analyticsPath: paths.journeyAnalytics(journeyId) } : {})}
            onSaveNew={saveNew}
            onPublish={() => setPublishing(true)}
            onStatus={changeStatus}
            onView={(version) => attempt('Could not open the version', () => view(version))}
            onToggleStats={() => setStatsOn(!statsOn)}
          />
          {failure ? <ErrorBanner message={failure.message} onRetry={failure.retry} /> : null}
          {statsOn && stats ? (
            <JourneyResults stats={stats} version={viewing?.version ?? meta?.version ?? undefined} />
          ) : null}
          {viewing ? (
            <p className="editor__banner" role="status">
              Viewing version {viewing.version} (read-only).{' '}
              <button type="button" className="button button--link" onClick={() => setViewing(undefined)}>
                Back to the draft
              </button>
            </p>
          ) : null}
          <div className="editor__body">
            <Palette />
            <main className="editor__canvas" aria-label="Journey canvas">
              <JourneyCanvas />
            </main>
            <SidePanel />
          </div>
          <ProblemsPanel />
        </div>
        {publishing && journeyId ? (
          <PublishDialog
            api={api}
            journeyId={journeyId}
            version={meta?.version ?? null}
            draft={draftStore.getState().toDocument()}
            catalog={catalog}
            beforePublish={autosave.saveNow}
            onClose={() => setPublishing(false)}
            onPublished={(version) => {
              setPublishing(false);
              setStatsOn(true);
              setMeta(
                (previous) =>
                  previous && {
                    ...previous,
                    version,
                    status: previous.status === 'paused' ? 'paused' : 'active',
                    versions: [{ version, publishedAt: new Date().toISOString() }, ...previous.versions],
                  },
              );
            }}
          />
        ) : null}
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
