/**
 * Maps the model state to a FrameSource (what frame.ts packs): the visible, changing state of
 * every server, drive and switch, indexed like TopologyInfo.
 */
import { peersLost } from './cluster/heartbeat';
import { stateName } from './cluster/machines/runner';
import {
	FrameFlags,
	MAX_FRAME_PACKETS,
	PacketFlags,
	TOR_NODE,
	BORDER_NODE,
	FRAME_VM_ROLES,
	VM_FROM_NONE,
	VmFrameState,
	type FrameIo,
	type FrameVm,
	type FramePacket,
	type FrameSource
} from './frame';
import { Health } from './health';
import type { SimState } from './model';
import { DRIVE_FAILED, DRIVE_OK, DRIVE_PULLED, DRIVE_RETIRED } from './storage/model/index';

/** A server's health from its lifecycle state (cluster/machines/server.machine.ts). */
function serverHealth(lifecycle: string): number {
	if (lifecycle === 'up' || lifecycle === 'draining' || lifecycle === 'joining') {
		return Health.healthy;
	}
	if (lifecycle === 'paused' || lifecycle === 'updating' || lifecycle === 'rebooting') {
		return Health.maintenance;
	}
	if (lifecycle === 'quarantined') return Health.warning;
	return lifecycle === 'isolated' ? Health.unreachable : Health.failed;
}

/** What the engine knows besides the model state. */
export interface FrameInfo {
	/** Simulated time, ms. */
	nowMs: number;
	/** Entries in the event log. */
	logCount: number;
	/** Items processed so far. */
	processed: number;
	/** Inputs in the active input log. */
	inputCount: number;
	/** True when nothing is left to simulate. */
	idle: boolean;
	/** Simulated time (ms) of the next item, or Infinity / null when there is none. */
	nextItemTimeMs: number | null;
}

/** A hop end in the frame: a node index, the TOR (-1 in the state) or the border router (-2). */
const frameNode = (node: number): number =>
	node === -1 ? TOR_NODE : node === -2 ? BORDER_NODE : node;

/** The frame's packets: the newest MAX_FRAME_PACKETS hops under way, progress at `nowMs`. */
export function framePackets(state: SimState, nowMs: number): FramePacket[] {
	const hops = state.net.inFlight;
	const out: FramePacket[] = [];
	for (let i = Math.max(0, hops.length - MAX_FRAME_PACKETS); i < hops.length; i++) {
		const h = hops[i];
		const span = h.arriveMs - h.startMs;
		const progress = span > 0 ? Math.min(1, Math.max(0, (nowMs - h.startMs) / span)) : 1;
		const packet = state.net.packets[h.packetId - 1];
		out.push({
			packetId: h.packetId,
			hop: h.hop,
			flags:
				(h.encapsulated ? PacketFlags.encapsulated : 0) |
				(h.dropped ? PacketFlags.droppedHere : 0) |
				(h.slb ? PacketFlags.loadBalanced : 0) |
				(h.slb === 'return' ? PacketFlags.directReturn : 0) |
				(h.tenant >= 0 && h.tenant % 2 === 1 ? PacketFlags.tenantOdd : 0),
			fromNode: frameNode(h.fromNode),
			toNode: frameNode(h.toNode),
			progress,
			pathSrc: packet?.srcHost,
			pathDst: packet?.dstHost
		});
	}
	return out;
}

/** The frame source of `state` at `info.nowMs`. */
export function frameSource(state: SimState, info: FrameInfo): FrameSource {
	const nodeCount = state.nodeNames.length;
	const nodeHealth = new Uint8Array(nodeCount);
	const nodePeersLost = new Uint8Array(nodeCount);
	const nodeMsSinceHeartbeat = new Float32Array(nodeCount);
	for (let i = 0; i < nodeCount; i++) {
		nodeHealth[i] = serverHealth(stateName(state.cluster.servers[i]));
		nodePeersLost[i] = peersLost(state.heartbeat, i);
		nodeMsSinceHeartbeat[i] = Math.max(0, info.nowMs - state.heartbeat.nodes[i].lastSentMs);
	}
	const driveHealth = new Uint8Array(state.driveNode.length);
	const driveState = state.storage?.driveState;
	for (let d = 0; d < driveHealth.length; d++) {
		// A failed server's drives are not broken, just out of the cluster's reach; so is a pulled
		// drive. A failed or retired drive is failed.
		const s = driveState?.[d] ?? DRIVE_OK;
		const broken = s === DRIVE_FAILED || s === DRIVE_RETIRED;
		const away = s === DRIVE_PULLED || !state.nodeUp[state.driveNode[d]];
		driveHealth[d] = broken ? Health.failed : away ? Health.unreachable : Health.healthy;
	}
	const switchHealth = new Uint8Array(state.switchCount).fill(Health.healthy);
	const next = info.nextItemTimeMs;
	return {
		simTimeMs: info.nowMs,
		logCount: info.logCount,
		processed: info.processed,
		inputCount: info.inputCount,
		flags: info.idle ? FrameFlags.idle : 0,
		nextEventMs:
			next === null || !Number.isFinite(next) ? Infinity : Math.max(0, next - info.nowMs),
		nodeHealth,
		nodePeersLost,
		nodeMsSinceHeartbeat,
		driveHealth,
		switchHealth,
		packets: framePackets(state, info.nowMs),
		io: frameIo(state, info.nowMs),
		vms: frameVms(state, info.nowMs)
	};
}

/** The frame's storage transfers: the IO model's recent interleaves, oldest first. */
export function frameIo(state: SimState, nowMs: number): FrameIo[] {
	const f = state.storage?.io.flights;
	if (!f) return [];
	const out: FrameIo[] = [];
	const size = f.startMs.length;
	for (let k = f.count; k > 0; k--) {
		const i = (f.head - k + size) % size;
		const span = f.landMs[i] - f.startMs[i];
		const progress = span > 0 ? (nowMs - f.startMs[i]) / span : 1;
		out.push({
			node: f.fromNode[i],
			drive: f.drive[i],
			kind: f.kind[i],
			volume: f.volume[i],
			progress: Math.min(1, Math.max(0, progress)),
			msSinceLanded: Math.max(0, nowMs - f.landMs[i])
		});
	}
	return out;
}

const ROLE_INDEX = new Map<string, number>(FRAME_VM_ROLES.map((r, i) => [r, i]));

/**
 * The frame's VMs at `nowMs`: where each runs and what it is doing. A live migration is drawn in
 * its own window (they run one after another): before it the VM is still on its old server
 * (progress 0), during it on its way, after it on the new one (progress 1).
 */
export function frameVms(state: SimState, nowMs: number): FrameVm[] {
	return state.cluster.vms.map((vm) => {
		const move = vm.move;
		const span = move ? move.endMs - move.startMs : 0;
		const progress = !move ? 0 : span > 0 ? (nowMs - move.startMs) / span : 1;
		return {
			server: vm.server,
			role: (vm.role && ROLE_INDEX.get(vm.role)) || 0,
			state: VmFrameState[vm.state],
			from: move ? move.from : VM_FROM_NONE,
			progress: Math.min(1, Math.max(0, progress))
		};
	});
}
