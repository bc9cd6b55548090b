/**
 * The "add a firewall rule" form as plain data: its text values, the default priority, and the
 * checks run before a rule is sent to the simulation. Pure functions, so AclEditor stays
 * presentational and the rules are unit-tested without a DOM. The simulation validates again
 * (its messages arrive in AclEditor's `errors`); these checks only catch typos early.
 */

import type { AclAction, AclDirection, AclProtocol, AclRule } from '$lib/sim/net/acl-types';

export type { AclAction, AclDirection, AclProtocol };

/**
 * A rule as the scenario's `acl.add` input carries it (minus `t`, `type`, `vm` and `subnet`):
 * the firewall engine's rule without its internal id and logging flag.
 */
export type AclRuleInput = Omit<AclRule, 'id' | 'logging'>;

/** A rule in a port's effective list; `default` rules cannot be removed, only overridden. */
export interface AclRuleView extends AclRuleInput {
	origin?: 'port' | 'subnet' | 'default';
	/** Evaluation stage within its direction (0 first); rules without one sort as stage 0. */
	stage?: number;
}

/**
 * Priorities the form accepts: 100 to 65000, the range of the scenario schema
 * (scenario/defaults.ts MIN/MAX_ACL_PRIORITY), which takes it from the ACL engine's SDN profile
 * (net/acl-validate.ts ACL_PRIORITY_RANGES). acl-form.test.ts fails if they move apart.
 */
export const ACL_FORM_MIN_PRIORITY = 100;
export const ACL_FORM_MAX_PRIORITY = 65_000;
/** Suggested priorities are multiples of this, leaving room to insert rules between them. */
export const ACL_PRIORITY_STEP = 10;
const MAX_PORT = 65_535;
/** Same rule as scenario/schema-tenants.ts NAME_PATTERN (64 characters). */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PORTS_PATTERN = /^(0|[1-9]\d{0,4})(?:-(0|[1-9]\d{0,4}))?$/;
const OCTET = /^(0|[1-9]\d{0,2})$/;
const PREFIX_LENGTH = /^(0|[1-9]\d?)$/;

/** The form's fields as typed (priority is text until it is checked). */
export interface AclFormValues {
	name: string;
	priority: string;
	direction: AclDirection;
	protocol: AclProtocol;
	sourcePrefix: string;
	sourcePorts: string;
	destinationPrefix: string;
	destinationPorts: string;
	action: AclAction;
}

export type AclFormField = keyof AclFormValues;
/** One message per invalid field; each message starts with the field's label. */
export type AclFormErrors = Partial<Record<AclFormField, string>>;

/** Labels of the form's fields, shared by the inputs and the messages. */
export const ACL_FIELD_LABELS: Readonly<Record<AclFormField, string>> = {
	name: 'Name',
	priority: 'Priority',
	direction: 'Direction',
	protocol: 'Protocol',
	sourcePrefix: 'Source prefix',
	sourcePorts: 'Source ports',
	destinationPrefix: 'Destination prefix',
	destinationPorts: 'Destination ports',
	action: 'Action'
};

const userRules = (rules: readonly AclRuleView[], direction: AclDirection) =>
	rules.filter((r) => r.origin !== 'default' && r.direction === direction);

/**
 * The suggested priority for a new rule in `direction`: the first multiple of 10 above the
 * highest user rule there (so the new rule is evaluated after the existing ones), else the lowest
 * free multiple of 10, else undefined when every one is taken. Default rules are ignored: they
 * give way to user rules (acl-defaults.ts).
 */
export function nextFreePriority(
	rules: readonly AclRuleView[],
	direction: AclDirection
): number | undefined {
	const used = new Set(userRules(rules, direction).map((r) => r.priority));
	const highest = Math.max(ACL_FORM_MIN_PRIORITY - 1, ...used);
	const after = Math.floor(highest / ACL_PRIORITY_STEP + 1) * ACL_PRIORITY_STEP;
	if (after <= ACL_FORM_MAX_PRIORITY) return after;
	for (let p = ACL_FORM_MIN_PRIORITY; p <= ACL_FORM_MAX_PRIORITY; p += ACL_PRIORITY_STEP) {
		if (!used.has(p)) return p;
	}
	return undefined;
}

/** Blank form values: any protocol, address and port, deny (the cautious choice). */
export function defaultFormValues(
	rules: readonly AclRuleView[],
	direction: AclDirection = 'inbound'
): AclFormValues {
	const priority = nextFreePriority(rules, direction);
	return {
		name: '',
		priority: priority === undefined ? '' : String(priority),
		direction,
		protocol: 'any',
		sourcePrefix: '*',
		sourcePorts: '*',
		destinationPrefix: '*',
		destinationPorts: '*',
		action: 'deny'
	};
}

/** What is wrong with port text ("*", "80", "1024-65535"), or undefined. */
export function portsProblem(text: string): string | undefined {
	if (text === '*') return undefined;
	const match = PORTS_PATTERN.exec(text);
	const rule = `"*", a port such as "80" or a range such as "1024-65535" (ports 0 to ${MAX_PORT})`;
	if (!match) return `use ${rule}`;
	const from = Number(match[1]);
	const to = match[2] === undefined ? from : Number(match[2]);
	if (from > MAX_PORT || to > MAX_PORT) return `ports go from 0 to ${MAX_PORT}`;
	if (from > to) return `a range goes from low to high, e.g. "${to}-${from}"`;
	return undefined;
}

/** What is wrong with prefix text ("*" or IPv4 CIDR written as its network address), or undefined. */
export function prefixProblem(text: string): string | undefined {
	if (text === '*') return undefined;
	const rule = 'use "*" or an IPv4 prefix such as "10.0.1.0/24"';
	const [address, length, ...rest] = text.split('/');
	const octets = address.split('.');
	if (
		rest.length > 0 ||
		length === undefined ||
		!PREFIX_LENGTH.test(length) ||
		Number(length) > 32 ||
		octets.length !== 4 ||
		!octets.every((o) => OCTET.test(o) && Number(o) <= 255)
	) {
		return rule;
	}
	const value = octets.reduce((acc, o) => acc * 256 + Number(o), 0);
	const bits = Number(length);
	const size = 2 ** (32 - bits);
	const network = Math.floor(value / size) * size;
	if (network !== value) {
		const parts = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256);
		return `the host bits must be zero, e.g. "${parts.join('.')}/${bits}"`;
	}
	return undefined;
}

/** Checks the form against itself and the rules already there; the rule when it is valid. */
export function validateAclForm(
	values: AclFormValues,
	rules: readonly AclRuleView[]
): { ok: true; rule: AclRuleInput } | { ok: false; errors: AclFormErrors } {
	const errors: AclFormErrors = {};
	const say = (field: AclFormField, text: string) => {
		errors[field] ??= `${ACL_FIELD_LABELS[field]}: ${text}`;
	};
	if (!NAME_PATTERN.test(values.name)) {
		say('name', '1 to 64 letters, digits, ".", "-" or "_", starting with a letter or digit');
	} else if (rules.some((r) => r.name === values.name)) {
		say('name', `a rule named "${values.name}" already exists`);
	}
	const priority = /^\d+$/.test(values.priority) ? Number(values.priority) : NaN;
	if (
		!Number.isInteger(priority) ||
		priority < ACL_FORM_MIN_PRIORITY ||
		priority > ACL_FORM_MAX_PRIORITY
	) {
		say(
			'priority',
			`a whole number from ${ACL_FORM_MIN_PRIORITY} to ${ACL_FORM_MAX_PRIORITY}, got "${values.priority}"`
		);
	} else {
		const same = userRules(rules, values.direction).find((r) => r.priority === priority);
		if (same) {
			say(
				'priority',
				`${priority} is already used by ${values.direction} rule "${same.name}"; priorities are unique per direction`
			);
		}
	}
	for (const field of ['sourcePrefix', 'destinationPrefix'] as const) {
		const problem = prefixProblem(values[field]);
		if (problem) say(field, problem);
	}
	for (const field of ['sourcePorts', 'destinationPorts'] as const) {
		const problem = portsProblem(values[field]);
		if (problem) say(field, problem);
		else if (values.protocol === 'icmp' && values[field] !== '*') {
			say(field, 'ICMP has no ports, so an ICMP rule takes "*"');
		}
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, rule: { ...values, priority } };
}

const DIRECTION_ORDER: Record<AclDirection, number> = { inbound: 0, outbound: 1 };

/** Rules in evaluation order: inbound then outbound, each lowest priority number first. */
export function sortRules<T extends AclRuleView>(rules: readonly T[]): T[] {
	return [...rules].sort(
		(a, b) =>
			DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] ||
			(a.stage ?? 0) - (b.stage ?? 0) ||
			a.priority - b.priority
	);
}
