/** Which peers a server has lost contact with, from the cluster entries of the event log. */
import type { LogEntry } from '$lib/sim/kernel/types';

/**
 * The peers a server has lost contact with, folded from its log entries in order: a
 * `cluster.peer-lost` adds the peer, `cluster.peer-regained` removes it, and the server's own
 * failure or restoration starts afresh (a failed server tracks no peers).
 */
export function lostPeers(entries: readonly LogEntry[], nodeName: string): string[] {
	const lost = new Set<string>();
	for (const entry of entries) {
		if (entry.node !== nodeName) continue;
		if (entry.type === 'cluster.peer-lost' && typeof entry.peer === 'string') lost.add(entry.peer);
		else if (entry.type === 'cluster.peer-regained' && typeof entry.peer === 'string')
			lost.delete(entry.peer);
		else if (entry.type === 'node.failed' || entry.type === 'node.restored') lost.clear();
	}
	return [...lost].sort();
}
