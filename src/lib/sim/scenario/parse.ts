/**
 * Parsing scenarios: JSON text or a value → a complete, validated Scenario, or messages that name
 * the field and the rule. Never throws, whatever the input.
 */
import * as v from 'valibot';
import { crossFieldChecks, type CheckResult } from './checks';
import { checkTenantInput, checkTenantNetworking, serverProblem } from './checks-tenants';
import { checkSlb, checkSlbInput } from './checks-slb';
import { checkStorageInput, driveCountOf } from './checks-storage';
import { checkWorkloadInput } from './checks-storage-io';
import { SCENARIO_FORMAT } from './defaults';
import { capMessages, formatPath, show } from './messages';
import { field, isRecord, toPlainData } from './plain';
import { inputSchema, scenarioSchema, type Scenario, type ScenarioInput } from './schema';
import { RELEASED_UPGRADERS, upgradeScenario, type Upgraders } from './upgrade';

export type ParseResult =
	{ ok: true; scenario: Scenario; warnings: string[] } | { ok: false; errors: string[] };

export interface ParseOptions {
	/** The upgrader chain (tests inject their own; default: the released upgraders). */
	upgraders?: Upgraders;
}

/** Longest scenario text accepted, in characters. Choice: real scenarios are a few KB. */
export const MAX_SCENARIO_CHARS = 5_000_000;

/** `<path>: <message>` for each valibot issue, paths relative to `root`. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[], root: string): string[] {
	return issues.map((issue) => {
		const keys = (issue.path ?? []).map((item) =>
			typeof item.key === 'number' ? item.key : String(item.key)
		);
		return `${formatPath(keys, root)}: ${issue.message}`;
	});
}

/** Validates a scenario (already parsed from JSON) and fills in its defaults. */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
	try {
		return parseUnsafe(input, options);
	} catch (error) {
		// Only a bug can get here; still a message, never a throw.
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, errors: [`scenario: could not be read (${reason})`] };
	}
}

function parseUnsafe(input: unknown, options: ParseOptions): ParseResult {
	const plain = toPlainData(input, 'scenario');
	if (!plain.ok) return plain;
	if (!isRecord(plain.value)) {
		return {
			ok: false,
			errors: [
				`scenario: expected a JSON object starting {"format": "${SCENARIO_FORMAT}", "version": 1, ...}, got ${show(plain.value)}`
			]
		};
	}
	const upgraded = upgradeScenario(plain.value, options.upgraders ?? RELEASED_UPGRADERS);
	if (!upgraded.ok) return upgraded;

	const parsed = v.safeParse(scenarioSchema, upgraded.doc);
	const cross = crossFieldChecks(upgraded.doc);
	const errors = [
		...(parsed.success ? [] : formatIssues(parsed.issues, 'scenario')),
		...cross.errors
	];
	if (!parsed.success || errors.length > 0) return { ok: false, errors: capMessages(errors) };

	const scenario = parsed.output;
	const warnings = [...upgraded.warnings, ...cross.warnings];
	if (!isSortedByTime(scenario.inputs)) {
		// Array.prototype.sort is stable, so inputs at the same time keep their written order.
		scenario.inputs.sort((a, b) => a.t - b.t);
		warnings.push(
			'inputs: not in time order; sorted by t (inputs at the same time keep their order)'
		);
	}
	return { ok: true, scenario, warnings: capMessages(warnings) };
}

function isSortedByTime(inputs: readonly { t: number }[]): boolean {
	for (let i = 1; i < inputs.length; i++) if (inputs[i].t < inputs[i - 1].t) return false;
	return true;
}

/** Parses scenario JSON text; bad JSON gives one message with its line and column. */
export function parseScenarioJson(text: string, options: ParseOptions = {}): ParseResult {
	const json = parseJson(text);
	if (!json.ok) return json;
	return parseScenario(json.value, options);
}

/** JSON.parse that returns one readable message (with line and column) instead of throwing. */
export function parseJson(
	text: unknown
): { ok: true; value: unknown } | { ok: false; errors: string[] } {
	if (typeof text !== 'string') {
		return { ok: false, errors: [`scenario: expected JSON text, got ${show(text)}`] };
	}
	if (text.length > MAX_SCENARIO_CHARS) {
		return {
			ok: false,
			errors: [
				`scenario: ${text.length} characters is more than this build reads (${MAX_SCENARIO_CHARS})`
			]
		};
	}
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		const offset = locateJsonError(body);
		const { line, column } = lineAndColumn(body, offset);
		const what = describeJsonError(body, offset);
		return {
			ok: false,
			errors: [
				`JSON: not valid at line ${line}, column ${column} (character ${offset + 1}): ${what}`
			]
		};
	}
}

/** What is wrong at `offset`, in the same words on every engine (their own messages differ). */
function describeJsonError(text: string, offset: number): string {
	if (offset >= text.length) return 'the text ends too early';
	const found = text[offset];
	if (found === "'") return 'strings and field names need double quotes';
	const before = text.slice(0, offset).trimEnd();
	if ((found === '}' || found === ']') && before.endsWith(',')) {
		return `a comma before "${found}" (JSON allows no trailing commas)`;
	}
	return `unexpected ${JSON.stringify(found)}`;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first syntax error in `text` (text.length if it ends too early). A small,
 * iterative JSON scanner (no recursion, so deep nesting cannot overflow the stack); used only
 * after JSON.parse has failed, so engines' differing messages do not matter.
 */
export function locateJsonError(text: string): number {
	let i = 0;
	const n = text.length;
	const stack: ('{' | '[')[] = [];
	const ws = () => {
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 32 || c === 9 || c === 10 || c === 13) i++;
			else break;
		}
	};
	const literal = (word: string): boolean => {
		if (text.startsWith(word, i)) {
			i += word.length;
			return true;
		}
		for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) return ((i += k), false);
		return false;
	};
	const string = (): boolean => {
		i++; // opening quote
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 34) return (i++, true);
			if (c < 32) return false;
			if (c === 92) {
				const e = text[i + 1];
				if (e === 'u') {
					for (let k = 2; k < 6; k++) {
						if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) return ((i += k), false);
					}
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
				else return ((i += 1), false);
			} else i++;
		}
		return false;
	};
	const number = (): boolean => {
		const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!match || match[0] === '' || match[0] === '-') return false;
		i += match[0].length;
		return true;
	};
	/** Scans one value; containers push onto the stack and return. */
	const value = (): boolean => {
		ws();
		const c = text[i];
		if (c === '{' || c === '[') {
			stack.push(c);
			i++;
			ws();
			const close = c === '{' ? '}' : ']';
			if (text[i] === close) {
				stack.pop();
				i++;
				return true;
			}
			if (c === '{') return key();
			return value();
		}
		if (c === '"') return string();
		if (c === 't') return literal('true');
		if (c === 'f') return literal('false');
		if (c === 'n') return literal('null');
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
		return false;
	};
	const key = (): boolean => {
		ws();
		if (text[i] !== '"' || !string()) return false;
		ws();
		if (text[i] !== ':') return false;
		i++;
		return value();
	};
	if (!value()) return Math.min(i, n);
	for (;;) {
		ws();
		const top = stack[stack.length - 1];
		if (!top) return i < n ? i : n;
		const close = top === '{' ? '}' : ']';
		if (text[i] === close) {
			stack.pop();
			i++;
			continue;
		}
		if (text[i] !== ',') return Math.min(i, n);
		i++;
		if (!(top === '{' ? key() : value())) return Math.min(i, n);
	}
}

export type InputParseResult = { ok: true; input: ScenarioInput } | { ok: false; errors: string[] };

/**
 * Validates one input against a loaded scenario (used for inputs a learner adds while running):
 * its shape, then the servers and VMs it names. An `acl.remove` is not checked against rule
 * names here, as the learner may remove a rule added earlier in the run (the model ignores an
 * unknown name). Warnings (an MTU below the HNV requirement) are not errors here.
 */
export function parseInput(input: unknown, scenario: Scenario): InputParseResult {
	try {
		const plain = toPlainData(input, 'input');
		if (!plain.ok) return plain;
		const parsed = v.safeParse(inputSchema, plain.value);
		if (!parsed.success)
			return { ok: false, errors: capMessages(formatIssues(parsed.issues, 'input')) };
		const result: CheckResult = { errors: [], warnings: [] };
		const nodes = scenario.topology.nodes;
		const node = field(plain.value, 'node');
		if (typeof node === 'number') {
			const problem = serverProblem(node, nodes);
			if (problem !== undefined) result.errors.push(`input.node: ${problem}`);
		}
		const network = checkTenantNetworking(scenario, nodes, { errors: [], warnings: [] });
		checkTenantInput(plain.value, 'input', { ...network, aclNames: undefined }, result, nodes);
		const slb = checkSlb(scenario, nodes, network, { errors: [], warnings: [] });
		checkSlbInput(plain.value, 'input', network, slb, result);
		checkStorageInput(plain.value, 'input', driveCountOf(scenario, nodes), result);
		checkWorkloadInput(plain.value, 'input', scenario, nodes, result);
		if (result.errors.length > 0) return { ok: false, errors: capMessages(result.errors) };
		return { ok: true, input: parsed.output };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, errors: [`input: could not be read (${reason})`] };
	}
}
