/**
 * Raised by `createRackScene` when the browser cannot give us a WebGL 2 context (disabled
 * hardware acceleration, a blocklisted GPU, too many live contexts, or a test DOM). The message
 * is written for learners, so the UI can show it as it is next to the text view, which still works.
 */
export class SceneUnavailableError extends Error {
	override name = 'SceneUnavailableError';

	constructor(detail?: string, options?: { cause?: unknown }) {
		super(
			'The 3D view needs WebGL 2, which this browser could not provide' +
				(detail ? ` (${detail})` : '') +
				'. The text view shows the same scale unit.',
			options
		);
	}
}
