/**
 * Scenario format v1, Software Load Balancer inputs (FACTS §4): `client.connect`, `vm.connect`,
 * `mux.fail`, `mux.restore`, `vm.service-stop`, `vm.service-start` and `lb.set-distribution`.
 * Inputs stay flat (every field a string or number) because the kernel's InputEvent is flat; the
 * references they make are checked in checks-slb.ts.
 */
import * as v from 'valibot';
import { MAX_MUXES } from '../net/slb/validate';
import {
	DEFAULT_FLOW_INTERVAL_MS,
	MAX_FLOW_INTERVAL_MS,
	MAX_FLOW_SIZE_BYTES,
	MIN_FLOW_INTERVAL_MS
} from './defaults';
import { inputHints, inputTime, intIn, oneOf, strict } from './schema-parts';
import {
	DEFAULT_CONNECTION_SIZE_BYTES,
	DEFAULT_CONNECTIONS,
	DISTRIBUTION_RULE,
	MAX_CONNECTIONS,
	MIN_CONNECTIONS,
	port,
	resourceName,
	slbProtocol,
	vipAddress
} from './schema-slb';

const muxIndex = intIn(
	0,
	MAX_MUXES - 1,
	`a MUX index is a whole number from 0 to ${MAX_MUXES - 1} (0 is the first MUX)`
);

/**
 * `client.connect`: an internet client opens `count` connections to VIP:port, one every
 * `intervalMs`, each from the next source port, each carrying a `sizeBytes` request.
 */
export const clientConnectInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('client.connect'),
		client: resourceName,
		vip: vipAddress,
		protocol: slbProtocol("a connection's"),
		port: port('a destination port'),
		count: v.optional(
			intIn(
				MIN_CONNECTIONS,
				MAX_CONNECTIONS,
				`a client opens ${MIN_CONNECTIONS} to ${MAX_CONNECTIONS} connections`
			),
			DEFAULT_CONNECTIONS
		),
		intervalMs: v.optional(
			intIn(
				MIN_FLOW_INTERVAL_MS,
				MAX_FLOW_INTERVAL_MS,
				`the interval between connections is ${MIN_FLOW_INTERVAL_MS} to ${MAX_FLOW_INTERVAL_MS} ms`
			),
			DEFAULT_FLOW_INTERVAL_MS
		),
		sizeBytes: v.optional(
			intIn(0, MAX_FLOW_SIZE_BYTES, `a connection's request is 0 to ${MAX_FLOW_SIZE_BYTES} bytes`),
			DEFAULT_CONNECTION_SIZE_BYTES
		)
	},
	'an input object',
	{
		...inputHints,
		client: 'the name of a client in clients',
		vip: 'the VIP to connect to, e.g. "192.0.2.40"',
		protocol: '"tcp" or "udp"',
		port: 'the port on the VIP, e.g. 80'
	}
);

/**
 * `vm.connect`: a tenant VM opens `count` connections to an internet client's `port` (the client
 * answers on every port). With outbound NAT on the VM's load balancer they leave as the VIP.
 */
export const vmConnectInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('vm.connect'),
		vm: resourceName,
		client: resourceName,
		protocol: slbProtocol("a connection's"),
		port: port('a destination port'),
		count: clientConnectInputSchema.entries.count,
		intervalMs: clientConnectInputSchema.entries.intervalMs,
		sizeBytes: clientConnectInputSchema.entries.sizeBytes
	},
	'an input object',
	{
		...inputHints,
		vm: 'the name of the VM that connects out',
		client: 'the name of a client in clients',
		protocol: '"tcp" or "udp"',
		port: 'the port on the client, e.g. 443'
	}
);

const muxHints = { ...inputHints, mux: 'the index of the MUX (0 is the first)' };

/** `mux.fail`: the MUX stops (no keepalives, no forwarding) until restored (FACTS 4.1, 9.13). */
export const muxFailInputSchema = strict(
	{ t: inputTime, type: v.literal('mux.fail'), mux: muxIndex },
	'an input object',
	muxHints
);

/** `mux.restore`: a failed MUX comes back and its BGP session is re-established. */
export const muxRestoreInputSchema = strict(
	{ t: inputTime, type: v.literal('mux.restore'), mux: muxIndex },
	'an input object',
	muxHints
);

const serviceHints = {
	...inputHints,
	vm: 'the name of the VM',
	port: 'the port its service listens on, e.g. 8080'
};

/**
 * `vm.service-stop`: the VM stops answering on `port` (TCP and UDP): health probes to it fail,
 * so the SLB marks the DIP unhealthy (FACTS 4.4). Every VM answers on every port until this
 * input (a choice: scenarios declare no services). The other way to fail a probe is an ACL that
 * blocks the probe source (`acl.add`).
 */
export const vmServiceStopInputSchema = strict(
	{ t: inputTime, type: v.literal('vm.service-stop'), vm: resourceName, port: port('a port') },
	'an input object',
	serviceHints
);

/** `vm.service-start`: the VM answers on `port` again. */
export const vmServiceStartInputSchema = strict(
	{ t: inputTime, type: v.literal('vm.service-start'), vm: resourceName, port: port('a port') },
	'an input object',
	serviceHints
);

/**
 * `lb.set-distribution`: changes how a load-balancing rule picks a DIP for new connections
 * (FACTS §4.3); connections already open may move too, as the hash changes.
 */
export const lbSetDistributionInputSchema = strict(
	{
		t: inputTime,
		type: v.literal('lb.set-distribution'),
		lb: resourceName,
		rule: resourceName,
		distribution: oneOf(['Default', 'SourceIPProtocol', 'SourceIP'], DISTRIBUTION_RULE)
	},
	'an input object',
	{
		...inputHints,
		lb: 'the name of the load balancer',
		rule: 'the name of its load-balancing rule',
		distribution: '"Default", "SourceIPProtocol" or "SourceIP"'
	}
);

/** The SLB input variants, to spread into INPUT_VARIANTS (schema.ts). */
export const SLB_INPUT_VARIANTS = [
	clientConnectInputSchema,
	muxFailInputSchema,
	muxRestoreInputSchema,
	vmServiceStopInputSchema,
	vmServiceStartInputSchema,
	lbSetDistributionInputSchema,
	vmConnectInputSchema
] as const;

/** A parsed `client.connect` (every default filled in). */
export type ClientConnectInput = v.InferOutput<typeof clientConnectInputSchema>;
/** The parsed SLB inputs. */
export type SlbInput = v.InferOutput<(typeof SLB_INPUT_VARIANTS)[number]>;
