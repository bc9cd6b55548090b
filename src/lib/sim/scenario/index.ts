/** Scenario format: schema, defaults, versioning and parsing. */
export * from './defaults';
export { INPUT_TYPES, inputSchema, scenarioSchema } from './schema';
export type {
	AclRuleSpec,
	InputOf,
	NetworkSpec,
	Scenario,
	ScenarioInput,
	ScenarioInputType,
	ScenarioJson,
	SubnetSpec,
	TenantSpec,
	VirtualNetworkSpec,
	VmSpec
} from './schema';
export type { FlowStartInput } from './schema-tenants';
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
