import { describe, expect, it } from 'vitest';
import { machineStates, sendMachine, startMachine, stateName } from './runner';
import { clusterMachine, type ClusterContext } from './cluster.machine';
import { serverMachine, type ServerContext } from './server.machine';
import { updateMachine, type UpdateContext } from './update.machine';

describe('machines run by pure transitions from plain records', () => {
	it('walks a server through drain, update, reboot and resume, naming the actions to carry out', () => {
		let { record } = startMachine<ServerContext>(serverMachine);
		const path: [string, string[]][] = [];
		for (const event of [
			{ type: 'DRAIN', reason: 'drained for the update' },
			{ type: 'DRAINED' },
			{ type: 'UPDATE' },
			{ type: 'INSTALLED' },
			{ type: 'BOOTED' },
			{ type: 'RESUME' }
		]) {
			// Records survive a structured clone, as engine checkpoints make.
			const step = sendMachine(serverMachine, structuredClone(record), event);
			record = step.record;
			path.push([stateName(record), step.actions.map((a) => a.type)]);
		}
		expect(path).toEqual([
			['draining', ['startDrain']],
			['paused', ['enterMaintenance']],
			['updating', ['installUpdate']],
			['rebooting', ['reboot']],
			['paused', ['enterMaintenance']],
			['up', ['leaveMaintenance']]
		]);
		expect(record.context.reason).toBe('resumed: back in service');
	});

	it('ignores events a state does not handle, changing nothing', () => {
		const { record } = startMachine<ServerContext>(serverMachine);
		const step = sendMachine(serverMachine, record, { type: 'UPDATE' });
		expect(step.handled).toBe(false);
		expect(step.record).toBe(record);
		expect(step.actions).toEqual([]);
	});

	it('runs the orchestrator server by server and pauses on a problem while it waits', () => {
		let { record } = startMachine<UpdateContext>(updateMachine);
		const send = (event: Parameters<typeof sendMachine>[2]) =>
			(record = sendMachine(updateMachine, record, event).record);
		send({ type: 'START', order: [0, 1] });
		expect(stateName(record)).toBe('running.checking');
		for (const type of ['SAFE', 'NODE_PAUSED', 'NODE_BOOTED', 'NODE_RESUMED']) send({ type });
		expect(stateName(record)).toBe('running.resyncing');
		send({ type: 'PROBLEM', reason: 'Node03 capacity 1 is out of service' });
		expect(stateName(record)).toBe('paused');
		expect(record.context).toMatchObject({ index: 1, updated: [0], reason: /capacity 1/ });
		send({ type: 'CLEARED' });
		for (const type of ['SAFE', 'NODE_PAUSED', 'NODE_BOOTED', 'NODE_RESUMED', 'STORAGE_HEALTHY']) {
			send({ type });
		}
		expect(stateName(record)).toBe('done');
		expect(record.context.updated).toEqual([0, 1]);
	});

	it('lists every state for the statechart view, parents before children', () => {
		expect(machineStates(serverMachine)).toEqual([
			'up',
			'draining',
			'paused',
			'updating',
			'rebooting',
			'failed',
			'isolated',
			'quarantined',
			'off',
			'joining'
		]);
		const update = machineStates(updateMachine);
		expect(update.indexOf('running')).toBeLessThan(update.indexOf('running.checking'));
		expect(update).toContain('paused');
	});

	it('follows the quorum verdicts: members missing, down (stop storage), back up (restart it)', () => {
		let { record } = startMachine<ClusterContext>(clusterMachine);
		expect(stateName(record)).toBe('up.allMembers');
		const votes = (up: boolean, allMembers: boolean, reason = 'arithmetic') => {
			const step = sendMachine(clusterMachine, record, { type: 'VOTES', up, allMembers, reason });
			record = step.record;
			return step.actions.map((a) => a.type).filter((t) => t !== 'record');
		};
		expect(votes(true, false)).toEqual([]);
		expect(stateName(record)).toBe('up.membersMissing');
		expect(votes(true, false)).toEqual([]);
		expect(votes(false, false, '2 of 5 votes')).toEqual(['loseQuorum']);
		expect(stateName(record)).toBe('down');
		expect(record.context.reason).toBe('2 of 5 votes');
		expect(votes(false, false)).toEqual([]);
		expect(stateName(record)).toBe('down');
		expect(votes(true, false)).toEqual(['regainQuorum']);
		expect(stateName(record)).toBe('up.membersMissing');
		expect(votes(false, false)).toEqual(['loseQuorum']);
		expect(votes(true, true)).toEqual(['regainQuorum']);
		expect(stateName(record)).toBe('up.allMembers');
		expect(machineStates(clusterMachine)).toEqual([
			'up',
			'up.allMembers',
			'up.membersMissing',
			'down'
		]);
	});
});
