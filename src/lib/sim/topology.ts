/**
 * The static description of a scale unit's hardware, computed once from a scenario when it is
 * loaded and sent to the main thread once. Frames then carry only what changes, indexed in the
 * same order as the arrays here (node i in a frame is `nodes[i]`).
 */

export type DriveMedia = 'nvme' | 'ssd' | 'hdd';
export type DriveRole = 'cache' | 'capacity';
export type SwitchKind = 'tor' | 'bmc';

/** A rack position: rack index and the lowest rack unit (1-based, from the bottom). */
export interface RackSlot {
	readonly rack: number;
	readonly slotU: number;
	readonly heightU: number;
}

export interface NodeInfo extends RackSlot {
	readonly id: number;
	/** Display name, also used in log entries (e.g. "Node01"). */
	readonly name: string;
	readonly cores: number;
	readonly memoryGiB: number;
	/** Address on the BMC network (out-of-band management). */
	readonly bmcAddress: string;
	/** Address on the infrastructure network (cluster heartbeats travel here). */
	readonly hostAddress: string;
	/** Indices into `TopologyInfo.drives`. */
	readonly drives: readonly number[];
}

export interface DriveInfo {
	readonly id: number;
	/** Display name, e.g. "Node01 cache 1". */
	readonly name: string;
	readonly node: number;
	/** Bay position inside the server, 0-based. */
	readonly bay: number;
	readonly role: DriveRole;
	readonly media: DriveMedia;
	readonly sizeGB: number;
}

export interface SwitchInfo extends RackSlot {
	readonly id: number;
	readonly name: string;
	readonly kind: SwitchKind;
	readonly ports: number;
}

export interface HlhInfo extends RackSlot {
	readonly name: string;
}

export interface RackInfo {
	readonly id: number;
	readonly name: string;
	readonly heightU: number;
}

/**
 * The Software Load Balancer's parts, for scenarios with an `slb` section: the MUX VMs (each runs
 * on a server), the border router the TORs hand internet traffic to, and the internet clients
 * behind it. The router and clients are outside the scale unit's racks.
 */
export interface SlbTopology {
	readonly muxes: readonly { readonly name: string; readonly host: number }[];
	readonly router: { readonly name: string };
	readonly clients: readonly { readonly name: string; readonly address: string }[];
}

export interface TopologyInfo {
	readonly name: string;
	readonly racks: readonly RackInfo[];
	readonly nodes: readonly NodeInfo[];
	readonly drives: readonly DriveInfo[];
	readonly switches: readonly SwitchInfo[];
	readonly hlh: HlhInfo;
	/** Present when the scenario has a Software Load Balancer. */
	readonly slb?: SlbTopology;
}
