/** A journey of `size` nodes: trigger, alternating delays and messages, exit (the compile figure of docs/architecture.md#performance-targets). */
export function largeJourney(size: number) {
  const nodes: { id: string; type: string; data: unknown }[] = [
    { id: 'n0', type: 'trigger', data: { kind: 'event', event: 'signed_up' } },
  ];
  for (let i = 1; i < size - 1; i++) {
    nodes.push(
      i % 2
        ? { id: `n${i}`, type: 'delay', data: { duration: 'P1D' } }
        : {
            id: `n${i}`,
            type: 'message',
            data: {
              channel: 'push',
              template: { title: 'Day {{ profile.day }}', body: 'Hello {{ profile.first_name | default: "there" }}' },
            },
          },
    );
  }
  nodes.push({ id: `n${size - 1}`, type: 'exit', data: {} });
  const edges = nodes.slice(1).map((node, i) => ({ source: `n${i}`, target: node.id }));
  return { name: 'Large', graph: { nodes, edges } };
}
