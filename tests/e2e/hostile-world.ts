// The world of the hostile e2e specs (hostile.spec.ts, hostile-posts.spec.ts, hostile-sessions.spec.ts):
// a campaign of the spec's own, a dialog trap (markup that got through escaping would fire one), and
// the hostile files and request helpers. C, channel and origin are live bindings set by the hooks.
import { test, expect, type Page, type APIResponse } from '@playwright/test';
import Papa from 'papaparse';
import { eq, sql } from 'drizzle-orm';
import { seedReviewCampaign, e2eDb } from './fixtures';
import { attachments, campaigns, candidates } from '../../src/lib/server/db/schema';
import type { CampaignConfig } from '../../src/lib/domain/types';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';
export const MB = 1024 * 1024;

export let C = '';
export let channel = '';
export let origin = '';

/** Messages of every alert()/confirm() a page opened: markup that got through escaping would fire one. */
let dialogs: string[] = [];

/** A dialog another page of the test saw: it fails the test like one on the main page. */
export function noteDialog(message: string): void {
	dialogs.push(message);
}

// ---------------------------------------------------------------- helpers

export const HEADER = ['姓名', '性别', '出生年月', '工作单位及职务职称', '推荐领域', '推荐单位', '主要事迹'];
export const csvFile = (table: string[][]) => Buffer.from(Papa.unparse(table, { newline: '\r\n' }), 'utf8');

export function noise(n: number, seed = 5): Buffer {
	const out = Buffer.alloc(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

/** About `mb` megabytes of plausible nomination rows: far over the row limit, under the byte limit. */
export function bigNominationFile(mb: number): Buffer {
	const lines = [HEADER.join(',')];
	let size = 0;
	for (let i = 0; size < mb * MB; i++) {
		const line = [`候选人${i}`, i % 2 ? '女' : '男', '1980.05', '某大学 教授', '前沿', channel, '事迹'].join(',');
		lines.push(line);
		size += Buffer.byteLength(line) + 2;
	}
	return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** A small JPEG header padded to `size` bytes (the type is decided by the first bytes). */
export function jpeg(size: number): Buffer {
	const b = Buffer.alloc(size, 0x20);
	b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
	b.set([0xff, 0xd9], size - 2);
	return b;
}
export const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
	'latin1'
);

export async function countRows(
	table: typeof candidates | typeof attachments,
	where?: ReturnType<typeof eq>
): Promise<number> {
	const db = await e2eDb();
	const q = db.select({ n: sql<number>`count(*)` }).from(table);
	return Number((await (where ? q.where(where) : q))[0].n);
}

export async function candidateCount(): Promise<number> {
	return countRows(candidates, eq(candidates.campaignId, C));
}

/**
 * The headers a browser sends with a plain (not script-enhanced) form post. Without `accept:
 * text/html` SvelteKit answers form actions with JSON and HTTP 200, the failure status inside.
 */
export const browserLike = () => ({ origin, accept: 'text/html' });

/** Never a server error; the status is a 4xx. */
export function expect4xx(res: APIResponse, label: string): void {
	expect(res.status(), label).toBeGreaterThanOrEqual(400);
	expect(res.status(), label).toBeLessThan(500);
}

export async function uploadNominations(
	page: Page,
	file: { name: string; mimeType: string; buffer: Buffer }
): Promise<void> {
	await page.locator('input[name="file"]').setInputFiles(file);
	await page.getByRole('button', { name: '上传并检查' }).click();
}

/**
 * Seeds the spec's campaign `e2e-<prefix>` (accounts `<prefix>-*`) and fails every test in which a
 * page opened a dialog. Call once at the top of a spec; C, channel and origin are set by its hooks.
 */
export function useHostileWorld(prefix: string): void {
	test.beforeAll(async () => {
		C = await seedReviewCampaign(prefix);
		const db = await e2eDb();
		const row = (await db.select().from(campaigns).where(eq(campaigns.id, C)))[0];
		channel = (row.config as CampaignConfig).channels[0].name;
	});

	test.beforeEach(async ({ page, baseURL }) => {
		origin = new URL(baseURL!).origin;
		dialogs = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
	});

	test.afterEach(() => {
		expect(dialogs, 'a dialog fired: some markup was not escaped').toEqual([]);
	});
}
