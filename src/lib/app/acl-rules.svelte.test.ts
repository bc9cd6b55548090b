import { describe, expect, it } from 'vitest';
import type { AclRuleListing } from '$lib/worker/protocol';
import { AclRules } from './acl-rules.svelte';
import { fakeSim } from './test-fixtures';

const settle = async () => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const rule = (name: string, over: Partial<AclRuleListing> = {}): AclRuleListing => ({
	name,
	priority: 100,
	direction: 'inbound',
	protocol: 'any',
	sourcePrefix: '*',
	sourcePorts: '*',
	destinationPrefix: '*',
	destinationPorts: '*',
	action: 'allow',
	origin: 'default',
	stage: 0,
	...over
});

function setup() {
	const sim = fakeSim();
	let generation = 1;
	const acl = new AclRules({ api: () => sim.api, generation: () => generation }, 0);
	return { sim, acl, restart: () => generation++ };
}

describe('AclRules', () => {
	it("shows the chosen VM's rules and refreshes them on request", async () => {
		const { sim, acl } = setup();
		sim.state.aclRules = { vm1: [rule('AllowAll')], vm2: [rule('Other')] };
		acl.show('vm1');
		await settle();
		expect(acl.rules.map((r) => r.name)).toEqual(['AllowAll']);
		sim.state.aclRules.vm1 = [rule('Block', { origin: 'port', action: 'deny' }), rule('Deny')];
		acl.refresh();
		acl.refresh(); // a pending refresh covers this one
		await settle();
		expect(acl.rules.map((r) => r.name)).toEqual(['Block', 'Deny']);
		expect(sim.state.calls.filter((c) => c.method === 'aclRules')).toHaveLength(2);
		acl.show('vm2');
		expect(acl.rules).toEqual([]);
		await settle();
		expect(acl.rules.map((r) => r.name)).toEqual(['Other']);
	});

	it('drops answers for another VM or an older run, and reports an unknown VM', async () => {
		const { sim, acl, restart } = setup();
		sim.state.aclRules = { vm1: [rule('A')], vm2: [rule('B')] };
		let release!: () => void;
		sim.state.gate = new Promise((r) => (release = r));
		sim.api.aclRules = async (vm) => {
			await sim.state.gate;
			return sim.state.aclRules[vm];
		};
		acl.show('vm1');
		acl.show('vm2');
		release();
		await settle();
		expect(acl.rules.map((r) => r.name)).toEqual(['B']);
		// An answer that started before a restart is dropped.
		sim.state.gate = new Promise((r) => (release = r));
		sim.state.aclRules.vm2 = [rule('C')];
		acl.refresh();
		await settle();
		restart();
		release();
		await settle();
		expect(acl.rules.map((r) => r.name)).toEqual(['B']);
		const fresh = setup();
		fresh.acl.show('ghost');
		await settle();
		expect(fresh.acl.error).toBe('no VM named ghost in this scenario');
		fresh.acl.reset();
		expect([fresh.acl.vm, fresh.acl.error]).toEqual(['', null]);
	});
});
