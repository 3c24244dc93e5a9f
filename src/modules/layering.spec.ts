import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sourceFiles } from '../../test/helpers/source-files';

/**
 * No two feature modules depend on each other, directly or round a longer loop: the import
 * graph between the folders of src/modules is acyclic (a lower module that needs a higher one
 * declares a port, which the higher one provides).
 */
const MODULES = join(__dirname);

function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const feature of readdirSync(MODULES)) {
    if (!statSync(join(MODULES, feature)).isDirectory()) {
      continue;
    }
    const uses = new Set<string>();
    for (const file of sourceFiles(join(MODULES, feature))) {
      const text = readFileSync(file, 'utf8');
      // Type-only imports vanish at run time but still tie the two modules: count them too.
      for (const match of text.matchAll(/from '((?:\.\.\/)+)([a-z-]+)\//g)) {
        const depth = match[1].length / 3;
        const fileDepth = file.slice(MODULES.length + 1).split('/').length - 1;
        if (depth === fileDepth && match[2] !== feature) {
          uses.add(match[2]);
        }
      }
    }
    graph.set(feature, uses);
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') {
      return null;
    }
    if (state.get(node) === 'open') {
      return [...path.slice(path.indexOf(node)), node];
    }
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) {
        return cycle;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) {
      return cycle;
    }
  }
  return null;
}

describe('module layering', () => {
  it('reads the imports between feature modules', () => {
    const graph = moduleGraph();
    expect(graph.get('placements')).toContain('slots');
    expect(graph.get('slots')).toContain('companies');
  });

  it('has no cycle between feature modules', () => {
    expect(findCycle(moduleGraph())).toBeNull();
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
