/**
 * `npm run bench:bundle`: the JavaScript each screen needs before it can run, gzipped: the
 * app's entry, the root layout and the page, with every chunk they import statically (what the
 * browser fetches and preloads first; chunks loaded later with `import()` are not counted).
 * Read from the last build's Vite manifest (`npm run build` first), so it is exact and quick.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

interface Chunk {
	file: string;
	name?: string;
	src?: string;
	imports?: string[];
}

const CLIENT = '.svelte-kit/output/client/';
const MANIFEST = `${CLIENT}.vite/manifest.json`;
const NODES = '.svelte-kit/generated/client-optimized/nodes/';
if (!existsSync(MANIFEST)) throw new Error(`no ${MANIFEST}: run npm run build first`);
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;

const gzipped = new Map<string, number>();
const size = (key: string) => {
	let bytes = gzipped.get(key);
	if (bytes === undefined) {
		bytes = gzipSync(readFileSync(CLIENT + manifest[key].file)).length;
		gzipped.set(key, bytes);
	}
	return bytes;
};

function closure(keys: string[]): Set<string> {
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		for (const next of manifest[key].imports ?? []) visit(next);
	};
	keys.forEach(visit);
	return seen;
}

/** The route each generated node stands for, from the component it exports. */
function routeOf(node: string): string | undefined {
	const text = readFileSync(node, 'utf8');
	return text.match(/src\/routes(\/.*?)\/?\+(page|layout|error)\.svelte/)?.[1] ?? undefined;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const base = [`${NODES.replace('nodes/', '')}app.js`, `${NODES}0.js`];
const shared = [...closure(base)].reduce((sum, key) => sum + size(key), 0);
console.log(`JavaScript before a screen runs (gzip; entry + root layout: ${kb(shared)})`);
const rows: [string, number, string][] = [];
for (const key of Object.keys(manifest)) {
	if (!key.startsWith(NODES) || !/page\.svelte/.test(readFileSync(key, 'utf8'))) continue;
	const route = routeOf(key);
	if (route === undefined) continue;
	const all = closure([...base, key]);
	const total = [...all].reduce((sum, k) => sum + size(k), 0);
	const largest = [...all].sort((a, b) => size(b) - size(a))[0];
	rows.push([route || '/', total, `${manifest[largest].name ?? largest} ${kb(size(largest))}`]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
for (const [route, total, largest] of rows)
	console.log(`  ${route.padEnd(36)} ${kb(total).padStart(9)}   largest: ${largest}`);
