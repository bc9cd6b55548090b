import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	HEARTBEAT_PROFILES,
	MAX_INPUTS,
	parseScenario,
	parseScenarioJson,
	SCENARIO_VERSION,
	upgradeScenario,
	type ParseResult,
	type Scenario
} from './index';
import { lineAndColumn, locateJsonError, parseInput } from './parse';

const minimal = () => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'Test',
	topology: { nodes: 4 }
});

function ok(result: ParseResult): Scenario {
	if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join('\n')}`);
	return result.scenario;
}

function errors(result: ParseResult): string[] {
	if (result.ok) throw new Error('expected errors, the scenario parsed');
	return result.errors;
}

/** A scenario with `patch` merged one level into `topology.server` etc. */
const withServer = (server: unknown) => ({ ...minimal(), topology: { nodes: 4, server } });

describe('parseScenario: defaults', () => {
	it('fills in every default of a minimal scenario', () => {
		expect(ok(parseScenario(minimal()))).toEqual({
			format: 'stackscope.scenario',
			version: 1,
			name: 'Test',
			description: '',
			seed: 1,
			durationMs: 120_000,
			topology: {
				nodes: 4,
				serversPerRack: 8,
				server: {
					cores: 48,
					memoryGiB: 768,
					cacheDrives: { count: 2, media: 'nvme', sizeGB: 1600 },
					capacityDrives: { count: 8, media: 'hdd', sizeGB: 4000 }
				}
			},
			cluster: {
				heartbeat: { profile: 'ws2016', delayMs: 1000, threshold: 10 },
				witness: 'none',
				availabilitySets: []
			},
			network: { underlayMtuBytes: 1674 },
			tenants: [],
			vms: [],
			acls: [],
			loadBalancers: [],
			clients: [],
			inputs: []
		});
	});

	it('uses the ws2012 profile defaults (1000 ms x 5) and lets explicit values win', () => {
		const ws2012 = ok(
			parseScenario({ ...minimal(), cluster: { heartbeat: { profile: 'ws2012' } } })
		);
		expect(ws2012.cluster.heartbeat).toEqual({ profile: 'ws2012', delayMs: 1000, threshold: 5 });
		expect(HEARTBEAT_PROFILES.ws2016).toEqual({ delayMs: 1000, threshold: 10 });
		const custom = ok(
			parseScenario({ ...minimal(), cluster: { heartbeat: { profile: 'ws2012', threshold: 7 } } })
		);
		expect(custom.cluster.heartbeat).toEqual({ profile: 'ws2012', delayMs: 1000, threshold: 7 });
	});

	it('gives flash capacity no cache by default (single tier) and HDD capacity an NVMe cache', () => {
		for (const media of ['nvme', 'ssd'] as const) {
			const s = ok(parseScenario(withServer({ capacityDrives: { media } })));
			expect(s.topology.server.cacheDrives.count).toBe(0);
		}
		const hybrid = ok(parseScenario(withServer({ capacityDrives: { media: 'hdd' } })));
		expect(hybrid.topology.server.cacheDrives).toEqual({ count: 2, media: 'nvme', sizeGB: 1600 });
	});

	it('treats a written cache object without a count as asking for a cache', () => {
		const s = ok(
			parseScenario(
				withServer({ cacheDrives: { media: 'nvme' }, capacityDrives: { media: 'ssd' } })
			)
		);
		expect(s.topology.server.cacheDrives).toEqual({ count: 2, media: 'nvme', sizeGB: 1600 });
	});

	it('does not share default objects between parses', () => {
		const a = ok(parseScenario(minimal()));
		a.inputs.push({ t: 1, type: 'node.fail', node: 0 });
		a.topology.server.capacityDrives.count = 99;
		const b = ok(parseScenario(minimal()));
		expect(b.inputs).toEqual([]);
		expect(b.topology.server.capacityDrives.count).toBe(8);
	});
});

describe('parseScenario: field messages', () => {
	it('names the field and the rule for too few servers (acceptance criterion)', () => {
		const result = parseScenario({ ...minimal(), topology: { nodes: 2 } });
		expect(errors(result)).toEqual(['topology.nodes: a scale unit has 4 to 16 servers, got 2']);
	});

	it('always gives the topology.nodes message for an invalid node count', () => {
		const invalid = fc.oneof(
			fc.integer({ min: -1000, max: 3 }),
			fc.integer({ min: 17, max: 100_000 }),
			fc.double({ min: 4, max: 16, noNaN: true }).filter((x) => !Number.isInteger(x)),
			fc.constantFrom(Infinity, -Infinity, NaN, null, true, '4', [], {})
		);
		fc.assert(
			fc.property(invalid, (nodes) => {
				const messages = errors(parseScenario({ ...minimal(), topology: { nodes } }));
				expect(messages).toHaveLength(1);
				expect(messages[0]).toMatch(/^topology\.nodes: a scale unit has 4 to 16 servers, got /);
			})
		);
	});

	it('reports a missing node count with the rule', () => {
		expect(errors(parseScenario({ ...minimal(), topology: {} }))).toEqual([
			'topology.nodes: missing; a scale unit has 4 to 16 servers'
		]);
	});

	it('names unknown fields (typos) and suggests the close one', () => {
		const messages = errors(
			parseScenario({ ...minimal(), topology: { nodes: 4, serverPerRack: 8 }, seeed: 3 })
		);
		expect(messages).toContain(
			'topology.serverPerRack: unknown field, did you mean "serversPerRack"? (fields here: nodes, serversPerRack, server)'
		);
		expect(messages.some((m) => m.startsWith('seeed: unknown field, did you mean "seed"?'))).toBe(
			true
		);
	});

	it('reports every invalid field in one pass, with list indices in the path', () => {
		const messages = errors(
			parseScenario({
				...minimal(),
				name: '',
				durationMs: 10,
				topology: { nodes: 4, serversPerRack: 3 },
				inputs: [
					{ t: 0, type: 'node.fail', node: 0 },
					{ t: -5, type: 'node.fail', node: 0 },
					{ t: 1, type: 'node.explode', node: 0 }
				]
			})
		);
		expect(messages).toEqual(
			expect.arrayContaining([
				'name: a name is 1 to 120 characters, got ""',
				'durationMs: the duration is 1000 to 86400000 ms (1 s to 24 h), got 10',
				'topology.serversPerRack: servers per rack is 4 to 16, got 3',
				'inputs[1].t: a time in simulated ms from 0 to 86400000, got -5',
				'inputs[2].type: unknown input type "node.explode" (this version knows node.fail, node.restore, flow.start, acl.add, acl.remove, network.set-mtu, vm.move, client.connect, mux.fail, mux.restore, vm.service-stop, vm.service-start, lb.set-distribution, vm.connect, drive.fail, drive.pull, drive.restore, volume.create, workload.define, workload.start, workload.stop, witness.set, witness.fail, witness.restore, node.drain, node.resume, node.shutdown, node.isolate, update.start, vm.create)'
			])
		);
	});

	it('rejects an input naming a server outside the scale unit', () => {
		const inputs = [
			{ t: 0, type: 'node.fail', node: 0 },
			{ t: 1, type: 'node.restore', node: 0 },
			{ t: 2, type: 'node.fail', node: 7 }
		];
		expect(errors(parseScenario({ ...minimal(), inputs }))).toEqual([
			'inputs[2].node: no server 7 in a 4-server scale unit (servers are 0 to 3)'
		]);
	});

	it('checks input servers even when other fields are invalid', () => {
		const messages = errors(
			parseScenario({
				...minimal(),
				name: 42,
				topology: { nodes: 5 },
				inputs: [{ t: 0, type: 'node.fail', node: 5 }]
			})
		);
		expect(messages).toEqual([
			'name: a name is text, got 42',
			'inputs[0].node: no server 5 in a 5-server scale unit (servers are 0 to 4)'
		]);
	});

	it('checks heartbeat ranges (FACTS §7: delay 250..2000 ms, threshold 3..120)', () => {
		const messages = errors(
			parseScenario({ ...minimal(), cluster: { heartbeat: { delayMs: 249, threshold: 121 } } })
		);
		expect(messages).toEqual([
			'cluster.heartbeat.delayMs: the heartbeat delay is 250 to 2000 ms (SameSubnetDelay), got 249',
			'cluster.heartbeat.threshold: the heartbeat threshold is 3 to 120 missed heartbeats (SameSubnetThreshold), got 121'
		]);
		const edges = { delayMs: 250, threshold: 120 };
		expect(
			ok(parseScenario({ ...minimal(), cluster: { heartbeat: edges } })).cluster.heartbeat
		).toEqual({ profile: 'ws2016', ...edges });
	});
});

describe('parseScenario: drive rules (FACTS 1.7, 1.10)', () => {
	it('requires the cache to be faster than the capacity drives', () => {
		const result = parseScenario(
			withServer({ cacheDrives: { count: 2, media: 'ssd' }, capacityDrives: { media: 'ssd' } })
		);
		expect(errors(result)).toEqual([
			'topology.server.cacheDrives.media: the cache must be a faster type than the capacity drives (nvme > ssd > hdd), got ssd cache for ssd capacity'
		]);
		const nvmeOnNvme = parseScenario(
			withServer({ cacheDrives: { count: 2 }, capacityDrives: { media: 'nvme' } })
		);
		expect(errors(nvmeOnNvme)[0]).toContain('got nvme cache for nvme capacity');
	});

	it('accepts every tier of FACTS 1.10: single-tier flash, NVMe + SSD, NVMe or SSD + HDD', () => {
		const tiers = [
			{ cacheDrives: { count: 0 }, capacityDrives: { media: 'nvme' } },
			{ cacheDrives: { count: 0 }, capacityDrives: { media: 'ssd' } },
			{ cacheDrives: { count: 2, media: 'nvme' }, capacityDrives: { media: 'ssd' } },
			{ cacheDrives: { count: 2, media: 'nvme' }, capacityDrives: { media: 'hdd' } },
			{ cacheDrives: { count: 2, media: 'ssd' }, capacityDrives: { media: 'hdd' } }
		];
		for (const server of tiers) expect(parseScenario(withServer(server)).ok).toBe(true);
	});

	it('rejects an all-HDD server', () => {
		expect(errors(parseScenario(withServer({ cacheDrives: { count: 0 } })))).toEqual([
			'topology.server.cacheDrives.count: an all-HDD server is not an Azure Stack Hub configuration (HDD capacity needs an NVMe or SSD cache), got 0 cache drives for hdd capacity'
		]);
	});

	it('requires at least 2 cache drives when there is a cache (FACTS 1.7 "hence >= 2")', () => {
		const messages = errors(parseScenario(withServer({ cacheDrives: { count: 1 } })));
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatch(
			/^topology\.server\.cacheDrives\.count: with a cache, a server needs at least 2 cache drives .*, got 1$/
		);
	});

	it('needs a capacity drive for every cache drive, and fits the drive bays', () => {
		const tooManyCache = parseScenario(
			withServer({ cacheDrives: { count: 6 }, capacityDrives: { count: 4 } })
		);
		expect(errors(tooManyCache)).toEqual([
			'topology.server.cacheDrives.count: each cache drive serves at least one capacity drive in its server, so 6 cache drives need at least 6 capacity drives, got 4'
		]);
		const tooMany = parseScenario(
			withServer({ cacheDrives: { count: 4 }, capacityDrives: { count: 22 } })
		);
		expect(errors(tooMany)).toEqual([
			'topology.server: a server has at most 24 drive bays (cache + capacity), got 26 drives'
		]);
	});

	it('warns about an uneven cache binding ratio', () => {
		const result = parseScenario(
			withServer({ cacheDrives: { count: 3 }, capacityDrives: { count: 8 } })
		);
		expect(result.ok && result.warnings).toEqual([
			'topology.server.cacheDrives.count: 8 capacity drives over 3 cache drives is not a whole-number ratio, so the binding is uneven (FACTS 1.7)'
		]);
	});
});

describe('parseScenario: inputs', () => {
	it('sorts inputs by time, stably, and says so', () => {
		const inputs = [
			{ t: 3000, type: 'node.fail', node: 2 },
			{ t: 1000, type: 'node.fail', node: 0 },
			{ t: 3000, type: 'node.restore', node: 1 },
			{ t: 1000, type: 'node.restore', node: 3 }
		];
		const result = parseScenario({ ...minimal(), inputs });
		const s = ok(result);
		expect(s.inputs.map((i) => [i.t, 'node' in i ? i.node : undefined])).toEqual([
			[1000, 0],
			[1000, 3],
			[3000, 2],
			[3000, 1]
		]);
		expect(result.ok && result.warnings).toEqual([
			'inputs: not in time order; sorted by t (inputs at the same time keep their order)'
		]);
	});

	it('keeps the order of equal times for any input list (stable sort)', () => {
		const input = fc.record({
			t: fc.integer({ min: 0, max: 5 }),
			type: fc.constantFrom('node.fail', 'node.restore'),
			node: fc.integer({ min: 0, max: 3 })
		});
		fc.assert(
			fc.property(fc.array(input, { maxLength: 30 }), (inputs) => {
				const s = ok(parseScenario({ ...minimal(), inputs }));
				const expected = inputs
					.map((item, i) => ({ item, i }))
					.sort((a, b) => a.item.t - b.item.t || a.i - b.i)
					.map((x) => x.item);
				expect(s.inputs).toEqual(expected);
			})
		);
	});

	it('warns about an input after the end of the scenario', () => {
		const result = parseScenario({
			...minimal(),
			durationMs: 10_000,
			inputs: [{ t: 20_000, type: 'node.fail', node: 1 }]
		});
		expect(result.ok && result.warnings).toEqual([
			'inputs[0].t: 20000 ms is after the end of the scenario (durationMs 10000); it applies only when run past the end'
		]);
	});

	it('validates a single input against a scenario', () => {
		const s = ok(parseScenario(minimal()));
		expect(parseInput({ t: 5, type: 'node.fail', node: 3 }, s)).toEqual({
			ok: true,
			input: { t: 5, type: 'node.fail', node: 3 }
		});
		expect(parseInput({ t: 5, type: 'node.fail', node: 4 }, s)).toEqual({
			ok: false,
			errors: ['input.node: no server 4 in a 4-server scale unit (servers are 0 to 3)']
		});
		expect(parseInput({ t: 5, type: 'node.fail', node: 1, extra: 1 }, s).ok).toBe(false);
		expect(parseInput('node.fail', s)).toEqual({
			ok: false,
			errors: [
				'input: expected an input such as {"t": 5000, "type": "node.fail", "node": 1}, got "node.fail"'
			]
		});
	});
});

describe('parseScenario: format and versions', () => {
	it('refuses a missing or foreign format', () => {
		const { format: _, ...noFormat } = minimal();
		expect(errors(parseScenario(noFormat))).toEqual([
			'format: missing; a StackScope scenario starts with "format": "stackscope.scenario"'
		]);
		expect(errors(parseScenario({ ...minimal(), format: 'lesson' }))).toEqual([
			'format: not a StackScope scenario (expected "stackscope.scenario"), got "lesson"'
		]);
	});

	it('requires a whole-number version and refuses newer versions clearly', () => {
		const { version: _, ...noVersion } = minimal();
		expect(errors(parseScenario(noVersion))).toEqual([
			'version: missing; this build reads "version": 1'
		]);
		expect(errors(parseScenario({ ...minimal(), version: '1' }))).toEqual([
			'version: a whole number such as 1, got "1"'
		]);
		expect(errors(parseScenario({ ...minimal(), version: SCENARIO_VERSION + 1 }))).toEqual([
			'version: this scenario is version 2, newer than this build of StackScope reads (up to 1); open it in a newer StackScope'
		]);
		expect(errors(parseScenario({ ...minimal(), version: 0 }))).toEqual([
			'version: 0 is not a scenario version this build can read (it reads version 1)'
		]);
	});

	it('upgrades an older version through an injected upgrader chain', () => {
		// A made-up draft format 0 that called the node count "servers".
		const draft = { format: 'stackscope.scenario', version: 0, name: 'Old', servers: 6 };
		const upgraders = {
			0: (doc: Record<string, unknown>) => {
				const { servers, ...rest } = doc;
				return { ...rest, version: 1, topology: { nodes: servers } };
			}
		};
		const result = parseScenario(draft, { upgraders });
		expect(ok(result).topology.nodes).toBe(6);
		expect(result.ok && result.warnings).toEqual([
			'version: upgraded from version 0 to 1; save the scenario again to keep the new form'
		]);
		// The upgraded document is validated like any other.
		const bad = parseScenario({ ...draft, servers: 2 }, { upgraders });
		expect(errors(bad)).toEqual(['topology.nodes: a scale unit has 4 to 16 servers, got 2']);
		// Without the chain the draft is refused.
		expect(errors(parseScenario(draft))[0]).toMatch(/^version: 0 is not a scenario version/);
	});

	it('runs a multi-step chain in order and reports broken upgraders', () => {
		const steps: number[] = [];
		const step = (to: number) => (doc: Record<string, unknown>) => {
			steps.push(to);
			return { ...doc, version: to, [`v${to}`]: true };
		};
		const upgraders = { 1: step(2), 2: step(3), 3: step(4) };
		const result = upgradeScenario({ format: 'stackscope.scenario', version: 1 }, upgraders, 4);
		expect(steps).toEqual([2, 3, 4]);
		expect(result.ok && result.doc).toEqual({
			format: 'stackscope.scenario',
			version: 4,
			v2: true,
			v3: true,
			v4: true
		});
		const fromTwo = upgradeScenario({ format: 'stackscope.scenario', version: 2 }, upgraders, 4);
		expect(fromTwo.ok && fromTwo.doc.version).toBe(4);

		const throwing = upgradeScenario(
			{ format: 'stackscope.scenario', version: 1 },
			{
				1: () => {
					throw new Error('boom');
				}
			},
			2
		);
		expect(throwing).toEqual({
			ok: false,
			errors: ['version: upgrading from version 1 to 2 failed: boom']
		});
		const wrong = upgradeScenario(
			{ format: 'stackscope.scenario', version: 1 },
			{ 1: (doc) => doc },
			2
		);
		expect(wrong.ok).toBe(false);
		const gap = upgradeScenario({ format: 'stackscope.scenario', version: 1 }, { 2: step(3) }, 3);
		expect(gap).toEqual({
			ok: false,
			errors: [
				'version: 1 is not a scenario version this build can read (it reads versions 2 to 3)'
			]
		});
	});
});

// --- Generated valid scenarios -------------------------------------------------------------

const driveSetup = fc.oneof(
	fc.record({
		capacityMedia: fc.constantFrom('nvme' as const, 'ssd' as const),
		cacheMedia: fc.constant(undefined),
		capacityCount: fc.integer({ min: 2, max: 24 }),
		cacheCount: fc.constant(0)
	}),
	fc
		.record({
			capacityMedia: fc.constantFrom('ssd' as const, 'hdd' as const),
			capacityCount: fc.integer({ min: 2, max: 22 })
		})
		.chain((base) =>
			fc.record({
				capacityMedia: fc.constant(base.capacityMedia),
				cacheMedia:
					base.capacityMedia === 'ssd'
						? fc.constant('nvme' as const)
						: fc.constantFrom('nvme' as const, 'ssd' as const),
				capacityCount: fc.constant(base.capacityCount),
				cacheCount: fc.integer({
					min: 2,
					max: Math.min(base.capacityCount, 24 - base.capacityCount)
				})
			})
		)
);

const validScenario = fc
	.record(
		{
			nodes: fc.integer({ min: 4, max: 16 }),
			serversPerRack: fc.integer({ min: 4, max: 16 }),
			seed: fc.integer({ min: 0, max: 0xffff_ffff }),
			durationMs: fc.integer({ min: 1000, max: 86_400_000 }),
			description: fc.string({ maxLength: 50 }),
			cores: fc.integer({ min: 8, max: 512 }),
			memoryGiB: fc.integer({ min: 128, max: 8192 }),
			drives: driveSetup,
			sizeGB: fc.integer({ min: 100, max: 100_000 }),
			heartbeat: fc.record(
				{
					profile: fc.constantFrom('ws2016', 'ws2012'),
					delayMs: fc.integer({ min: 250, max: 2000 }),
					threshold: fc.integer({ min: 3, max: 120 })
				},
				{ requiredKeys: [] }
			),
			inputCount: fc.integer({ min: 0, max: 8 })
		},
		{ requiredKeys: ['nodes', 'drives', 'sizeGB', 'heartbeat', 'inputCount'] }
	)
	.chain((g) =>
		fc
			.array(
				fc.record({
					t: fc.oneof(
						fc.integer({ min: 0, max: 200_000 }),
						fc.double({ min: 0, max: 200_000, noNaN: true })
					),
					type: fc.constantFrom('node.fail', 'node.restore'),
					node: fc.integer({ min: 0, max: g.nodes - 1 })
				}),
				{ minLength: g.inputCount, maxLength: g.inputCount }
			)
			.map((inputs) => {
				const { drives } = g;
				const server: Record<string, unknown> = {
					capacityDrives: {
						count: drives.capacityCount,
						media: drives.capacityMedia,
						sizeGB: g.sizeGB
					},
					cacheDrives:
						drives.cacheCount === 0
							? { count: 0 }
							: { count: drives.cacheCount, media: drives.cacheMedia }
				};
				if (g.cores !== undefined) server.cores = g.cores;
				if (g.memoryGiB !== undefined) server.memoryGiB = g.memoryGiB;
				const topology: Record<string, unknown> = { nodes: g.nodes, server };
				if (g.serversPerRack !== undefined) topology.serversPerRack = g.serversPerRack;
				const doc: Record<string, unknown> = {
					format: 'stackscope.scenario',
					version: 1,
					name: 'Generated',
					topology,
					cluster: { heartbeat: g.heartbeat },
					inputs
				};
				for (const key of ['seed', 'durationMs', 'description'] as const) {
					if (g[key] !== undefined) doc[key] = g[key];
				}
				return doc;
			})
	);

describe('parseScenario: properties', () => {
	it('parses every valid generated scenario, and its re-serialised form to the same value', () => {
		fc.assert(
			fc.property(validScenario, (doc) => {
				const first = ok(parseScenario(doc));
				expect(first.topology.nodes).toBe((doc.topology as { nodes: number }).nodes);
				const text = JSON.stringify(first);
				const again = parseScenarioJson(text);
				expect(ok(again)).toEqual(first);
				expect(again.ok && again.warnings.filter((w) => w.startsWith('inputs:'))).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('never throws on hostile input, and always answers with messages', () => {
		fc.assert(
			fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (input) => {
				const result = parseScenario(input);
				expect(result.ok).toBe(false);
				if (!result.ok) {
					expect(result.errors.length).toBeGreaterThan(0);
					for (const e of result.errors) expect(typeof e).toBe('string');
				}
			})
		);
	});

	it('never throws on hostile values inside an otherwise valid scenario', () => {
		const paths = [
			['name'],
			['topology'],
			['topology', 'nodes'],
			['topology', 'server'],
			['topology', 'server', 'cacheDrives'],
			['cluster', 'heartbeat'],
			['inputs'],
			['version']
		];
		fc.assert(
			fc.property(fc.constantFrom(...paths), fc.anything(), (path, junk) => {
				const doc = JSON.parse(JSON.stringify(withServer({}))) as Record<string, unknown>;
				let target: Record<string, unknown> = doc;
				for (const key of path.slice(0, -1)) {
					target[key] ??= {};
					target = target[key] as Record<string, unknown>;
				}
				target[path[path.length - 1]] = junk;
				const result = parseScenario(doc);
				expect(typeof result.ok).toBe('boolean');
			})
		);
	});

	it('answers arbitrary text with a message, never a throw', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const result = parseScenarioJson(text);
				expect(result.ok).toBe(false);
			})
		);
	});
});

describe('parseScenario: hostile input', () => {
	it('answers non-objects clearly', () => {
		for (const input of [null, undefined, 42, 'text', [], [minimal()], true]) {
			const messages = errors(parseScenario(input));
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatch(/^scenario: expected a JSON object/);
		}
	});

	it('names prototype-pollution keys as unknown fields and pollutes nothing', () => {
		const text =
			'{"format":"stackscope.scenario","version":1,"name":"x","topology":{"nodes":4,"__proto__":{"polluted":1}},"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}}}';
		const messages = errors(parseScenarioJson(text));
		expect(messages).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^topology\.__proto__: unknown field/),
				expect.stringMatching(/^(__proto__|constructor): unknown field/)
			])
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	});

	it('does not read inherited fields of objects with a custom prototype', () => {
		const proto = minimal();
		const result = parseScenario(Object.create(proto));
		expect(errors(result)).toEqual(['scenario: not JSON data (an object of a class)']);
	});

	it('refuses huge lists without validating every item', () => {
		const inputs = new Array(1_000_000).fill({ t: 0, type: 'node.fail', node: 0 });
		expect(errors(parseScenario({ ...minimal(), inputs }))).toEqual([
			`inputs: a list of 1000000 items is longer than this build reads (${MAX_INPUTS})`
		]);
	});

	it('refuses deep nesting, cycles, functions, throwing getters and revoked proxies', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100_000; i++) deep = { a: deep };
		expect(errors(parseScenario({ ...minimal(), name: deep }))[0]).toMatch(
			/^name(\.a)+: nested more than 32 levels deep$/
		);
		const cyclic: Record<string, unknown> = minimal();
		cyclic.self = cyclic;
		expect(errors(parseScenario(cyclic))[0]).toMatch(/nested more than 32 levels deep$/);
		expect(errors(parseScenario({ ...minimal(), name: () => 1 }))).toEqual([
			'name: not JSON data, got a function'
		]);
		const getter = Object.defineProperty(minimal(), 'name', {
			enumerable: true,
			get() {
				throw new Error('gotcha');
			}
		});
		expect(errors(parseScenario(getter))).toEqual(['scenario: could not be read (gotcha)']);
		const { proxy, revoke } = Proxy.revocable({}, {});
		revoke();
		expect(errors(parseScenario(proxy))[0]).toMatch(/^scenario: could not be read/);
	});

	it('caps the number of messages', () => {
		const inputs = Array.from({ length: 500 }, () => ({ t: -1, type: 'node.fail', node: 0 }));
		const messages = errors(parseScenario({ ...minimal(), inputs }));
		expect(messages).toHaveLength(51);
		expect(messages[50]).toBe('…and 450 more problems');
	});
});

describe('parseScenarioJson', () => {
	it('gives one message with line and column for bad JSON', () => {
		expect(errors(parseScenarioJson('{\n  "format": "x",\n}'))).toEqual([
			'JSON: not valid at line 3, column 1 (character 20): a comma before "}" (JSON allows no trailing commas)'
		]);
		expect(errors(parseScenarioJson("{'a': 1}"))).toEqual([
			'JSON: not valid at line 1, column 2 (character 2): strings and field names need double quotes'
		]);
		expect(errors(parseScenarioJson('{"a": '))).toEqual([
			'JSON: not valid at line 1, column 7 (character 7): the text ends too early'
		]);
		expect(errors(parseScenarioJson(''))).toHaveLength(1);
		expect(errors(parseScenarioJson('[1 2]'))[0]).toBe(
			'JSON: not valid at line 1, column 4 (character 4): unexpected "2"'
		);
	});

	it('parses JSON text with a byte-order mark', () => {
		expect(parseScenarioJson('\uFEFF' + JSON.stringify(minimal())).ok).toBe(true);
	});

	it('refuses non-text and oversized text', () => {
		expect(errors(parseScenarioJson(42 as unknown as string))).toEqual([
			'scenario: expected JSON text, got 42'
		]);
		expect(errors(parseScenarioJson(' '.repeat(5_000_001)))[0]).toMatch(
			/more than this build reads/
		);
	});

	it('locates no error in any valid JSON text (the scanner agrees with JSON.parse)', () => {
		fc.assert(
			fc.property(fc.json(), (text) => {
				expect(locateJsonError(text)).toBe(text.length);
			})
		);
	});

	it('locates the error within the text for any invalid JSON', () => {
		fc.assert(
			fc.property(
				fc.json(),
				fc.nat(),
				fc.constantFrom('}', ']', ',', ':', 'x', '"'),
				(text, at, junk) => {
					const i = at % (text.length + 1);
					const broken = text.slice(0, i) + junk + text.slice(i);
					let valid = true;
					try {
						JSON.parse(broken);
					} catch {
						valid = false;
					}
					const offset = locateJsonError(broken);
					if (valid) expect(offset).toBe(broken.length);
					else expect(offset).toBeLessThanOrEqual(broken.length);
				}
			)
		);
	});

	it('counts lines and columns from 1', () => {
		expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
		expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
	});
});
