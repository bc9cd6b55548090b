import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRackScene, healthStyle, SceneUnavailableError } from './index';
import { makeTopology } from './test-topology';

const options = { reducedMotion: false, onSelect: () => {}, onContextMenu: () => {} };

afterEach(() => vi.restoreAllMocks());

describe('createRackScene without WebGL', () => {
	it('throws SceneUnavailableError with a message the UI can show', () => {
		const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
		const canvas = document.createElement('canvas');
		let error: unknown;
		try {
			createRackScene(canvas, makeTopology(4), options);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(SceneUnavailableError);
		expect((error as Error).name).toBe('SceneUnavailableError');
		expect((error as Error).message).toMatch(/WebGL/);
		expect((error as Error).message).toMatch(/text view/);
		expect(getContext).toHaveBeenCalledWith(
			'webgl2',
			expect.objectContaining({ preserveDrawingBuffer: true })
		);
	});

	it('also throws it when asking for a context throws', () => {
		const cause = new Error('blocked');
		vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => {
			throw cause;
		});
		const run = () => createRackScene(document.createElement('canvas'), makeTopology(4), options);
		expect(run).toThrow(SceneUnavailableError);
		try {
			run();
		} catch (e) {
			expect((e as Error).cause).toBe(cause);
		}
	});

	it('exports the palette through the public entry', () => {
		expect(healthStyle(2).label).toBe('Failed');
	});
});
