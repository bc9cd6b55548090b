import { describe, expect, it } from 'vitest';
import { applyHostUpdate, describeChange, diffPolicy } from './diff';
import { buildPolicy, hostAgentView } from './policy';
import { HOSTS, PORTS, UNDERLAY, carry, ping, port } from './two-tenants.fixture';

const before = buildPolicy(PORTS, HOSTS);
/** c-web2 (10.0.1.5, VSID 5001) live-migrates from Node02 to Node03. */
const moved = PORTS.map((p) => (p.vm === 'c-web2' ? { ...p, host: 2 } : p));
const after = buildPolicy(moved, HOSTS);
const updates = diffPolicy(before, after);
const viewsBefore = HOSTS.map((h) => hostAgentView(before, h.index));
const viewsAfter = HOSTS.map((h) => hostAgentView(after, h.index));

/** Each host's view once its update (if any) has landed. */
function applied(hosts: readonly number[]) {
	return viewsBefore.map((view, i) => {
		const update = updates.find((u) => u.host === i);
		return update && hosts.includes(i) ? applyHostUpdate(view, update) : view;
	});
}

describe('southbound updates after a VM move', () => {
	it('updates the CA→PA mapping on every host that holds the virtual network', () => {
		const mappingSets = updates.map((u) => [
			u.host,
			u.changes
				.filter((c) => c.op === 'mapping.set' && c.mapping.vm === 'c-web2')
				.map(describeChange)
		]);
		expect(mappingSets).toEqual([
			[0, ['VSID 5001: 10.0.1.5 is at PA 10.10.56.13 (host 2)']],
			[1, ['VSID 5001: 10.0.1.5 is at PA 10.10.56.13 (host 2)']],
			[2, ['VSID 5001: 10.0.1.5 is at PA 10.10.56.13 (host 2)']]
		]);
	});

	it('moves the port and gives the new host the virtual network’s tables', () => {
		const ops = (host: number) => updates.find((u) => u.host === host)!.changes.map((c) => c.op);
		expect(ops(1)).toEqual(['mapping.set', 'port.remove']);
		expect(ops(2).filter((op) => op === 'vsid.set')).toHaveLength(2); // 5001 and 5002
		expect(ops(2)).toContain('port.set');
		expect(ops(0)).toEqual(['mapping.set']);
	});

	it('applying each host’s update yields exactly the new policy’s view of that host', () => {
		expect(applied([0, 1, 2])).toEqual(viewsAfter);
		expect(structuredClone(updates)).toEqual(updates);
	});

	it('traffic follows the VM once the updates land, and not before', () => {
		const request = ping(port('c-web1'), '10.0.1.5', port('c-web2').mac);
		expect(carry(viewsBefore, UNDERLAY, 'c-web1', request)).toMatchObject({
			kind: 'delivered',
			toPort: 'c-web2'
		});
		// Only Node02 and Node03 updated: Node01 still sends to the old PA, where the port is gone.
		const stale = carry(applied([1, 2]), UNDERLAY, 'c-web1', request);
		expect(stale).toMatchObject({ kind: 'dropped', at: 'receiver' });
		expect(stale.kind === 'dropped' && stale.reason).toContain('on Node02');
		const now = carry(applied([0, 1, 2]), UNDERLAY, 'c-web1', request);
		expect(now).toMatchObject({
			kind: 'delivered',
			toPort: 'c-web2',
			decision: { dstPa: '10.10.56.13' }
		});
	});

	it('sends nothing when nothing changed, and removes tables a host no longer needs', () => {
		expect(diffPolicy(before, buildPolicy([...PORTS].reverse(), HOSTS))).toEqual([]);
		const gone = buildPolicy(
			PORTS.filter((p) => p.vm !== 'c2-web1'),
			HOSTS
		);
		expect(diffPolicy(before, gone)).toEqual([
			{
				host: 1,
				changes: [
					{ op: 'vsid.remove', vsid: 5101 },
					{ op: 'port.remove', vm: 'c2-web1' }
				]
			}
		]);
	});
});
