import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../index';
import { parseScenario, type ParseResult, type Scenario } from './index';

const withSets = (availabilitySets: unknown) => ({
	format: 'stackscope.scenario',
	version: 1,
	name: 'Sets',
	topology: { nodes: 4 },
	cluster: { availabilitySets }
});

const webSet = (patch: Record<string, unknown> = {}) => ({
	name: 'web-set',
	faultDomains: 3,
	vms: 3,
	memoryGB: 16,
	...patch
});

function ok(result: ParseResult): Scenario {
	if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.errors.join('\n')}`);
	return result.scenario;
}

function errors(result: ParseResult): string[] {
	if (result.ok) throw new Error('expected errors, the scenario parsed');
	return result.errors;
}

const RULE =
	'Azure Stack Hub accepts 1 to 20 update domains (so Azure templates deploy; every VM is still in update domain 0, FACTS 6.4)';

describe('cluster.availabilitySets[].updateDomains', () => {
	it('defaults to 5, as Azure templates do, and fault domains to 2', () => {
		const s = ok(parseScenario(withSets([{ name: 'web-set', vms: 2, memoryGB: 8 }])));
		expect(s.cluster.availabilitySets).toEqual([
			{ name: 'web-set', faultDomains: 2, updateDomains: 5, vms: 2, memoryGB: 8 }
		]);
	});

	it('accepts every whole number from 1 to 20', () => {
		for (let ud = 1; ud <= 20; ud++) {
			const s = ok(parseScenario(withSets([webSet({ updateDomains: ud })])));
			expect(s.cluster.availabilitySets[0].updateDomains).toBe(ud);
		}
	});

	it('names the set, the limit and the field for a count out of range', () => {
		expect(
			errors(parseScenario(withSets([webSet(), webSet({ name: 'db', updateDomains: 21 })])))
		).toEqual([
			`cluster.availabilitySets[1].updateDomains: availability set "db": ${RULE}, got 21`
		]);
	});

	it('gives the one message for any number that is not a whole number from 1 to 20', () => {
		const invalid = fc.oneof(
			fc.integer({ min: -1000, max: 0 }),
			fc.integer({ min: 21, max: 100_000 }),
			fc.double({ min: 1, max: 20, noNaN: true }).filter((x) => !Number.isInteger(x)),
			fc.constantFrom(Infinity, -Infinity)
		);
		fc.assert(
			fc.property(invalid, (ud) => {
				const [message] = errors(parseScenario(withSets([webSet({ updateDomains: ud })])));
				expect(message).toMatch(
					/^cluster\.availabilitySets\[0\]\.updateDomains: availability set "web-set": Azure Stack Hub accepts 1 to 20 update domains/
				);
			})
		);
	});

	it('says what belongs there for a value that is not a number', () => {
		expect(errors(parseScenario(withSets([webSet({ updateDomains: '5' })])))).toEqual([
			`cluster.availabilitySets[0].updateDomains: ${RULE}, got "5"`
		]);
	});

	it('still reports the count when another field of the set is wrong, without a name to give', () => {
		const result = parseScenario(
			withSets([webSet({ name: 7, faultDomains: 4, updateDomains: 0 })])
		);
		expect(errors(result)).toEqual([
			'cluster.availabilitySets[0].name: a set name of letters, digits and hyphens, got 7',
			'cluster.availabilitySets[0].faultDomains: fault domains are 2 or 3 on Azure Stack Hub (FACTS 6.4), got 4',
			`cluster.availabilitySets[0].updateDomains: availability set: ${RULE}, got 0`
		]);
	});

	it('never changes where the VMs go: every count places the set the same (FACTS §6.4)', () => {
		const placement = (updateDomains: number) => {
			const sim = Simulation.fromScenario(ok(parseScenario(withSets([webSet({ updateDomains })]))));
			return sim.state.cluster.vms
				.filter((vm) => vm.availabilitySet === 'web-set')
				.map((vm) => [vm.name, vm.server, vm.faultDomain]);
		};
		const one = placement(1);
		expect(one).toHaveLength(3);
		expect(placement(5)).toEqual(one);
		expect(placement(20)).toEqual(one);
	});
});

describe('vm.create inputs', () => {
	const withInputs = (inputs: unknown[]) => ({ ...withSets([webSet()]), inputs });

	it('accepts a VM for a set of the scenario', () => {
		const s = ok(parseScenario(withInputs([{ t: 10, type: 'vm.create', set: 'web-set' }])));
		expect(s.inputs).toEqual([{ t: 10, type: 'vm.create', set: 'web-set' }]);
	});

	it('names the sets when the input names another one', () => {
		expect(
			errors(parseScenario(withInputs([{ t: 10, type: 'vm.create', set: 'db-set' }])))
		).toEqual([
			'inputs[0].set: no availability set named "db-set" in cluster.availabilitySets (web-set)'
		]);
	});
});
