/**
 * Traditional → Simplified conversion for typed answers, so a learner who types 國防 is
 * matched against the bank's 国防. opencc-js is imported only when this is first called:
 * its Traditional → Simplified build is ~107 KB (~51 KB gzipped) that most sessions never need.
 */

export type ToSimplified = (text: string) => string;

let pending: Promise<ToSimplified> | undefined;

async function createConverter(): Promise<ToSimplified> {
	const { Converter } = await import('opencc-js/t2cn');
	// Taiwan first, then Hong Kong: each also maps its own variant forms (裡, 衞) that the
	// other leaves alone, and running either on Simplified text leaves it as it is.
	const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
	const fromHongKong = Converter({ from: 'hk', to: 'cn' });
	return (text) => fromHongKong(fromTaiwan(text));
}

/** The converter, created once; a failed load (e.g. offline) is retried on the next call. */
export async function loadToSimplified(): Promise<ToSimplified> {
	pending ??= createConverter().catch((error: unknown) => {
		pending = undefined;
		throw error;
	});
	return pending;
}
