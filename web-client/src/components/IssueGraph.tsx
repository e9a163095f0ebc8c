import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import cytoscape from 'cytoscape';
import { SEVERITY_COLOURS } from './Badges';
import type { Severity } from '../api/gql/graphql';

export interface GraphIssue {
  id: string;
  title: string;
  severity: Severity;
  relatedIssues?: GraphIssue[];
}

function shorten(text: string, max = 18): string {
  return text.length > max ? `${text.substring(0, max - 1)}…` : text;
}

/**
 * The issue, the issues related to it, and theirs, as a small graph (cytoscape.js). A click opens an
 * issue. The screen lists the same issues as links, for the keyboard and screen readers.
 */
export default function IssueGraph({ issue, label }: { issue: GraphIssue; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (!element.current) {
      return undefined;
    }
    const nodes = new Map<string, GraphIssue & { ring: number }>();
    const edges = new Map<string, { source: string; target: string }>();
    nodes.set(issue.id, { ...issue, ring: 0 });
    for (const first of issue.relatedIssues ?? []) {
      if (!nodes.has(first.id)) {
        nodes.set(first.id, { ...first, ring: 1 });
      }
      edges.set([issue.id, first.id].sort().join('|'), { source: issue.id, target: first.id });
      for (const second of first.relatedIssues ?? []) {
        if (!nodes.has(second.id)) {
          nodes.set(second.id, { ...second, ring: 2 });
        }
        edges.set([first.id, second.id].sort().join('|'), { source: first.id, target: second.id });
      }
    }
    const graph = cytoscape({
      container: element.current,
      elements: [
        ...[...nodes.values()].map((n) => ({
          data: { id: n.id, label: shorten(n.title), colour: SEVERITY_COLOURS[n.severity], ring: n.ring },
        })),
        ...[...edges.entries()].map(([id, e]) => ({ data: { id, source: e.source, target: e.target } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            label: 'data(label)',
            'font-size': 11,
            color: '#1d2433',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 18,
            height: 18,
          },
        },
        { selector: 'node[ring = 0]', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#1d2433', 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 1.5, 'line-color': '#9aa4b5', 'curve-style': 'bezier' } },
      ],
      layout: { name: 'cose', animate: false, randomize: true, padding: 24, nodeRepulsion: () => 90000, idealEdgeLength: () => 70 },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    graph.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      if (id !== issue.id) {
        navigate(`/issues/${id}`);
      }
    });
    return () => graph.destroy();
  }, [issue, navigate]);

  return <div ref={element} className="issue-graph" role="img" aria-label={label} />;
}
