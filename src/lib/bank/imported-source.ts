/**
 * The source of cards that come from no article (the schema wants a URL): the home page shows
 * no link for it, and the app names no paragraphs of it. `.invalid` is a domain reserved never
 * to resolve.
 */
export const IMPORTED_SOURCE_URL = 'https://kioku.invalid/imported';

/** Whether a bank is written from an article (not imported cards): its paragraphs mean something. */
export function hasArticle(bank: { source: { url: string } }): boolean {
	return bank.source.url !== IMPORTED_SOURCE_URL;
}
