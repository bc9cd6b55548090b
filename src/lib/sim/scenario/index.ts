/** Scenario format: schema, defaults, versioning and parsing. */
export * from './defaults';
export { INPUT_TYPES, inputSchema, scenarioSchema } from './schema';
export type { Scenario, ScenarioInput, ScenarioInputType, ScenarioJson } from './schema';
export {
	MAX_SCENARIO_CHARS,
	parseInput,
	parseScenario,
	parseScenarioJson,
	type InputParseResult,
	type ParseOptions,
	type ParseResult
} from './parse';
export { RELEASED_UPGRADERS, upgradeScenario, type Upgrader, type Upgraders } from './upgrade';
