/**
 * The tenant network wired into the simulation: the Network Controller's southbound pushes
 * (`nc.push` → `hostagent.policy-applied`), flows, packet hops, firewall and MTU inputs. The model
 * (model.ts) calls createNetwork at init, handleNetEvent for queued events and the input
 * functions for user inputs. State is plain data (state.ts).
 */
import type { EventData, InputEvent, SimContext } from '../../kernel/types';
import {
	DEFAULT_FLOW_COUNT,
	DEFAULT_FLOW_INTERVAL_MS,
	DEFAULT_FLOW_PORT,
	DEFAULT_FLOW_SIZE_BYTES
} from '../../scenario/defaults';
import type { Scenario } from '../../scenario/schema';
import {
	applyHostUpdate,
	buildPolicy,
	describeChange,
	diffPolicy,
	hostAgentView
} from '../hnv/index';
import { NC_PUSH_DELAY_MS } from './constants';
import { type NetWorld, handlePacketEvent } from './path';
import { type NetState, aclRecord, createNetState } from './state';
import { handleTrafficEvent, onDelivered, startFlow } from './traffic';
import { slbConfigOf } from '../../scenario/slb-config';
import { handleClientEvent, onSlbDelivered } from './slb-clients';
import { handleSlbControlEvent, handleSlbInput, startSlbControl } from './slb-control';
import { handleSlbPacketEvent } from './slb-path';
import { createSlbState } from './slb-state';

export type { NetState } from './state';
export type { NetWorld } from './path';
export { NET_MODEL_SIMPLIFICATIONS } from './constants';

export const NC_PUSH = 'nc.push';
export const POLICY_APPLIED = 'hostagent.policy-applied';

/**
 * The network state at time 0, with the controller's first push to every host agent that needs
 * policy scheduled (hosts without tenant VMs get empty tables at once).
 */
export function createNetwork(
	scenario: Scenario,
	nodeNames: readonly string[],
	ctx: SimContext
): NetState {
	const net = createNetState(scenario, nodeNames);
	const slb = slbConfigOf(scenario);
	if (slb) {
		net.slb = createSlbState(slb, nodeNames, net.interfaces);
		startSlbControl({ net, nodeNames, nodeUp: nodeNames.map(() => true) }, ctx);
	}
	let order = 0;
	net.pending.forEach((update, host) => {
		if (update) ctx.schedule(0, NC_PUSH, { host, order: order++ });
		else net.views[host] = hostAgentView(net.policy, host);
	});
	return net;
}

/** Handles the network's queued events; false for any other event. */
export function handleNetEvent(
	world: NetWorld,
	type: string,
	data: EventData,
	ctx: SimContext
): boolean {
	if (type === NC_PUSH) {
		const host = data.host as number;
		const update = world.net.pending[host];
		const changes = update ? update.changes.length : 0;
		ctx.log('nc.push', { node: world.nodeNames[host], changes });
		const delayMs = NC_PUSH_DELAY_MS * ((data.order as number) + 1);
		ctx.schedule(delayMs, POLICY_APPLIED, { host });
		return true;
	}
	if (type === POLICY_APPLIED) {
		const net = world.net;
		const host = data.host as number;
		const update = net.pending[host];
		if (!update) return true;
		const empty = { host: net.policy.hosts[host], ports: [], vsids: [], vnets: [] };
		net.views[host] = applyHostUpdate(net.views[host] ?? empty, update);
		net.pending[host] = null;
		ctx.log(POLICY_APPLIED, {
			node: world.nodeNames[host],
			changes: update.changes.length,
			detail: update.changes.map(describeChange).join('; ')
		});
		return true;
	}
	return (
		handleTrafficEvent(world, type, data, ctx) ||
		handlePacketEvent(world, type, data, ctx, onDelivered) ||
		(world.net.slb !== null &&
			(handleSlbControlEvent(world, type, data, ctx) ||
				handleClientEvent(world, type, data, ctx) ||
				handleSlbPacketEvent(world, type, data, ctx, onSlbDelivered)))
	);
}

/**
 * Moves `vm` to server `host` at once (CHOICE, see net.vm-move): the controller recomputes its
 * policy and pushes the differences, one host after another as at start. Until a host applies
 * its push it still sends to the old PA, and the old host drops what arrives for a port it no
 * longer has; the VM's firewall rules and connection state move with it (FACTS §5.2).
 */
function moveVm(world: NetWorld, vm: string, host: number, ctx: SimContext): void {
	const net = world.net;
	const port = net.policy.ports.find((p) => p.vm === vm);
	if (!port || port.host === host) {
		const reason = port ? `${vm} already runs on ${world.nodeNames[host]}` : `no VM named ${vm}`;
		ctx.log('input.ignored', { reason });
		return;
	}
	const ports = net.policy.ports.map((p) => (p.vm === vm ? { ...p, host } : p));
	const next = buildPolicy(ports, net.policy.hosts);
	const updates = diffPolicy(net.policy, next);
	net.policy = next;
	ctx.log('vm.moved', { vm, from: world.nodeNames[port.host], node: world.nodeNames[host] });
	updates.forEach((update, order) => {
		const queued = net.pending[update.host];
		// A push still on its way is merged: the host applies both, in order, when it lands.
		net.pending[update.host] = queued
			? { host: update.host, changes: [...queued.changes, ...update.changes] }
			: update;
		ctx.schedule(0, NC_PUSH, { host: update.host, order });
	});
}

/** The network inputs; false for any other input type. */
export function handleNetInput(world: NetWorld, input: InputEvent, ctx: SimContext): boolean {
	const net = world.net;
	switch (input.type) {
		case 'flow.start': {
			const protocol = input.protocol as 'icmp' | 'tcp' | 'udp';
			const from = input.from as string;
			const to = input.to as string;
			const known = (vm: string) => net.policy.ports.some((p) => p.vm === vm);
			if (!known(from) || !known(to) || from === to) {
				ctx.log('input.ignored', {
					reason: `flow.start needs two different VMs, got ${from} → ${to}`
				});
				return true;
			}
			startFlow(
				world,
				{
					from,
					to,
					protocol,
					count: (input.count as number | undefined) ?? DEFAULT_FLOW_COUNT,
					sizeBytes: (input.sizeBytes as number | undefined) ?? DEFAULT_FLOW_SIZE_BYTES[protocol],
					intervalMs: (input.intervalMs as number | undefined) ?? DEFAULT_FLOW_INTERVAL_MS,
					dstPort:
						(input.dstPort as number | undefined) ??
						(protocol === 'icmp' ? 0 : DEFAULT_FLOW_PORT[protocol])
				},
				ctx
			);
			return true;
		}
		case 'acl.add': {
			const name = input.name as string;
			if (net.acls.some((r) => r.name === name)) {
				ctx.log('input.ignored', { reason: `an ACL rule named ${name} exists already` });
				return true;
			}
			const rule = aclRecord(input as unknown as Parameters<typeof aclRecord>[0]);
			net.acls.push(rule);
			const target: Record<string, string> =
				rule.vm !== undefined ? { vm: rule.vm } : { subnet: rule.subnet ?? '' };
			ctx.log('acl.added', {
				rule: name,
				...target,
				priority: rule.priority,
				direction: rule.direction,
				action: rule.action
			});
			return true;
		}
		case 'acl.remove': {
			const name = input.name as string;
			const index = net.acls.findIndex((r) => r.name === name);
			if (index < 0) {
				ctx.log('input.ignored', { reason: `no ACL rule named ${name}` });
				return true;
			}
			net.acls.splice(index, 1);
			ctx.log('acl.removed', { rule: name });
			return true;
		}
		case 'vm.move':
			moveVm(world, input.vm as string, input.host as number, ctx);
			return true;
		case 'network.set-mtu': {
			const mtu = input.underlayMtuBytes as number;
			const before = net.underlay.mtuBytes;
			net.underlay.mtuBytes = mtu;
			ctx.log('network.mtu-set', { underlayMtuBytes: mtu, previousBytes: before });
			return true;
		}
		default:
			return handleSlbInput(world, input, ctx);
	}
}
