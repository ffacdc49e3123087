// The build runs the same validator as the CLI: a broken bank stops it with the same messages.
import { describe, expect, it } from 'vitest';
import { kiokuBanks } from '../../scripts/vite-plugin-banks.ts';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (hook: unknown, ...args: unknown[]) =>
	(hook as Hook).call(
		{
			error: (m: string) => {
				throw new Error(m);
			},
		},
		...args,
	);

describe('the kioku-banks build plugin', () => {
	it('fails the build on a broken bank, naming file, line, column and question id', () => {
		const plugin = kiokuBanks('tests/fixtures/broken-banks/questions');
		expect(() => call(plugin.buildStart)).toThrow(
			/The question banks have \d+ error\(s\):\n.*tests\/fixtures\/broken-banks\/questions\/demo\/broken\.yaml:6:5 demo-001: a single question needs exactly one correct option, found 2/s,
		);
	});

	it('serves the catalog and each deck of valid banks as modules', () => {
		const plugin = kiokuBanks('questions');
		call(plugin.buildStart);
		const catalogId = call(plugin.resolveId, 'virtual:kioku/catalog') as string;
		const catalog = call(plugin.load, catalogId) as string;
		expect(catalog).toContain('"id":"us-japan-2023"');
		expect(catalog).toContain(
			'"us-japan-2023/security-defence": () => import("virtual:kioku/deck/us-japan-2023/security-defence")',
		);
		const deck = call(
			plugin.load,
			call(plugin.resolveId, 'virtual:kioku/deck/us-japan-2023/security-defence'),
		) as string;
		expect(deck).toMatch(/^export default \{"id":"security-defence","bankId":"us-japan-2023"/);
	});
});
