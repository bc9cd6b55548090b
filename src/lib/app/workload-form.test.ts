import { describe, expect, it } from 'vitest';
import * as schema from '$lib/sim/scenario/schema-storage-io';
import { isResourceName } from '$lib/sim/scenario/schema-tenants';
import {
	checkWorkload,
	MAX_OUTSTANDING,
	MAX_TARGET_IOPS,
	nextWorkloadName,
	vmSizeOption,
	type WorkloadDraft
} from './workload-form';

const CONTEXT = { volumes: ['Volume01', 'Volume02'], servers: 4, running: ['vm01'] };

const draft = (over: Partial<WorkloadDraft> = {}): WorkloadDraft => ({
	name: 'vm02',
	volume: 'Volume02',
	server: 3,
	blockKB: 64,
	readPercent: '70',
	pattern: 'random',
	outstanding: '8',
	targetIops: '',
	vmSize: '',
	dataDisks: 1,
	...over
});

describe('workload form', () => {
	it('uses the limits the scenario schema enforces', () => {
		expect(MAX_OUTSTANDING).toBe(schema.MAX_OUTSTANDING);
		expect(MAX_TARGET_IOPS).toBe(schema.MAX_TARGET_IOPS);
		for (const name of ['vm01', 'a', 'x'.repeat(64), '-vm', 'x'.repeat(65), 'vm 1']) {
			const ok = checkWorkload(draft({ name }), { ...CONTEXT, running: [] }).errors.name;
			expect(ok === undefined, name).toBe(isResourceName(name));
		}
	});

	it('names workloads vm01, then the first free vmNN', () => {
		expect(nextWorkloadName([])).toBe('vm01');
		expect(nextWorkloadName(['vm01', 'vm03'])).toBe('vm02');
		expect(nextWorkloadName(['vm01', 'vm02', 'db'])).toBe('vm03');
	});

	it('shows each VM size with its per-disk cap and disk count', () => {
		expect(vmSizeOption('Standard_A2')).toBe('Standard_A2: 500 IOPS per disk, up to 4 disks');
		expect(vmSizeOption('Standard_DS2_v2')).toBe(
			'Standard_DS2_v2: 2300 IOPS per disk, up to 8 disks'
		);
	});

	it('turns a valid draft into a form without the empty optional fields', () => {
		expect(checkWorkload(draft({ name: ' vm02 ' }), CONTEXT)).toEqual({
			form: {
				name: 'vm02',
				volume: 'Volume02',
				server: 3,
				blockKB: 64,
				readPercent: 70,
				pattern: 'random',
				outstanding: 8
			},
			errors: {}
		});
	});

	it('adds the target rate, VM size and disk count, keeping disks within the size', () => {
		const { form } = checkWorkload(
			draft({ targetIops: '1500', vmSize: 'Basic_A1', dataDisks: 8 }),
			CONTEXT
		);
		expect(form).toMatchObject({ targetIops: 1500, vmSize: 'Basic_A1', dataDisks: 2 });
	});

	it('refuses bad fields with a message each, and a running name', () => {
		const { form, errors } = checkWorkload(
			draft({
				name: 'vm01',
				volume: 'Nope',
				server: 4,
				readPercent: '101',
				outstanding: '0',
				targetIops: '2.5'
			}),
			CONTEXT
		);
		expect(form).toBeNull();
		expect(errors).toEqual({
			name: 'Name: vm01 is running; stop it first or choose another name.',
			volume: 'Volume: choose a volume.',
			server: 'Server: choose one.',
			readPercent: 'Read share: a whole percentage from 0 to 100.',
			outstanding: 'Outstanding IOs: a whole number from 1 to 256.',
			targetIops:
				'Target IOPS: a whole number from 1 to 1,000,000, or empty for as fast as it goes.'
		});
	});
});
