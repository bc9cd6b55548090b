/**
 * Scenario versioning. Every scenario names its `version`. Older versions are brought up to date
 * by a chain of upgraders, one per step: `upgraders[n]` turns a version-n document into a
 * version-(n + 1) one. Newer versions than this build are refused with a clear message.
 *
 * Version 1 is the first released version, so RELEASED_UPGRADERS is empty; the next format change
 * adds `1: (v1) => v2` here and keeps a fixture of every released version under tests/fixtures.
 */
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './defaults';
import { show } from './messages';
import { field, isRecord } from './plain';

/** Turns a document of one version into the next version (it may mutate and return `doc`). */
export type Upgrader = (doc: Record<string, unknown>) => unknown;

/** Upgraders keyed by the version they upgrade from. */
export type Upgraders = Readonly<Record<number, Upgrader>>;

/** The upgraders of released versions. Empty: v1 is the first released version. */
export const RELEASED_UPGRADERS: Upgraders = {};

export type UpgradeResult =
	{ ok: true; doc: Record<string, unknown>; warnings: string[] } | { ok: false; errors: string[] };

/** Checks `format`, then upgrades `doc` step by step to `targetVersion`. */
export function upgradeScenario(
	doc: Record<string, unknown>,
	upgraders: Upgraders = RELEASED_UPGRADERS,
	targetVersion: number = SCENARIO_VERSION
): UpgradeResult {
	const format = field(doc, 'format');
	if (format === undefined) {
		return {
			ok: false,
			errors: [`format: missing; a StackScope scenario starts with "format": "${SCENARIO_FORMAT}"`]
		};
	}
	if (format !== SCENARIO_FORMAT) {
		return {
			ok: false,
			errors: [
				`format: not a StackScope scenario (expected "${SCENARIO_FORMAT}"), got ${show(format)}`
			]
		};
	}
	const version = field(doc, 'version');
	if (version === undefined) {
		return {
			ok: false,
			errors: [`version: missing; this build reads "version": ${targetVersion}`]
		};
	}
	if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
		return { ok: false, errors: [`version: a whole number such as 1, got ${show(version)}`] };
	}
	if (version > targetVersion) {
		return {
			ok: false,
			errors: [
				`version: this scenario is version ${version}, newer than this build of StackScope reads (up to ${targetVersion}); open it in a newer StackScope`
			]
		};
	}
	let current: Record<string, unknown> = doc;
	for (let from = version; from < targetVersion; from++) {
		const upgrader = Object.prototype.hasOwnProperty.call(upgraders, from)
			? upgraders[from]
			: undefined;
		if (!upgrader) {
			return {
				ok: false,
				errors: [
					`version: ${version} is not a scenario version this build can read (it reads ${readableVersions(upgraders, targetVersion)})`
				]
			};
		}
		let next: unknown;
		try {
			next = upgrader(current);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			return {
				ok: false,
				errors: [`version: upgrading from version ${from} to ${from + 1} failed: ${reason}`]
			};
		}
		const nextVersion = field(next, 'version');
		if (!isRecord(next) || nextVersion !== from + 1) {
			return {
				ok: false,
				errors: [
					`version: the upgrader from version ${from} gave version ${show(nextVersion)} instead of ${from + 1} (a bug in StackScope)`
				]
			};
		}
		current = next;
	}
	const warnings =
		version < targetVersion
			? [
					`version: upgraded from version ${version} to ${targetVersion}; save the scenario again to keep the new form`
				]
			: [];
	return { ok: true, doc: current, warnings };
}

/** "1 to 3": the oldest version from which the chain reaches `target`, up to `target`. */
function readableVersions(upgraders: Upgraders, target: number): string {
	let oldest = target;
	while (Object.prototype.hasOwnProperty.call(upgraders, oldest - 1)) oldest--;
	return oldest === target ? `version ${target}` : `versions ${oldest} to ${target}`;
}
