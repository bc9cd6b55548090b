/**
 * The VMs of one server in words, for the Objects tab: what the 3D view's tiles on its front say
 * (which roles run there, how many tenant VMs, which are stopped, restarting, unmonitored or
 * live-migrating), so a screen-reader user gets the same picture.
 */
import { FRAME_VM_ROLES, VmFrameState } from '$lib/sim/frame';
import type { TopologyInfo } from '$lib/sim/topology';
import { VmPhase, type VmsView } from './frame-view';

/**
 * Roles as a short list in FRAME_VM_ROLES order, infrastructure first and tenant VMs counted last,
 * e.g. "ACS, 2 ERCS, NC, 3 tenant".
 */
export function roleList(roles: readonly number[]): string {
	const counts = new Map<number, number>();
	for (const r of roles) counts.set(r, (counts.get(r) ?? 0) + 1);
	const infra = [...counts]
		.filter(([r]) => r !== 0)
		.sort(([a], [b]) => a - b)
		.map(([r, n]) => `${n > 1 ? `${n} ` : ''}${FRAME_VM_ROLES[r] ?? `role ${r}`}`);
	const tenant = counts.get(0);
	return [...infra, ...(tenant ? [`${tenant} tenant`] : [])].join(', ');
}

/** The order of the groups after the running VMs. */
const ORDER = [
	'running unmonitored',
	'restarting',
	'stopped',
	'waiting',
	'live-migrating',
	'arriving'
] as const;

/** A VM live-migrating between two different servers (not one with no source). */
function moving(vms: VmsView, i: number): boolean {
	return (
		vms.states[i] === VmFrameState.migrating && vms.from[i] >= 0 && vms.from[i] !== vms.servers[i]
	);
}

/**
 * One server's VMs in words, e.g. "7 VMs: ACS, ERCS, NC, 2 tenant; waiting to live-migrate: WAS;
 * live-migrating to Node03: SLB", or "No VMs". A VM waiting its turn to migrate is still on its
 * old server; one under way is named (and counted) on both servers; once there, on the new one.
 */
export function serverVmsText(topology: TopologyInfo, vms: VmsView, node: number): string {
	const name = (s: number) => topology.nodes[s]?.name ?? `server ${s + 1}`;
	const groups = new Map<string, number[]>();
	const add = (label: string, role: number) => {
		const list = groups.get(label);
		if (list) list.push(role);
		else groups.set(label, [role]);
	};
	for (let i = 0; i < vms.servers.length; i++) {
		const role = vms.roles[i];
		if (moving(vms, i)) {
			const phase = vms.phases[i];
			if (phase === VmPhase.waiting && vms.from[i] === node) add('waiting to live-migrate', role);
			if (phase === VmPhase.underWay && vms.from[i] === node) {
				add(`live-migrating to ${name(vms.servers[i])}`, role);
			}
			if (phase === VmPhase.underWay && vms.servers[i] === node) {
				add(`arriving from ${name(vms.from[i])}`, role);
			}
			if (phase === VmPhase.done && vms.servers[i] === node) add('running', role);
			continue;
		}
		if (vms.servers[i] !== node) continue;
		const state = vms.states[i];
		if (state === VmFrameState.down) add('stopped', role);
		else if (state === VmFrameState.restarting) add('restarting', role);
		else if (state === VmFrameState.unmonitored) add('running unmonitored', role);
		else add('running', role);
	}
	if (groups.size === 0) return 'No VMs';
	const total = [...groups.values()].reduce((sum, roles) => sum + roles.length, 0);
	const head = `${total} VM${total === 1 ? '' : 's'}`;
	const running = groups.get('running');
	const parts = [running ? `${head}: ${roleList(running)}` : head];
	const rank = (label: string) => ORDER.findIndex((prefix) => label.startsWith(prefix));
	const rest = [...groups].filter(([label]) => label !== 'running');
	rest.sort(([a], [b]) => rank(a) - rank(b));
	for (const [label, roles] of rest) parts.push(`${label}: ${roleList(roles)}`);
	return parts.join('; ');
}
