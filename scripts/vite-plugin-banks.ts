/**
 * Serves the validated question banks to the app as virtual modules, and fails the build
 * with the CLI's own messages when a bank is broken.
 *
 *   virtual:kioku/catalog          banks and deck summaries, plus a lazy loader per deck
 *   virtual:kioku/deck/<b>/<d>     one deck's questions (its own chunk, loaded when opened)
 */
import type { Plugin } from 'vite';
import { deckKey, formatBankError, summarizeBanks, type BankTree } from '../src/lib/bank/index.ts';
import { DEFAULT_QUESTIONS_DIR, loadBankTree } from './bank-tree.ts';

const CATALOG = 'virtual:kioku/catalog';
const DECK_PREFIX = 'virtual:kioku/deck/';

export function kiokuBanks(dir = DEFAULT_QUESTIONS_DIR): Plugin {
	let tree: BankTree & { files: string[] };
	let watching = false;

	const load = () => {
		tree = loadBankTree(dir);
		if (tree.errors.length > 0) {
			const lines = tree.errors.map(formatBankError).join('\n');
			throw new Error(`The question banks have ${tree.errors.length} error(s):\n${lines}`);
		}
	};

	return {
		name: 'kioku-banks',
		configureServer(server) {
			watching = true;
			server.watcher.add(dir);
			server.watcher.on('all', (_event, path) => {
				if (!/\.ya?ml$/.test(path) || !path.includes(dir)) return;
				for (const env of Object.values(server.environments)) {
					for (const id of [...env.moduleGraph.idToModuleMap.keys()]) {
						if (id.startsWith('\0virtual:kioku/')) {
							const mod = env.moduleGraph.getModuleById(id);
							if (mod) env.moduleGraph.invalidateModule(mod);
						}
					}
				}
				server.ws.send({ type: 'full-reload' });
			});
		},
		buildStart() {
			// In dev a broken bank shows in the overlay on the next request instead of killing the server.
			if (!watching) load();
		},
		resolveId(id) {
			return id === CATALOG || id.startsWith(DECK_PREFIX) ? `\0${id}` : undefined;
		},
		load(id) {
			if (!id.startsWith('\0virtual:kioku/')) return undefined;
			load();
			const name = id.slice(1);
			if (name === CATALOG) {
				const loaders = tree.banks
					.flatMap((b) => b.decks)
					.map((d) => {
						const key = deckKey(d.bankId, d.id);
						return `\t${JSON.stringify(key)}: () => import(${JSON.stringify(DECK_PREFIX + key)}).then((m) => m.default),`;
					});
				return [
					`export const catalog = ${JSON.stringify(summarizeBanks(tree.banks))};`,
					`export const deckLoaders = {\n${loaders.join('\n')}\n};`,
				].join('\n');
			}
			const key = name.slice(DECK_PREFIX.length);
			const deck = tree.banks.flatMap((b) => b.decks).find((d) => deckKey(d.bankId, d.id) === key);
			if (!deck) this.error(`No deck "${key}" in ${dir}/`);
			return `export default ${JSON.stringify(deck)};`;
		},
	};
}
