import { describe, expect, it } from 'vitest';
import { readNumber, sameNumber } from '../../src/lib/quiz/index.ts';

describe('readNumber', () => {
	it.each([
		['2%', 2, 'percent'],
		['2 %', 2, 'percent'],
		['２％', 2, 'percent'],
		['百分之二', 2, 'percent'],
		['百分之 2', 2, 'percent'],
		['two percent', 2, 'percent'],
		['2 percent', 2, 'percent'],
		['0.5 per cent', 0.5, 'percent'],
		['百分之五十', 50, 'percent'],
		['50%', 50, 'percent'],
		['Fifty Percent', 50, 'percent'],
		['1,000', 1000, 'plain'],
		['1,250,000', 1250000, 'plain'],
		['1.5', 1.5, 'plain'],
		['７０', 70, 'plain'],
		['70', 70, 'plain'],
		['一千', 1000, 'plain'],
		['七十', 70, 'plain'],
		['十五', 15, 'plain'],
		['二十五', 25, 'plain'],
		['一百五十', 150, 'plain'],
		['一百五', 150, 'plain'],
		['一百零五', 105, 'plain'],
		['一千零十', 1010, 'plain'],
		['两千', 2000, 'plain'],
		['兩千五', 2500, 'plain'],
		['三万五', 35000, 'plain'],
		['一亿五千万', 150000000, 'plain'],
		['一万亿', 1e12, 'plain'],
		['二〇二三', 2023, 'plain'],
		['1.5万', 15000, 'plain'],
		['五', 5, 'plain'],
		['seventy', 70, 'plain'],
		['叁', 3, 'plain'],
		['參', 3, 'plain'],
		['壹佰零伍', 105, 'plain'],
		['贰仟零贰拾叁', 2023, 'plain'],
		['twenty-five', 25, 'plain'],
		['twenty five', 25, 'plain'],
		['one hundred and fifty', 150, 'plain'],
		['a thousand', 1000, 'plain'],
		['two thousand and five', 2005, 'plain'],
		['fifteen hundred', 1500, 'plain'],
		['three million two hundred thousand', 3200000, 'plain'],
		['zero', 0, 'plain'],
	])('%j is %d (%s)', (text, value, unit) => {
		expect(readNumber(text)).toEqual({ value, unit });
	});

	it.each([
		'',
		'   ',
		'%',
		'百分之',
		'2% of GDP',
		'GDP 的 2%',
		'第5条',
		'5月',
		'三个',
		'Article 5',
		'May',
		'seventh',
		'13th',
		'five five',
		'twenty fifteen',
		'fifteen twenty',
		'hundred',
		'thousand',
		'one thousand one thousand',
		'constructor',
		'1,00',
		'1,0000',
		'.5',
		'十十',
		'一二十',
		'万',
		'一万一万',
		'两两',
		'half',
		'一半',
	])('%j is not a number', (text) => {
		expect(readNumber(text)).toBeNull();
	});
});

describe('sameNumber', () => {
	it.each([
		['2%', '百分之二'],
		['２％', 'two percent'],
		['2 %', '2 per cent'],
		['百分之五十', 'fifty percent'],
		['七十', 'seventy'],
		['70', '七十'],
		['1,000', '一千'],
		['1000', 'one thousand'],
		['两千', '2,000'],
		['1.50', '1.5'],
	])('%j = %j', (a, b) => {
		expect(sameNumber(a, b)).toBe(true);
		expect(sameNumber(b, a)).toBe(true);
	});

	it.each([
		['3%', '2%'],
		['百分之三', '2%'],
		['2', '2%'],
		['two', 'two percent'],
		['20%', '2%'],
		['七十一', '70'],
		['seventeen', 'seventy'],
		['2% of GDP', '2%'],
		['', '0'],
	])('%j ≠ %j', (a, b) => {
		expect(sameNumber(a, b)).toBe(false);
	});
});
