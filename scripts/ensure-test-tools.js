#!/usr/bin/env node
// Finds the system tools the tests drive: Chromium for the end-to-end tests (Playwright cannot
// download its own browser on these machines) and tshark, which checks that exported captures
// decode. Prints what it found, installs Debian's packages when it may (Debian, running as
// root), or says exactly how to get them and exits 1.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const tools = [
	{
		name: 'Chromium',
		purpose: 'the end-to-end tests',
		paths: [
			process.env.CHROMIUM_PATH,
			'/usr/bin/chromium',
			'/usr/bin/chromium-browser',
			'/usr/bin/google-chrome'
		],
		debianPackage: 'chromium',
		elsewhere: 'install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium'
	},
	{
		name: 'tshark',
		purpose: 'checking exported packet captures',
		paths: [process.env.TSHARK_PATH, '/usr/bin/tshark', '/usr/local/bin/tshark'],
		debianPackage: 'tshark',
		elsewhere: 'install Wireshark (it includes tshark) and set TSHARK_PATH=/path/to/tshark'
	}
];

const find = (tool) => tool.paths.filter(Boolean).find((path) => existsSync(path));
const missing = () => tools.filter((tool) => !find(tool));

let absent = missing();
const debian = existsSync('/etc/debian_version');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (absent.length > 0 && debian && root) {
	const packages = absent.map((tool) => tool.debianPackage);
	console.log(`Installing Debian packages for the tests: apt-get install -y ${packages.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
	absent = missing();
}
if (absent.length > 0) {
	for (const tool of absent) {
		console.error(
			[
				`${tool.name} is needed for ${tool.purpose}, and none was found.`,
				`  Debian/Ubuntu: sudo apt-get install -y ${tool.debianPackage}`,
				`  Elsewhere: ${tool.elsewhere}`
			].join('\n')
		);
	}
	console.error(
		'(`npx playwright install` is not used: it downloads a browser, which this setup avoids.)'
	);
	process.exit(1);
}
for (const tool of tools) console.log(`${tool.name}: ${find(tool)}`);
