/** Maps the UI language to the language of bank content (banks are written in `zh` and `en`). */
import type { ContentLocale, LocalizedText } from '$lib/bank';

export function contentLocale(uiLocale: string): ContentLocale {
	return uiLocale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The `lang` attribute for content shown in `locale`, so screen readers pronounce it right. */
export const htmlLang: Record<ContentLocale, string> = { zh: 'zh-CN', en: 'en' };

export function pick(text: LocalizedText, uiLocale: string): string {
	return text[contentLocale(uiLocale)];
}
