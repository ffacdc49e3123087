// Anki's HTML fields read as the plain text a learner sees.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/lib/bank/exchange/html-to-text.ts';

describe('htmlToText', () => {
	it('turns breaks and block ends into line breaks, and drops the other tags', () => {
		expect(htmlToText('Paris<br>France<BR/>')).toBe('Paris\nFrance');
		expect(htmlToText('<div>one</div><div><b>two</b></div>')).toBe('one\ntwo');
		expect(htmlToText('<ul><li>a</li><li>b</li></ul>')).toBe('a\nb');
	});

	it('drops scripts, styles and sound references with their content', () => {
		expect(htmlToText('a<script>alert(1)</script>b<style>p{}</style>c[sound:x.mp3]')).toBe('abc');
	});

	it('decodes named and numeric entities, and drops numbers that are no character', () => {
		expect(htmlToText('&amp; &lt;x&gt; &quot;q&quot; &apos;s&apos;')).toBe(`& <x> "q" 's'`);
		expect(htmlToText('&#x41;&#66;&#x1F600;')).toBe('AB😀');
		expect(htmlToText('a&#0;b&#xD800;c&#x110000;d')).toBe('abcd');
		expect(htmlToText('&unknown; &AMP;')).toBe('&unknown; &');
	});

	it('trims each line and keeps at most one blank line', () => {
		expect(htmlToText('  a  <br><br><br><br>  b  \r\n c')).toBe('a\n\nb\nc');
	});
});
