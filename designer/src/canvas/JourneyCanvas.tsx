import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type DefaultEdgeOptions,
  type EdgeTypes,
  type NodeTypes,
} from '@xyflow/react';
import { createSmartEdge, SmartEdgeProvider } from '@tisoap/react-flow-smart-edge';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { builtinSteps } from '@waymark/workflows';
import { stepKey } from '../steps/catalog';
import { edgeAt, STEP_MIME } from './drop-target';
import { useEditor } from './editor-context';
import { EmptyCanvas } from './EmptyCanvas';
import { JourneyNodeCard } from './JourneyNodeCard';
import { NODE_SIZE, newNodeFor } from './new-node';
import { anyOverlap, freeSpot } from './placement';
import { useLayoutAndFit } from './use-layout-and-fit';
import { handleCanvasKey } from './shortcuts';
import { edgeStatLabel } from './stats-overlay';

/**
 * Edges are routed around cards (grid A* where the plain step path would cross one), keeping
 * 12 px clear of every card; with the path clear they stay React Flow's own smooth step.
 */
const edgeTypes: EdgeTypes = { routed: createSmartEdge('smoothstep', { borderRadius: 8 }) };
const routing = { nodePadding: 12, gridRatio: 8 };

/** Arrowheads say which way people go; labels sit on a white chip so lines never cut them. */
const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'routed',
  interactionWidth: 24,
  markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#5b6475' },
  labelBgPadding: [6, 3],
  labelBgBorderRadius: 4,
  labelBgStyle: { fill: '#fff', stroke: '#c5cbd6' },
  labelStyle: { fontSize: 12, fontWeight: 600, fill: '#1d2330' },
};

/** The journey graph: drop steps from the palette (onto an edge to insert), connect outputs, select, move. */
export function JourneyCanvas() {
  const { store, catalog, highlight, stats, readOnly } = useEditor();
  const journey = useStore(
    store,
    useShallow((state) => ({
      nodes: state.nodes,
      edges: state.edges,
      onNodesChange: state.onNodesChange,
      onEdgesChange: state.onEdgesChange,
      connect: state.connect,
      beginDrag: state.beginDrag,
    })),
  );
  const { screenToFlowPosition } = useReactFlow();
  const [dropEdge, setDropEdge] = useState<string>();
  const [overview, setOverview] = useState(false);

  // Results make cards taller; once they are measured, lay the journey out again if cards now overlap.
  const layoutAndFit = useLayoutAndFit();
  const heights = journey.nodes.map((node) => node.measured?.height ?? 0).join(',');
  const withStats = Boolean(stats);
  useEffect(() => {
    if (withStats && !heights.split(',').includes('0') && anyOverlap(store.getState().nodes)) void layoutAndFit('all');
  }, [withStats, heights, store, layoutAndFit]);

  useEffect(() => {
    if (readOnly) return;
    const onKeyDown = (event: KeyboardEvent) => handleCanvasKey(event, store.getState());
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, readOnly]);

  // Every node type (custom steps are `custom`) renders as the same card.
  const nodeTypes = useMemo<NodeTypes>(
    () =>
      Object.fromEntries(
        [...Object.keys(builtinSteps), ...catalog.map((info) => info.type)].map((type) => [type, JourneyNodeCard]),
      ),
    [catalog],
  );

  const edges = useMemo(
    () =>
      journey.edges.map((edge) => {
        const lit = highlight?.edges.has(edge.id);
        const label = stats ? edgeStatLabel(stats, edge) : undefined;
        const classes = [lit ? 'edge--highlighted' : '', edge.id === dropEdge ? 'edge--drop-target' : '']
          .filter(Boolean)
          .join(' ');
        return lit || label || classes
          ? { ...edge, className: classes, animated: lit ?? false, ...(label ? { label } : {}) }
          : edge;
      }),
    [journey.edges, highlight, stats, dropEdge],
  );

  const onDragOver = (event: DragEvent) => {
    if (readOnly || !event.dataTransfer.types.includes(STEP_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropEdge(edgeAt(event.clientX, event.clientY));
  };

  const onDrop = (event: DragEvent) => {
    const info = catalog.find((candidate) => stepKey(candidate) === event.dataTransfer.getData(STEP_MIME));
    setDropEdge(undefined);
    if (readOnly || !info) return;
    event.preventDefault();
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const position = { x: point.x - NODE_SIZE.width / 2, y: point.y - NODE_SIZE.height / 2 };
    const edge = edgeAt(event.clientX, event.clientY);
    const node = newNodeFor(info, catalog);
    if (edge) {
      // Inserted right below the arrow's source, the steps after it move down: nothing lands on a card.
      const source = store
        .getState()
        .nodes.find((candidate) => candidate.id === store.getState().edges.find((e) => e.id === edge)?.source);
      const below = source
        ? { x: position.x, y: source.position.y + (source.measured?.height ?? NODE_SIZE.height) + 60 }
        : position;
      store.getState().insertOnEdge(edge, node, below, NODE_SIZE.height + 60);
    } else store.getState().addNode(node, freeSpot(store.getState().nodes, position));
  };

  return (
    <div className="canvas" onDragOver={onDragOver} onDragLeave={() => setDropEdge(undefined)} onDrop={onDrop}>
      <SmartEdgeProvider nodes={journey.nodes} options={routing}>
        <ReactFlow
          nodes={journey.nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={journey.onNodesChange}
          onEdgesChange={journey.onEdgesChange}
          onConnect={journey.connect}
          onNodeDragStart={journey.beginDrag}
          onSelectionDragStart={journey.beginDrag}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          fitView
          fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
          {overview ? (
            <MiniMap
              pannable
              zoomable
              ariaLabel="Journey overview"
              position="bottom-right"
              style={{ width: 160, height: 110 }}
            />
          ) : null}
          <Panel
            position="bottom-right"
            className="canvas__overview-toggle"
            style={overview ? { marginBottom: 130 } : undefined}
          >
            <button
              type="button"
              className="button button--small"
              aria-pressed={overview}
              onClick={() => setOverview(!overview)}
            >
              {overview ? 'Hide overview' : 'Show overview'}
            </button>
          </Panel>
        </ReactFlow>
      </SmartEdgeProvider>
      {journey.nodes.length === 0 ? <EmptyCanvas /> : null}
    </div>
  );
}
