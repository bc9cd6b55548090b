#!/usr/bin/env node
// Finds the Chromium that the end-to-end tests drive (Playwright cannot download its own browser
// on these machines). Prints the path it found, installs Debian's package when it may, or says
// exactly how to get one and exits 1.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome'
].filter(Boolean);

const found = () => candidates.find((path) => existsSync(path));

let path = found();
if (!path) {
	const debian = existsSync('/etc/debian_version');
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (debian && root) {
		console.log(
			'No Chromium found: installing Debian\'s "chromium" package (apt-get install -y chromium)...'
		);
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		path = found();
	}
}
if (!path) {
	console.error(
		[
			'The end-to-end tests need Chromium, and none was found.',
			'  Debian/Ubuntu: sudo apt-get install -y chromium',
			'  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium',
			'(`npx playwright install` is not used: it downloads a browser, which this setup avoids.)'
		].join('\n')
	);
	process.exit(1);
}
console.log(`End-to-end tests will use ${path}`);
