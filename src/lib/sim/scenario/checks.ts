/**
 * Rules that involve more than one field. They read the (plain, upgraded) document defensively, so
 * they run even when other fields are invalid: an author sees every problem in one pass. A rule
 * only fires when the fields it needs are individually valid (the schema reports those otherwise).
 */
import type { DriveMedia } from '../topology';
import {
	completeCacheDrives,
	DEFAULT_CAPACITY_DRIVES,
	DEFAULT_DURATION_MS,
	MAX_DRIVE_BAYS,
	MAX_DURATION_MS,
	MAX_NODES,
	MEDIA_SPEED,
	MIN_CAPACITY_DRIVES,
	MIN_DURATION_MS,
	MIN_NODES
} from './defaults';
import {
	checkTenantInput,
	checkTenantNetworking,
	serverProblem,
	type NetworkIndex
} from './checks-tenants';
import { field, isRecord } from './plain';
import { checkSlb, checkSlbInput, type SlbIndex } from './checks-slb';
import { checkStorage, checkStorageInput } from './checks-storage';
import { checkWorkloadInput, checkWorkloads } from './checks-storage-io';
import { isInt, valid } from './check-helpers';

export interface CheckResult {
	errors: string[];
	warnings: string[];
}

const isMedia = (x: unknown): x is DriveMedia => x === 'nvme' || x === 'ssd' || x === 'hdd';

/** Cross-field errors and warnings of a scenario (the whole JSON text). */
export function crossFieldChecks(doc: Record<string, unknown>): CheckResult {
	const result: CheckResult = { errors: [], warnings: [] };
	const nodes = valid(
		field(field(doc, 'topology'), 'nodes'),
		(x): x is number => isInt(x, MIN_NODES, MAX_NODES),
		undefined
	);
	checkDrives(doc, result);
	const network = checkTenantNetworking(doc, nodes, result);
	const slb = checkSlb(doc, nodes, network, result);
	const driveCount = checkStorage(doc, nodes, result);
	checkWorkloads(doc, nodes, result);
	checkInputs(doc, nodes, network, slb, driveCount, result);
	return result;
}

function checkDrives(doc: Record<string, unknown>, { errors, warnings }: CheckResult): void {
	const server = field(field(doc, 'topology'), 'server') ?? {};
	if (!isRecord(server)) return;
	const capacity = field(server, 'capacityDrives') ?? {};
	const cache = field(server, 'cacheDrives');
	if (!isRecord(capacity) || (cache !== undefined && !isRecord(cache))) return;

	const capacityMedia = valid(field(capacity, 'media'), isMedia, DEFAULT_CAPACITY_DRIVES.media);
	const capacityCount = valid(
		field(capacity, 'count'),
		(x): x is number => isInt(x, MIN_CAPACITY_DRIVES, MAX_DRIVE_BAYS),
		DEFAULT_CAPACITY_DRIVES.count
	);
	if (capacityMedia === undefined) return;
	const cacheCountRaw = field(cache, 'count');
	const cacheMediaRaw = field(cache, 'media');
	if (cacheCountRaw !== undefined && !isInt(cacheCountRaw, 0, MAX_DRIVE_BAYS)) return;
	if (cacheMediaRaw !== undefined && cacheMediaRaw !== 'nvme' && cacheMediaRaw !== 'ssd') return;
	const cacheDrives = completeCacheDrives(
		cache === undefined ? undefined : { count: cacheCountRaw, media: cacheMediaRaw },
		capacityMedia
	);

	const at = 'topology.server.cacheDrives';
	if (cacheDrives.count === 0) {
		if (capacityMedia === 'hdd') {
			// FACTS 1.10 "Tiers": hybrid is NVMe or SSD cache + HDD; there is no all-HDD option.
			errors.push(
				`${at}.count: an all-HDD server is not an Azure Stack Hub configuration (HDD capacity needs an NVMe or SSD cache), got 0 cache drives for hdd capacity`
			);
		}
		return;
	}
	if (MEDIA_SPEED[cacheDrives.media] <= MEDIA_SPEED[capacityMedia]) {
		// FACTS 1.7: the cache is the fastest type; a single type gets no cache.
		errors.push(
			`${at}.media: the cache must be a faster type than the capacity drives (nvme > ssd > hdd), got ${cacheDrives.media} cache for ${capacityMedia} capacity`
		);
	}
	if (capacityCount === undefined) return;
	if (cacheDrives.count > capacityCount) {
		// FACTS 1.7 "Binding": each cache drive serves at least one capacity drive in its server.
		errors.push(
			`${at}.count: each cache drive serves at least one capacity drive in its server, so ${cacheDrives.count} cache drives need at least ${cacheDrives.count} capacity drives, got ${capacityCount}`
		);
	} else if (capacityCount % cacheDrives.count !== 0) {
		warnings.push(
			`${at}.count: ${capacityCount} capacity drives over ${cacheDrives.count} cache drives is not a whole-number ratio, so the binding is uneven (FACTS 1.7)`
		);
	}
	const total = cacheDrives.count + capacityCount;
	if (total > MAX_DRIVE_BAYS) {
		errors.push(
			`topology.server: a server has at most ${MAX_DRIVE_BAYS} drive bays (cache + capacity), got ${total} drives`
		);
	}
}

function checkInputs(
	doc: Record<string, unknown>,
	nodes: number | undefined,
	network: NetworkIndex,
	slb: SlbIndex,
	driveCount: number | undefined,
	result: CheckResult
): void {
	const { errors, warnings } = result;
	const inputs = field(doc, 'inputs');
	if (!Array.isArray(inputs)) return;
	const durationMs = valid(
		field(doc, 'durationMs'),
		(x): x is number => isInt(x, MIN_DURATION_MS, MAX_DURATION_MS),
		DEFAULT_DURATION_MS
	);
	inputs.forEach((input, i) => {
		const node = field(input, 'node');
		if (typeof node === 'number' && Number.isInteger(node) && node >= 0) {
			const problem = serverProblem(node, nodes);
			if (problem !== undefined) errors.push(`inputs[${i}].node: ${problem}`);
		}
		checkTenantInput(input, `inputs[${i}]`, network, result, nodes);
		checkSlbInput(input, `inputs[${i}]`, network, slb, result);
		checkStorageInput(input, `inputs[${i}]`, driveCount, result);
		checkWorkloadInput(input, `inputs[${i}]`, doc, nodes, result);
		checkVmCreateInput(input, `inputs[${i}]`, doc, result);
		const t = field(input, 't');
		if (durationMs !== undefined && typeof t === 'number' && t > durationMs) {
			warnings.push(
				`inputs[${i}].t: ${t} ms is after the end of the scenario (durationMs ${durationMs}); it applies only when run past the end`
			);
		}
	});
}

/** A `vm.create` input names one of the scenario's availability sets. */
function checkVmCreateInput(
	input: unknown,
	at: string,
	doc: Record<string, unknown>,
	{ errors }: CheckResult
): void {
	if (field(input, 'type') !== 'vm.create') return;
	const set = field(input, 'set');
	if (typeof set !== 'string') return;
	const sets = field(field(doc, 'cluster'), 'availabilitySets');
	const names = Array.isArray(sets)
		? sets.flatMap((s) =>
				typeof field(s, 'name') === 'string' ? [field(s, 'name') as string] : []
			)
		: [];
	if (!names.includes(set)) {
		errors.push(
			`${at}.set: no availability set named ${JSON.stringify(set)} in cluster.availabilitySets (${names.length ? names.join(', ') : 'there are none'})`
		);
	}
}
