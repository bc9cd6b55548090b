import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storageEfficiency, capacityClassOf, type ResiliencyType } from '../storage/resiliency';
import { buildTopology } from '../topology-build';
import type { DriveMedia } from '../topology';
import { driveCountOf } from './checks-storage';
import { show } from './messages';
import { parseInput, parseScenario } from './parse';
import { type Scenario } from './schema';
import {
	MAX_VOLUME_SIZE_GB,
	resiliencyGuess,
	type DriveInput,
	type StorageSections
} from './schema-storage';

type Doc = Record<string, unknown>;
type StorageScenario = Scenario & StorageSections;
type Result =
	{ ok: true; scenario: StorageScenario; warnings: string[] } | { ok: false; errors: string[] };

// --- Parsing ---------------------------------------------------------------------------------

const parse = (doc: Doc): Result => parseScenario(doc) as Result;

type InputResult = { ok: true; input: unknown } | { ok: false; errors: string[] };

const parseRuntimeInput = (input: unknown, scenario: StorageScenario): InputResult =>
	parseInput(input, scenario);

// --- Scenarios --------------------------------------------------------------------------------

/** 4 servers of 2 NVMe cache + 8 × 4000 GB HDD: 128000 GB raw, 16000 GB reserve (FACTS 1.10). */
const base = (storage?: unknown, extra: Doc = {}): Doc => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'Storage',
	topology: { nodes: 4 },
	...(storage === undefined ? {} : { storage }),
	...extra
});

const volume = (name: string, sizeGB: number, extra: Doc = {}): Doc => ({ name, sizeGB, ...extra });
const volumes = (...list: Doc[]): Doc => ({ volumes: list });

function ok(result: Result): StorageScenario {
	if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join('\n')}`);
	return result.scenario;
}

function errors(result: Result): string[] {
	if (result.ok) throw new Error('expected errors, the scenario parsed');
	return result.errors;
}

const warnings = (result: Result): string[] => (result.ok ? result.warnings : []);

/** Four volumes (a multiple of the 4 servers, so no owner advice). */
const four = (sizeGB: number, extra: Doc = {}): Doc[] =>
	[1, 2, 3, 4].map((n) => volume(`Volume0${n}`, sizeGB, extra));

// --- Tests ----------------------------------------------------------------------------------

describe('storage section: defaults', () => {
	it('keeps scenarios without a storage section valid, with no storage', () => {
		const result = parse(base());
		const s = ok(result);
		expect(s.storage).toBeUndefined();
		expect('storage' in s).toBe(false);
		expect(warnings(result)).toEqual([]);
	});

	it('makes "storage": {} an Azure Stack Hub pool without volumes', () => {
		expect(ok(parse(base({}))).storage).toEqual({
			platform: 'azure-stack-hub',
			volumes: [],
			workloads: []
		});
	});

	it("fills in Azure Stack Hub's three-way mirror and leaves mirrorGB out", () => {
		const s = ok(parse(base(volumes(...four(1000)))));
		expect(s.storage?.volumes[0]).toEqual({
			name: 'Volume01',
			sizeGB: 1000,
			resiliency: 'three-way-mirror'
		});
		expect('mirrorGB' in s.storage!.volumes[0]).toBe(false);
	});

	it('accepts three-way mirror on the default 4-server topology up to the reserve, and no more', () => {
		// 4 × 8 × 4000 GB = 128000 GB raw; 16000 GB reserve; 112000 / 3 = 37333.3 GB of data.
		// 3 × (37330 + 1 + 1 + 1) = 111999 GB.
		const result = parse(base(volumes(volume('Data', 37330), ...four(1).slice(1))));
		expect(ok(result).storage?.volumes.map((x) => x.sizeGB)).toEqual([37330, 1, 1, 1]);
		expect(warnings(result)).toEqual([]);
		expect(errors(parse(base(volumes(volume('Data', 37334)))))).toEqual([
			'storage.volumes[0].sizeGB: 37334 GB of three-way mirror takes 112002 GB of the pool, which has only 112000 GB free after the repair reserve (one capacity drive per server, 4 × 4000 GB, FACTS §1.10), got 37334'
		]);
	});

	it('advises a volume count that is a multiple of the servers once, for the final count', () => {
		const three = parse(base(volumes(...four(1000).slice(0, 3))));
		expect(warnings(three)).toEqual([
			'storage.volumes: volume counts that are a multiple of the 4 servers balance the volume owners (FACTS §1.8), got 3 volumes'
		]);
		expect(warnings(parse(base(volumes(...four(1000)))))).toEqual([]);
	});

	it('accepts every resiliency type on generic S2D, with its advice as warnings', () => {
		const s2d = {
			platform: 's2d',
			volumes: [
				volume('a', 100, { resiliency: 'two-way-mirror' }),
				volume('b', 100, { resiliency: 'three-way-mirror' }),
				volume('c', 100, { resiliency: 'single-parity' }),
				volume('d', 100, { resiliency: 'dual-parity' }),
				volume('e', 100, { resiliency: 'mirror-accelerated-parity', mirrorGB: 20 }),
				volume('f', 100, { resiliency: 'mirror-accelerated-parity', mirrorGB: 0 }),
				volume('g', 100, { resiliency: 'mirror-accelerated-parity', mirrorGB: 100 }),
				volume('h', 100)
			]
		};
		const result = parse(base(s2d));
		expect(ok(result).storage?.volumes.map((x) => x.resiliency)).toEqual([
			'two-way-mirror',
			'three-way-mirror',
			'single-parity',
			'dual-parity',
			'mirror-accelerated-parity',
			'mirror-accelerated-parity',
			'mirror-accelerated-parity',
			'three-way-mirror'
		]);
		expect(ok(result).storage?.volumes[4].mirrorGB).toBe(20);
		expect(warnings(result)).toEqual([
			'storage.volumes[0]: on more than 2 servers three-way mirror is preferred (FACTS §1.1)',
			'storage.volumes[2]: single parity survives one failure; a second (e.g. during a reboot) means downtime (FACTS §1.1)'
		]);
	});

	it('accepts a 64 TiB volume (70368 GB) where the pool holds it', () => {
		const big = {
			nodes: 16,
			server: { capacityDrives: { count: 8, media: 'ssd', sizeGB: 10000 } }
		};
		const doc = base(volumes(volume('Big', MAX_VOLUME_SIZE_GB)), { topology: big });
		expect(MAX_VOLUME_SIZE_GB).toBe(70368);
		expect(ok(parse(doc)).storage?.volumes[0].sizeGB).toBe(70368);
	});
});

describe('storage section: messages', () => {
	it('refuses what Azure Stack Hub does not do, pointing to the s2d platform', () => {
		const doc = base(volumes(volume('Data', 1000, { resiliency: 'dual-parity' })));
		expect(errors(parse(doc))).toEqual([
			'storage.volumes[0].resiliency: Azure Stack Hub makes every volume three-way mirror, not dual parity (FACTS §1.10, §9.6; "storage": {"platform": "s2d"} models generic Storage Spaces Direct), got "dual-parity"'
		]);
	});

	it('requires mirrorGB for mirror-accelerated parity only, at most the volume size', () => {
		const map = { resiliency: 'mirror-accelerated-parity' };
		const doc = base({
			platform: 's2d',
			volumes: [
				volume('a', 1000, map),
				volume('b', 1000, { ...map, mirrorGB: 1001 }),
				volume('c', 1000, { mirrorGB: 200 }),
				volume('d', 1000, { resiliency: 'dual-parity', mirrorGB: 200 })
			]
		});
		expect(errors(parse(doc))).toEqual([
			"storage.volumes[0].mirrorGB: missing; mirror-accelerated parity keeps part of the volume in three-way mirror and the rest in dual parity (FACTS 1.1): give the mirror part in GB, 0 to the volume's size",
			"storage.volumes[1].mirrorGB: the mirror part is at most the volume's size (1000 GB), got 1001",
			'storage.volumes[2].mirrorGB: only a mirror-accelerated parity volume has a mirror part (this one is three-way mirror), got 200',
			'storage.volumes[3].mirrorGB: only a mirror-accelerated parity volume has a mirror part (this one is dual parity), got 200'
		]);
	});

	it('reports a missing mirrorGB as well as the platform on Azure Stack Hub', () => {
		const doc = base(volumes(volume('a', 1000, { resiliency: 'mirror-accelerated-parity' })));
		const found = errors(parse(doc));
		expect(found).toHaveLength(2);
		expect(found[0]).toMatch(/^storage\.volumes\[0\]\.mirrorGB: missing; /);
		expect(found[1]).toMatch(/^storage\.volumes\[0\]\.resiliency: Azure Stack Hub makes every/);
	});

	it('refuses duplicate names whatever their case, naming the first', () => {
		const doc = base(volumes(volume('Data', 100), volume('Logs', 100), volume('data', 100)));
		expect(errors(parse(doc))).toEqual([
			'storage.volumes[2].name: volume names are unique, whatever their case (FACTS §1.8), got "data" again (also storage.volumes[0])'
		]);
	});

	it('finds a duplicate name even when another field of the volume is invalid', () => {
		const doc = base(volumes(volume('Data', 100), volume('DATA', -1)));
		expect(errors(parse(doc))).toEqual([
			'storage.volumes[1].sizeGB: a volume size is a whole number of GB from 1 to 70368 (64 TiB, FACTS 1.8), got -1',
			'storage.volumes[1].name: volume names are unique, whatever their case (FACTS §1.8), got "DATA" again (also storage.volumes[0])'
		]);
	});

	it('allocates in order: each volume leaves less for the next, a refused one takes nothing', () => {
		const doc = base(
			volumes(volume('a', 15000), volume('b', 20000), volume('c', 5000), volume('d', 1000))
		);
		// a: 45000 GB; b: 60000 GB (105000 of the 112000 outside the reserve); c: 15000 GB is
		// refused; d: 3000 GB still fits.
		expect(errors(parse(doc))).toEqual([
			'storage.volumes[2].sizeGB: 5000 GB of three-way mirror takes 15000 GB of the pool, which has only 7000 GB free after the volumes before it and the repair reserve (one capacity drive per server, 4 × 4000 GB, FACTS §1.10), got 5000'
		]);
	});

	it('says when a volume is larger than all the free capacity, reserve or not', () => {
		const doc = base(volumes(volume('a', 43000)));
		expect(errors(parse(doc))).toEqual([
			'storage.volumes[0].sizeGB: 43000 GB of three-way mirror takes 129000 GB of the pool, which has only 128000 GB free (128000 GB in all, FACTS §1.1), got 43000'
		]);
		const s2d = base({
			platform: 's2d',
			volumes: [volume('a', 20000), volume('b', 40000, { resiliency: 'dual-parity' })]
		});
		// a: 60000 GB; b: RS 2+2 on 4 servers (FACTS 1.2), 80000 GB of the 68000 GB left.
		expect(errors(parse(s2d))).toEqual([
			'storage.volumes[1].sizeGB: 40000 GB of dual parity takes 80000 GB of the pool, which has only 68000 GB free after the volumes before it (128000 GB in all, FACTS §1.1), got 40000'
		]);
	});

	it('only warns when generic S2D eats into the repair reserve (FACTS 1.8)', () => {
		const result = parse(base({ platform: 's2d', volumes: four(10000) }));
		const s = ok(result);
		expect(s.storage?.volumes).toHaveLength(4);
		expect(warnings(result)).toHaveLength(1);
		expect(warnings(result)[0]).toMatch(
			/^storage\.volumes\[3\]: .* would eat into the repair reserve .*one capacity drive per server, max 4.*FACTS §1\.8/
		);
	});

	it('suggests the resiliency type a typo, a label or an alias means', () => {
		const at = (resiliency: unknown) =>
			errors(parse(base(volumes(volume('a', 100, { resiliency })))))[0];
		const rule =
			'storage.volumes[0].resiliency: the resiliency is "two-way-mirror", "three-way-mirror", "single-parity", "dual-parity", "mirror-accelerated-parity"';
		expect(at('three-way-miror')).toBe(
			`${rule}, got "three-way-miror", did you mean "three-way-mirror"?`
		);
		expect(at('Three-way mirror')).toBe(
			`${rule}, got "Three-way mirror", did you mean "three-way-mirror"?`
		);
		expect(at('raid5')).toBe(`${rule}, got "raid5"`);
		expect(at(3)).toBe(`${rule}, got 3`);
		expect(resiliencyGuess('3-way mirror')).toBe('three-way-mirror');
		expect(resiliencyGuess('MAP')).toBe('mirror-accelerated-parity');
		expect(resiliencyGuess('Mirror')).toBe('two-way-mirror');
		expect(resiliencyGuess('parity')).toBe('single-parity');
		expect(resiliencyGuess('dual_parity')).toBe('dual-parity');
	});

	it('refuses bad fields with the rule and the value', () => {
		const found = (storage: unknown) => errors(parse(base(storage)));
		expect(found('all')).toEqual([
			'storage: expected an object such as {"volumes": [{"name": "Volume01", "sizeGB": 2000}]}, got "all"'
		]);
		expect(found({ platform: 'azure' })).toEqual([
			'storage.platform: the platform is "azure-stack-hub" (every volume three-way mirror, FACTS 1.10) or "s2d" (generic Storage Spaces Direct), got "azure"'
		]);
		expect(found({ volume: [] })[0]).toBe(
			'storage.volume: unknown field, did you mean "volumes"? (fields here: platform, volumes, workloads)'
		);
		expect(found(volumes({ name: 'a' }))).toEqual([
			'storage.volumes[0].sizeGB: missing; its size in GB, e.g. 2000'
		]);
		expect(found(volumes(volume('a', 70369)))).toEqual([
			'storage.volumes[0].sizeGB: a volume size is a whole number of GB from 1 to 70368 (64 TiB, FACTS 1.8), got 70369'
		]);
		expect(found(volumes(volume('a', 1.5)))[0]).toMatch(/got 1\.5$/);
		expect(found(volumes(volume('my volume', 100)))[0]).toMatch(
			/^storage\.volumes\[0\]\.name: a name is 1 to 64 letters, .*got "my volume"$/
		);
		expect(found(volumes(volume('a', 100, { sizeTB: 1 })))[0]).toMatch(
			/^storage\.volumes\[0\]\.sizeTB: unknown field/
		);
		const many = Array.from({ length: 65 }, (_, i) => volume(`v${i}`, 1));
		expect(found(volumes(...many))).toEqual([
			'storage.volumes: a cluster holds at most 64 volumes (FACTS 1.8), got 65'
		]);
	});

	it('checks no capacity when the topology cannot be read (the schema reports it)', () => {
		const doc = base(volumes(volume('a', 60000)), {
			topology: { nodes: 4, server: { capacityDrives: { count: 'eight' } } }
		});
		const found = errors(parse(doc));
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/^topology\.server\.capacityDrives\.count: /);
	});
});

describe('drive inputs', () => {
	const withInputs = (inputs: unknown[], topology: Doc = { nodes: 4 }) =>
		base(undefined, { topology, inputs });

	it('accepts drive.fail, drive.pull and drive.restore on every drive of the scale unit', () => {
		const inputs = [
			{ t: 1000, type: 'drive.fail', drive: 0 },
			{ t: 2000, type: 'drive.pull', drive: 39 },
			{ t: 3000, type: 'drive.restore', drive: 39 }
		];
		const s = ok(parse(withInputs(inputs)));
		expect(s.inputs as unknown as DriveInput[]).toEqual(inputs);
	});

	it('refuses a drive index beyond the scale unit, with the range', () => {
		// 4 servers × (2 cache + 8 capacity) = 40 drives.
		expect(errors(parse(withInputs([{ t: 0, type: 'drive.fail', drive: 40 }])))).toEqual([
			"inputs[0].drive: no drive 40 in a scale unit of 40 drives (drives are 0 to 39: each server's cache drives, then its capacity drives)"
		]);
		// All-flash without a cache: 5 × 6 = 30 drives.
		const flash = { nodes: 5, server: { capacityDrives: { count: 6, media: 'ssd' } } };
		expect(errors(parse(withInputs([{ t: 0, type: 'drive.pull', drive: 30 }], flash)))).toEqual([
			"inputs[0].drive: no drive 30 in a scale unit of 30 drives (drives are 0 to 29: each server's cache drives, then its capacity drives)"
		]);
	});

	it('refuses indexes that are not whole numbers from 0, and a missing one', () => {
		const rule =
			'a drive index is a whole number from 0 (Node01 cache 1; each server its cache drives, then its capacity drives)';
		for (const drive of [-1, 1.5, '3', null]) {
			expect(errors(parse(withInputs([{ t: 0, type: 'drive.restore', drive }])))).toEqual([
				`inputs[0].drive: ${rule}, got ${show(drive)}`
			]);
		}
		expect(errors(parse(withInputs([{ t: 0, type: 'drive.fail' }])))).toEqual([
			'inputs[0].drive: missing; the index of the drive (0 is the first drive of Node01)'
		]);
	});

	it('still bounds the index when the topology cannot be read', () => {
		const topology = { nodes: 40 };
		const found = errors(parse(withInputs([{ t: 0, type: 'drive.fail', drive: 384 }], topology)));
		expect(found).toContain(
			'inputs[0].drive: no drive 384 in any scale unit (at most 16 servers × 24 drives = 384, 0 to 383)'
		);
		const fine = errors(parse(withInputs([{ t: 0, type: 'drive.fail', drive: 383 }], topology)));
		expect(fine.some((m) => m.startsWith('inputs'))).toBe(false);
	});

	it('checks a drive input added at run time against the loaded scenario', () => {
		const s = ok(parse(base()));
		expect(parseRuntimeInput({ t: 5, type: 'drive.pull', drive: 12 }, s)).toEqual({
			ok: true,
			input: { t: 5, type: 'drive.pull', drive: 12 }
		});
		expect(parseRuntimeInput({ t: 5, type: 'drive.pull', drive: 40 }, s)).toEqual({
			ok: false,
			errors: [
				"input.drive: no drive 40 in a scale unit of 40 drives (drives are 0 to 39: each server's cache drives, then its capacity drives)"
			]
		});
	});
});

describe('storage: properties', () => {
	const topologyArb = fc.record({
		nodes: fc.integer({ min: 4, max: 16 }),
		media: fc.constantFrom<DriveMedia>('hdd', 'ssd', 'nvme'),
		capacityCount: fc.integer({ min: 2, max: 12 }),
		cacheCount: fc.constantFrom(undefined, 0, 2, 3, 4, 6),
		sizeGB: fc.integer({ min: 100, max: 20000 })
	});

	type TopologyCase = typeof topologyArb extends fc.Arbitrary<infer T> ? T : never;

	const topologyOf = (t: TopologyCase) => ({
		nodes: t.nodes,
		server: {
			capacityDrives: { count: t.capacityCount, media: t.media, sizeGB: t.sizeGB },
			...(t.cacheCount === undefined ? {} : { cacheDrives: { count: t.cacheCount } })
		}
	});

	it('counts the drives exactly as the topology is built', () => {
		fc.assert(
			fc.property(topologyArb, (t) => {
				const result = parse(base(undefined, { topology: topologyOf(t) }));
				if (!result.ok) return; // e.g. an NVMe cache on NVMe capacity
				const built = buildTopology(result.scenario);
				expect(driveCountOf(result.scenario, t.nodes)).toBe(built.drives.length);
				const last = built.drives.length - 1;
				expect(built.drives[last].name).toMatch(/capacity \d+$/);
			})
		);
	});

	it('accepts volumes exactly while their cumulative footprint fits, in order', () => {
		const resiliencies: ResiliencyType[] = ['two-way-mirror', 'three-way-mirror', 'dual-parity'];
		const arb = fc.record({
			t: topologyArb,
			platform: fc.constantFrom('azure-stack-hub', 's2d'),
			volumes: fc.array(
				fc.record({
					sizeGB: fc.integer({ min: 1, max: MAX_VOLUME_SIZE_GB }),
					resiliency: fc.constantFrom(...resiliencies)
				}),
				{ minLength: 1, maxLength: 8 }
			)
		});
		fc.assert(
			fc.property(arb, ({ t, platform, volumes: list }) => {
				// Default cache (none on flash, 2 NVMe on HDD): every topology here is valid.
				const { nodes, server } = topologyOf(t);
				const topology = { nodes, server: { capacityDrives: server.capacityDrives } };
				const ash = platform === 'azure-stack-hub';
				const written = list.map((x, i) => ({
					name: `v${i}`,
					sizeGB: x.sizeGB,
					resiliency: ash ? 'three-way-mirror' : x.resiliency
				}));
				const result = parse(base({ platform, volumes: written }, { topology }));
				// The model: raw capacity, less the reserve on Azure Stack Hub (one drive per server).
				const raw = t.nodes * t.capacityCount * t.sizeGB;
				const limit = ash ? raw - t.nodes * t.sizeGB : raw;
				let used = 0;
				const refused: number[] = [];
				written.forEach((x, i) => {
					const e = storageEfficiency(
						x.resiliency as ResiliencyType,
						t.nodes,
						capacityClassOf(t.media)
					)!;
					const footprint = (x.sizeGB * e.totalSymbols) / e.dataSymbols;
					if (used + footprint <= limit + 1e-9) used += footprint;
					else refused.push(i);
				});
				const found = result.ok ? [] : result.errors;
				const at = found.map((m) => Number(/^storage\.volumes\[(\d+)\]\.sizeGB: /.exec(m)?.[1]));
				expect(at).toEqual(refused);
			})
		);
	});

	it('answers hostile values anywhere in the storage section with messages, never a crash', () => {
		const paths = [
			'storage',
			'platform',
			'volumes',
			'name',
			'sizeGB',
			'resiliency',
			'mirrorGB',
			'drive'
		];
		fc.assert(
			fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
				const v0: Doc = {
					name: 'a',
					sizeGB: 100,
					resiliency: 'mirror-accelerated-parity',
					mirrorGB: 10
				};
				const storage: Doc = { platform: 's2d', volumes: [v0, { ...v0, name: 'b' }] };
				const input: Doc = { t: 0, type: 'drive.fail', drive: 1 };
				if (path === 'storage') storage.volumes = value;
				else if (path === 'platform' || path === 'volumes') storage[path] = value;
				else if (path === 'drive') input.drive = value;
				else v0[path] = value;
				const result = parse(base(path === 'storage' ? value : storage, { inputs: [input] }));
				if (!result.ok) {
					expect(result.errors.length).toBeGreaterThan(0);
					for (const m of result.errors) expect(m).toMatch(/^(storage|inputs)[.[:]/);
				}
			})
		);
	});
});
