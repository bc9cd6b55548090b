import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../sim/frame';
import { Health } from '../sim/health';
import { createSimApi, type Transfer } from './api';

const scenario = readFileSync('static/scenarios/default-4-node.json', 'utf8');

/** Records what the API marked for transfer, standing in for Comlink.transfer. */
function recordingTransfer() {
	const marked: { value: unknown; buffers: ArrayBuffer[] }[] = [];
	const transfer: Transfer = (value, buffers) => {
		marked.push({ value, buffers });
		return value;
	};
	return { marked, transfer };
}

describe('worker API', () => {
	it('marks every returned frame for transfer together with the object that carries it', async () => {
		const { marked, transfer } = recordingTransfer();
		const api = createSimApi(transfer);
		const loaded = await api.load(scenario);
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		const stepped = await api.step();
		expect(marked).toHaveLength(2);
		expect(marked[0].value).toBe(loaded);
		expect(marked[0].buffers).toEqual([loaded.frame]);
		expect(marked[1].value).toBe(stepped);
		expect(marked[1].buffers[0]).toBe(stepped.frame);
	});

	it('loads a scenario and reports its topology, simplifications and first frame', async () => {
		const api = createSimApi((value) => value);
		const loaded = await api.load(scenario);
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		expect(loaded.topology.nodes).toHaveLength(4);
		expect(loaded.simplifications.length).toBeGreaterThan(0);
		const frame = new FrameReader().attach(loaded.frame);
		expect(frame.nodeCount).toBe(4);
		expect(frame.simTimeMs).toBe(0);
	});

	it('rejects an invalid scenario with field-level messages instead of throwing', async () => {
		const api = createSimApi((value) => value);
		const broken = JSON.parse(scenario);
		broken.topology.nodes = 2;
		const result = await api.load(JSON.stringify(broken));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toContain('topology.nodes: a scale unit has 4 to 16 servers, got 2');
	});

	it('applies a server failure input and shows it in the next frame', async () => {
		const api = createSimApi((value) => value);
		await api.load(scenario);
		await api.seek(1000);
		const { frame } = await api.addInput({ t: 1000, type: 'node.fail', node: 1 });
		const reader = new FrameReader().attach(frame);
		expect(reader.nodeHealth(1)).toBe(Health.failed);
		expect(reader.nodeHealth(0)).toBe(Health.healthy);
		expect(await api.inputs()).toEqual([{ t: 1000, type: 'node.fail', node: 1 }]);
	});

	it('refuses an input naming a server that does not exist, with a message', async () => {
		const api = createSimApi((value) => value);
		await api.load(scenario);
		await expect(api.addInput({ t: 0, type: 'node.fail', node: 9 })).rejects.toThrow(/node/);
	});

	it('throws a clear error when called before a scenario is loaded', async () => {
		const api = createSimApi((value) => value);
		await expect(api.seek(10)).rejects.toThrow('no scenario is loaded');
		expect(await api.ping()).toBe('ready');
	});
});
