/** What the class browser tests share: a teacher signing up, a student's phone, a date field. */
import { devices, type Browser, type Page } from '@playwright/test';
import { expect, open } from './fixtures';

/** Signs up from the page itself (same origin, its cookie kept by the browser). */
export async function signUp(page: Page, username: string) {
	const status = await page.evaluate(async (name) => {
		const response = await fetch('/api/account/sign-up', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: name, password: 'a long enough password' }),
		});
		return response.status;
	}, username);
	expect(status).toBe(200);
}

/** A student's own phone: a browser context of its own, in their language. */
export async function phone(browser: Browser, base: string, locale = 'en-US') {
	const context = await browser.newContext({ ...devices['Pixel 7'], locale, baseURL: base });
	return context.newPage();
}

/** A moment as a date-and-time field takes it, in the browser's own time zone. */
export const localInput = (page: Page, at: number) =>
	page.evaluate((ms) => {
		const d = new Date(ms);
		const p = (n: number) => String(n).padStart(2, '0');
		return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
	}, at);

/** A new teacher signs up and makes a class on `page`; its code, as the board shows it without the dash. */
export async function teacherWithClass(page: Page, base: string, name: string): Promise<string> {
	await open(page, `${base}/teach`);
	await signUp(page, `Teacher${Date.now() % 100000}`);
	await open(page, `${base}/teach`);
	await page.getByLabel('Class name').fill(name);
	await page.getByRole('button', { name: 'Create class' }).click();
	return (await page.getByTestId('class-code').textContent())!.trim().replace('-', '');
}

/** Each student joins the class from their own phone with the QR code's link, in its language. */
export async function joinAll(code: string, students: readonly (readonly [Page, string])[]) {
	for (const [student, name] of students) {
		await open(student, `/classes/join/${code}`);
		await student.getByLabel(/Your name in this class|你在本班的名字/).fill(name);
		await student.getByRole('button', { name: /Join class|加入班级/ }).click();
		await expect(
			student.getByText(new RegExp(`(Your name here|你在本班的名字)：?:? ?${name}`)),
		).toBeVisible({ timeout: 30_000 });
	}
}
