/**
 * Ids for what a file brings: the bank's, from its file name, and the hash that makes a card's.
 * Ids are stable (the same file imported again gets the same ids, and so keeps its progress)
 * and follow the schema's Id rule: lower-case ASCII letters and digits joined by "-".
 */
import { baseName } from './file-name.ts';

/**
 * Text as an id: lower-case ASCII letters and digits joined by "-" (the schema's Id rule), or
 * "" when nothing is left (a name written only in Chinese, say).
 */
export function slugify(text: string, maxLength = 40): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug.slice(0, maxLength).replace(/-+$/, '');
}

/**
 * The bank id for a file: `given` (the caller's) as an id, else the file name's slug. Letters a
 * slug cannot keep (我的卡片.tsv, 日本語 2.tsv) add a hash of the name: otherwise two such files
 * would get one id, and importing the second would replace the first.
 */
export function bankIdFor(fileName: string, given = ''): string {
	const fromCaller = slugify(given);
	if (fromCaller) return fromCaller;
	const name = baseName(fileName).normalize('NFC');
	const slug = slugify(name, 32);
	const unkept = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[a-z0-9]/gi, '');
	const dropped = /[\p{L}\p{N}]/u.test(unkept);
	if (!dropped) return slug || 'imported';
	return slug ? `${slug}-${textHash(name)}` : `imported-${textHash(name)}`;
}

/**
 * A 53-bit hash of a text as base-36 (cyrb53): stable across runs and platforms, and wide
 * enough that 5,000 cards practically never collide (the importer still checks).
 */
export function textHash(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
