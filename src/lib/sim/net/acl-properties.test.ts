import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	type AclDirection,
	type AclProfile,
	type AclRule,
	type FlowPacket,
	createPortFirewall,
	effectiveRules,
	evaluatePacket,
	evaluateRules,
	validateAclRuleSet
} from './acl';

// ---- An independent oracle: bit strings and string comparison, no shared parsing code. ----
const bits = (ip: string) =>
	ip
		.split('.')
		.map((o) => Number(o).toString(2).padStart(8, '0'))
		.join('');
function oracleAddress(spec: string, ip: string): boolean {
	if (spec === '*') return true;
	return spec.split(',').some((item) => {
		const [net, len] = item.split('/');
		return len === undefined ? net === ip : bits(net).slice(0, +len) === bits(ip).slice(0, +len);
	});
}
function oraclePorts(spec: string, port: number | undefined): boolean {
	if (spec === '*') return true;
	const items = spec.split(',');
	if (port === undefined) return items.includes('0-65535');
	return items.some((item) => {
		const [lo, hi = lo] = item.split('-').map(Number);
		return lo <= port && port <= hi;
	});
}
const names: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };
function oracle(rules: readonly AclRule[], p: FlowPacket, direction: AclDirection) {
	const protocol = names[String(p.protocol)] ?? String(p.protocol);
	const ports = protocol === 'tcp' || protocol === 'udp';
	const hit = rules
		.filter((r) => r.direction === direction)
		.sort((a, b) => a.priority - b.priority) // stable (ES2019)
		.find(
			(r) =>
				(r.protocol === 'any' || r.protocol === protocol) &&
				oracleAddress(r.sourcePrefix, p.srcIp) &&
				oracleAddress(r.destinationPrefix, p.dstIp) &&
				oraclePorts(r.sourcePorts, ports ? p.srcPort : undefined) &&
				oraclePorts(r.destinationPorts, ports ? p.dstPort : undefined)
		);
	return hit ? { action: hit.action, id: hit.id } : { action: 'deny', id: null };
}

// ---- Generators, biased so that rules and packets overlap often. ----
const pool = [
	'10.0.0.4',
	'10.0.0.5',
	'10.0.1.9',
	'192.168.1.1',
	'8.8.8.8',
	'0.0.0.0',
	'255.255.255.255'
];
const ipArb = fc.oneof(
	fc.constantFrom(...pool),
	fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'))
);
const networkOf = (ip: string, len: number) =>
	(bits(ip).slice(0, len).padEnd(32, '0').match(/.{8}/g) ?? [])
		.map((b) => parseInt(b, 2))
		.join('.');
const prefixItemArb = fc
	.tuple(ipArb, fc.integer({ min: 0, max: 32 }), fc.boolean())
	.map(([ip, len, bare]) => (bare ? ip : `${networkOf(ip, len)}/${len}`));
const prefixArb = fc.oneof(
	fc.constant('*'),
	fc.array(prefixItemArb, { minLength: 1, maxLength: 3 }).map((a) => a.join(','))
);
const portArb = fc.oneof(fc.constantFrom(0, 1, 80, 443, 1023, 1024, 65534, 65535), fc.nat(65535));
const portItemArb = fc.oneof(
	portArb.map(String),
	fc.tuple(portArb, portArb).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`)
);
const portsArb = fc.oneof(
	fc.constantFrom('*', '0-65535'),
	fc.array(portItemArb, { minLength: 1, maxLength: 3 }).map((a) => a.join(','))
);
const ruleArb = fc
	.record({
		priority: fc.integer({ min: 100, max: 130 }),
		direction: fc.constantFrom<AclDirection>('inbound', 'outbound'),
		protocol: fc.constantFrom<AclRule['protocol']>('tcp', 'udp', 'icmp', 'any'),
		sourcePrefix: prefixArb,
		sourcePorts: portsArb,
		destinationPrefix: prefixArb,
		destinationPorts: portsArb,
		action: fc.constantFrom<AclRule['action']>('allow', 'deny'),
		logging: fc.boolean()
	})
	.map((r) => (r.protocol === 'icmp' ? { ...r, sourcePorts: '*', destinationPorts: '*' } : r));
const rulesArb = (tag: string) =>
	fc
		.uniqueArray(ruleArb, { selector: (r) => `${r.direction} ${r.priority}`, maxLength: 10 })
		.map((rs) => rs.map((r, i): AclRule => ({ ...r, id: `${tag}${i}`, name: `${tag}-rule-${i}` })));
const flagsArb = fc.record({
	syn: fc.boolean(),
	ack: fc.boolean(),
	fin: fc.boolean(),
	rst: fc.boolean(),
	psh: fc.boolean()
});
const packetArb: fc.Arbitrary<FlowPacket> = fc.record(
	{
		protocol: fc.constantFrom<FlowPacket['protocol']>('tcp', 'udp', 'icmp', 6, 17, 1, 47),
		srcIp: ipArb,
		dstIp: ipArb,
		srcPort: portArb,
		dstPort: portArb,
		icmpType: fc.constantFrom(0, 3, 8),
		icmpId: fc.nat(3),
		tcpFlags: flagsArb
	},
	{ requiredKeys: ['protocol', 'srcIp', 'dstIp'] }
);
const directionArb = fc.constantFrom<AclDirection>('inbound', 'outbound');

describe('evaluation equals a brute-force oracle (no connection state)', () => {
	it('for one ACL: sort by priority, first match, else deny', () => {
		fc.assert(
			fc.property(rulesArb('r'), packetArb, directionArb, (rules, packet, direction) => {
				expect(validateAclRuleSet(rules)).toEqual([]);
				const want = oracle(rules, packet, direction);
				expect(evaluateRules(rules, packet, direction)).toMatchObject({
					action: want.action,
					rule: want.id ? { id: want.id } : null
				});
				const fresh = evaluatePacket(createPortFirewall(), rules, packet, direction, 0);
				expect({ action: fresh.action, id: fresh.rule?.id ?? null }).toEqual(want);
			}),
			{ numRuns: 500 }
		);
	});

	it('for a subnet ACL and a port ACL: both must allow, in stage order', () => {
		fc.assert(
			fc.property(
				rulesArb('p'),
				rulesArb('s'),
				packetArb,
				directionArb,
				(port, subnet, packet, direction) => {
					const got = evaluateRules(
						effectiveRules(port, subnet, 'sdn-allow-all', []),
						packet,
						direction
					);
					const stages = direction === 'inbound' ? [subnet, port] : [port, subnet];
					let want: { action: string; id: string | null } = {
						action: 'allow',
						id: 'default:AllowAll'
					};
					if (port.length || subnet.length) {
						for (const stage of stages.filter((s) => s.length)) {
							const r = oracle(stage, packet, direction);
							want = r.id ? r : { action: 'deny', id: `default:ImplicitDeny` };
							if (want.action === 'deny') break;
						}
					}
					expect(got.action).toBe(want.action);
					expect(got.rule?.id.startsWith(want.id ?? '')).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('determinism', () => {
	const sessionArb = fc.record({
		profile: fc.constantFrom<AclProfile>('sdn-allow-all', 'nsg-defaults'),
		port: rulesArb('p'),
		subnet: rulesArb('s'),
		vnet: fc.array(
			prefixItemArb.filter((p) => p.includes('/')),
			{ maxLength: 2 }
		),
		steps: fc.array(fc.tuple(packetArb, directionArb, fc.nat(300_000)), { maxLength: 40 })
	});

	it('never throws for valid rules, and replays identically, also from a cloned checkpoint', () => {
		fc.assert(
			fc.property(sessionArb, fc.nat(), ({ profile, port, subnet, vnet, steps }, cut) => {
				const nsgSafe = (rs: AclRule[]) =>
					profile === 'nsg-defaults'
						? rs.map((r) => (r.protocol === 'icmp' ? { ...r, protocol: 'any' as const } : r))
						: rs;
				const [p, s] = [nsgSafe(port), nsgSafe(subnet)];
				expect([...validateAclRuleSet(p, profile), ...validateAclRuleSet(s, profile)]).toEqual([]);
				const rules = effectiveRules(p, s, profile, vnet);
				const run = (state = createPortFirewall(), from = 0) => {
					let t = 0;
					const verdicts = steps.map(([packet, direction, dt], i) => {
						t += dt;
						return i < from ? null : evaluatePacket(state, rules, packet, direction, t);
					});
					return { state, verdicts };
				};
				const first = run();
				expect(run()).toEqual(first);
				const k = steps.length ? cut % steps.length : 0;
				// Re-run the prefix, checkpoint with structuredClone, then finish from the clone.
				const prefix = createPortFirewall();
				let t = 0;
				steps.slice(0, k).forEach(([packet, direction, dt]) => {
					t += dt;
					evaluatePacket(prefix, rules, packet, direction, t);
				});
				const resumed = run(structuredClone(prefix), k);
				expect(resumed.verdicts.slice(k)).toEqual(first.verdicts.slice(k));
				expect(resumed.state).toEqual(first.state);
			}),
			{ numRuns: 300 }
		);
	});
});
