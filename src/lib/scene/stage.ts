/**
 * The renderer and everything around the hardware: background, lights, a soft room reflection
 * for the metal, and a raised-floor grid of 600 mm tiles. Creating the renderer is where a
 * missing WebGL shows up, so this is where SceneUnavailableError is thrown.
 */
import {
	Color,
	DirectionalLight,
	Fog,
	BufferGeometry,
	Float32BufferAttribute,
	LineBasicMaterial,
	LineSegments,
	HemisphereLight,
	Mesh,
	MeshLambertMaterial,
	PlaneGeometry,
	PMREMGenerator,
	Scene,
	WebGLRenderer,
	type InstancedMesh,
	type WebGLRenderTarget
} from 'three';
import { RoomEnvironment } from 'three/addons/environments/RoomEnvironment.js';
import { SceneUnavailableError } from './errors';
import type { Box } from './layout';
import { SCENE_COLORS } from './palette';

/** Context attributes; `preserveDrawingBuffer` lets end-to-end tests read pixels back. */
export const CONTEXT_ATTRIBUTES = {
	alpha: false,
	antialias: true,
	depth: true,
	stencil: false,
	powerPreference: 'low-power',
	preserveDrawingBuffer: true
} as const satisfies WebGLContextAttributes;

/** A renderer on `canvas`, or SceneUnavailableError if the browser gives no WebGL 2 context. */
export function createRenderer(canvas: HTMLCanvasElement): WebGLRenderer {
	let gl: WebGL2RenderingContext | null;
	const attributes: WebGLContextAttributes = CONTEXT_ATTRIBUTES;
	try {
		// Asked for first ourselves so a missing context is a clear error, not a three.js throw.
		gl = canvas.getContext('webgl2', attributes);
	} catch (cause) {
		throw new SceneUnavailableError('creating the context failed', { cause });
	}
	if (!gl) throw new SceneUnavailableError('no WebGL 2 context');
	// A canvas reused after dispose() keeps the old renderer's unpack state; three.js would then
	// warn while creating its empty 3D textures, so start from the defaults.
	gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
	gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
	try {
		return new WebGLRenderer({ canvas, context: gl, ...CONTEXT_ATTRIBUTES });
	} catch (cause) {
		throw new SceneUnavailableError('the renderer could not start', { cause });
	}
}

/** Floor tiles are 600 mm, as in a data-centre raised floor. */
const TILE_M = 0.6;

/**
 * Floor grid lines, one segment per tile edge rather than one per whole line: some GL
 * implementations (SwiftShader, used by headless test browsers) drop a line that passes
 * behind the camera, which whole-floor lines always do.
 */
function tileGrid(tiles: number): BufferGeometry {
	const half = (tiles * TILE_M) / 2;
	const positions: number[] = [];
	for (let i = 0; i <= tiles; i++) {
		const a = -half + i * TILE_M;
		for (let j = 0; j < tiles; j++) {
			const b0 = -half + j * TILE_M;
			const b1 = b0 + TILE_M;
			positions.push(a, 0, b0, a, 0, b1, b0, 0, a, b1, 0, a);
		}
	}
	const geometry = new BufferGeometry();
	geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
	return geometry;
}

export class Stage {
	readonly scene = new Scene();
	private readonly floorGeometry: PlaneGeometry;
	// Lambert: a matte floor with no specular sheen, which at grazing angles would turn it grey.
	private readonly floorMaterial = new MeshLambertMaterial({ color: SCENE_COLORS.floor });
	private readonly grid: LineSegments;
	private readonly gridMaterial = new LineBasicMaterial({ color: SCENE_COLORS.grid });
	private envTarget: WebGLRenderTarget | null = null;
	private readonly lights = [
		new HemisphereLight('#DCE6F2', '#1A1F26', 1.1),
		new DirectionalLight('#FFFFFF', 1.8),
		new DirectionalLight('#9FB4D0', 0.6)
	] as const;

	constructor(
		private readonly renderer: WebGLRenderer,
		bounds: Box
	) {
		const { scene } = this;
		scene.background = new Color(SCENE_COLORS.background);
		// Fog in the background colour fades the floor's far edge instead of ending it in a line.
		const reach = Math.max(bounds.w, bounds.h, bounds.d);
		scene.fog = new Fog(SCENE_COLORS.background, 6 + reach * 2, 16 + reach * 5);
		const [, key, rim] = this.lights;
		key.position.set(3, 6, 7);
		rim.position.set(-5, 3, -4);
		scene.add(...this.lights);
		const tiles = 2 * Math.ceil((10 + Math.max(bounds.w, bounds.d) * 2) / TILE_M);
		const size = tiles * TILE_M;
		this.floorGeometry = new PlaneGeometry(size, size);
		const floor = new Mesh(this.floorGeometry, this.floorMaterial);
		floor.rotation.x = -Math.PI / 2;
		floor.name = 'floor';
		this.grid = new LineSegments(tileGrid(tiles), this.gridMaterial);
		// Just above the floor so the lines never z-fight it.
		this.grid.position.set(bounds.x, 0.001, 0);
		scene.add(floor, this.grid);
		this.makeEnvironment();
	}

	/** (Re)builds the reflection map; a lost WebGL context loses it, so restore calls this too. */
	makeEnvironment(): void {
		this.envTarget?.dispose();
		const pmrem = new PMREMGenerator(this.renderer);
		const room = new RoomEnvironment();
		this.envTarget = pmrem.fromScene(room, 0.04);
		// RoomEnvironment.dispose() frees geometries and materials but not its InstancedMesh's
		// instance buffer, so dispose the meshes too.
		room.traverse((o) => (o as InstancedMesh).isInstancedMesh && (o as InstancedMesh).dispose());
		room.dispose();
		pmrem.dispose();
		this.scene.environment = this.envTarget.texture;
		this.scene.environmentIntensity = 0.45;
	}

	dispose(): void {
		this.scene.environment = null;
		this.envTarget?.dispose();
		this.floorGeometry.dispose();
		this.floorMaterial.dispose();
		this.grid.geometry.dispose();
		this.gridMaterial.dispose();
		for (const light of this.lights) light.dispose();
		this.scene.clear();
	}
}
