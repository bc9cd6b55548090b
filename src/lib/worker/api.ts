/**
 * The worker's API object, kept free of Comlink so it can be tested in Node. `transfer` marks a
 * result for sending with its frame buffer transferred, not copied (Comlink.transfer in the
 * worker, identity in tests): Comlink looks the returned object up, so the whole result is
 * marked, not the buffer alone.
 */
import { SIMPLIFICATIONS, Simulation } from '../sim/index';
import { slbView } from './slb-view';
import { storageView } from './storage-view';
import { driveContents } from './io-view';
import { clusterView } from './cluster-view';
import type { InputEvent, LogEntry } from '../sim/index';
import type {
	AclRuleListing,
	AddInputResult,
	FrameResult,
	InvariantResult,
	LoadResult,
	LogPage,
	LogQuery,
	NetworkView,
	PacketResult,
	SeekOptions,
	SimApi
} from './protocol';

export type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

export function createSimApi(transfer: Transfer): SimApi {
	let sim: Simulation | null = null;

	const current = (): Simulation => {
		if (!sim) throw new Error('no scenario is loaded');
		return sim;
	};
	const withFrame = <T extends object>(extra: T): T & FrameResult => {
		const frame = current().frame();
		return transfer({ ...extra, frame }, [frame]);
	};

	return {
		async ping() {
			return 'ready';
		},
		async load(json: string, seed?: number): Promise<LoadResult> {
			const result = Simulation.fromJson(json, seed);
			if (!result.ok) return { ok: false, errors: result.errors };
			sim = result.sim;
			return withFrame({
				ok: true as const,
				name: sim.scenario.name,
				description: sim.scenario.description ?? '',
				seed: sim.seed,
				durationMs: sim.scenario.durationMs,
				topology: sim.topology,
				simplifications: [...SIMPLIFICATIONS]
			});
		},
		async seek(tMs: number, options?: SeekOptions) {
			current().seek(tMs, { stopAtPackets: options?.stopAtPackets === true });
			return withFrame({});
		},
		async step() {
			current().step();
			return withFrame({});
		},
		async stepBack() {
			current().stepBack();
			return withFrame({});
		},
		async addInput(input: InputEvent): Promise<AddInputResult> {
			const result = current().addInput(input);
			if (!result.ok) throw new Error(result.errors.join('\n'));
			return withFrame({ discarded: result.discarded });
		},
		async inputs() {
			return [...current().inputs];
		},
		async queryLog(query: LogQuery): Promise<LogPage> {
			return current().queryLog(query);
		},
		async packet(id: number): Promise<PacketResult> {
			const view = current().packet(id);
			if (!view) throw new Error(`no packet #${id} in this run (yet)`);
			const { bytes, layers, summary } = view;
			return transfer({ id, bytes, layers, summary }, [bytes.buffer as ArrayBuffer]);
		},
		async capture(): Promise<Uint8Array> {
			const bytes = current().capture();
			return transfer(bytes, [bytes.buffer as ArrayBuffer]);
		},
		async invariants(): Promise<InvariantResult[]> {
			const s = current();
			return s.invariants().map(({ firstViolation, ...rest }) => {
				const entry = firstViolation === undefined ? undefined : s.log[firstViolation];
				if (firstViolation === undefined || !entry) return rest;
				return {
					...rest,
					firstViolation: { logIndex: firstViolation, t: entry.t, summary: violationSummary(entry) }
				};
			});
		},
		async network(): Promise<NetworkView> {
			return networkView(current());
		},
		async slb() {
			return slbView(current());
		},
		async storage() {
			return storageView(current());
		},
		async driveContents(drive: number) {
			return driveContents(current(), drive);
		},
		async cluster() {
			return clusterView(current());
		},
		async aclRules(vm: string): Promise<AclRuleListing[]> {
			const rules = current().aclRules(vm);
			if (!rules) throw new Error(`no VM named ${vm} in this scenario`);
			return rules.map(({ id: _id, logging: _logging, ...listing }) => listing);
		},
		async stateHash() {
			return current().stateHash();
		}
	};
}

/** One line about a violating log entry: its type and the packet, VM and reason it names. */
function violationSummary(entry: LogEntry): string {
	const parts: string[] = [entry.type];
	if (entry.packet !== undefined) parts.push(`packet #${String(entry.packet)}`);
	if (entry.vm !== undefined) parts.push(`at ${String(entry.vm)}`);
	if (entry.reason !== undefined) parts.push(`(${String(entry.reason)})`);
	return parts.join(' ');
}

/** The tenant view now: the scenario's networks, each VM on the host the controller places it, PAs. */
export function networkView(sim: Simulation): NetworkView {
	const { scenario, topology } = sim;
	const { hosts, ports } = sim.state.net.policy;
	return {
		tenants: scenario.tenants.map((t) => ({
			name: t.name,
			virtualNetworks: t.virtualNetworks.map((n) => ({
				name: n.name,
				addressSpace: [...n.addressSpace],
				subnets: n.subnets.map((s) => ({ name: s.name, prefix: s.prefix, vsid: s.vsid }))
			}))
		})),
		vms: scenario.vms.map((vm) => {
			// Where the controller places the VM now (a vm.move input changes it).
			const host = ports.find((p) => p.vm === vm.name)?.host ?? vm.host;
			return {
				name: vm.name,
				tenant: vm.tenant,
				virtualNetwork: vm.virtualNetwork,
				subnet: vm.subnet,
				host,
				hostName: topology.nodes[host]?.name ?? `server ${host + 1}`,
				ca: vm.ca,
				mac: vm.mac,
				pa: hosts.find((h) => h.index === host)?.pa ?? ''
			};
		})
	};
}
