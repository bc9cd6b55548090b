/**
 * Scenario presets: static JSON files listed in `scenarios/index.json`, chosen by the
 * `?scenario=<file-stem>` query parameter.
 */

/** One preset as listed in `static/scenarios/index.json`. */
export interface ScenarioEntry {
	file: string;
	name: string;
	description: string;
}

export const DEFAULT_SCENARIO_FILE = 'default-4-node.json';

/** The file name without its `.json` extension, as used in `?scenario=`. */
export function scenarioStem(file: string): string {
	return file.replace(/\.json$/i, '');
}

/** Picks the preset for a requested stem, with a message when it had to fall back. */
export function chooseScenario(
	index: readonly ScenarioEntry[],
	requested: string | null
): { entry: ScenarioEntry; notice: string | null } {
	const fallback =
		index.find((e) => e.file === DEFAULT_SCENARIO_FILE) ??
		index[0] ??
		({ file: DEFAULT_SCENARIO_FILE, name: 'Default', description: '' } satisfies ScenarioEntry);
	if (!requested) return { entry: fallback, notice: null };
	const match = index.find((e) => scenarioStem(e.file) === scenarioStem(requested));
	if (match) return { entry: match, notice: null };
	return {
		entry: fallback,
		notice: `There is no scenario called "${requested}", so "${fallback.name}" was loaded instead.`
	};
}

/** Checks the index's shape; throws with a readable message if it is not a list of presets. */
export function parseScenarioIndex(value: unknown): ScenarioEntry[] {
	if (!Array.isArray(value)) throw new Error('the scenario list is not a JSON array');
	return value.map((item, i) => {
		const entry = item as Partial<ScenarioEntry> | null;
		if (!entry || typeof entry.file !== 'string' || typeof entry.name !== 'string') {
			throw new Error(`scenario list entry ${i} needs a "file" and a "name"`);
		}
		return { file: entry.file, name: entry.name, description: entry.description ?? '' };
	});
}

/** Fetches a static file as text; throws with the URL and HTTP status when it is missing. */
export async function fetchText(fetchFn: typeof fetch, url: string): Promise<string> {
	const response = await fetchFn(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
	return response.text();
}
