// Nomination intake and the eligibility check on a real (temporary) database, for every preset.
import { describe, it, expect } from 'vitest';
import { count, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { freshDb } from '../support/db';
import type { DB } from '../../src/lib/server/db';
import { auditLog, campaigns, candidates } from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/audit';
import { createCampaign } from '../../src/lib/server/services/campaigns';
import { campaignCheck, importCandidates, previewUpload } from '../../src/lib/server/services/intake';
import { currentRecords, projectedCheck } from '../../src/lib/server/services/intake-preview';
import { exportCsv } from '../../src/lib/server/exports';
import { PRESET_IDS, presetConfig } from '../../src/lib/domain/notice/presets';
import { generateCandidates } from '../../src/lib/server/demo/synthetic';
import { plantViolationsDetailed } from '../../src/lib/server/demo/synthetic/plant';
import { isYouth } from '../../src/lib/domain/intake/age';
import { toNominationCsv } from '../../src/lib/domain/intake/nomination-csv-write';
import { encodeGb18030 } from '../../src/lib/domain/formats/csv-decode';
import { channelQuotaFor } from '../../src/lib/domain/intake/eligibility';
import type { CampaignConfig, CandidateRecord, IssueCode } from '../../src/lib/domain/types';

const ACTOR: Actor = { id: null, name: '测试' };

async function newCampaign(db: DB, presetId: string): Promise<string> {
	const r = await createCampaign(db, ACTOR, { presetId, name: `测试 ${presetId}` });
	if (!r.ok) throw new Error(r.message);
	return r.id;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const noBom = (text: string) => text.replace(/^\uFEFF/, '');
const gbk = (text: string) => encodeGb18030(noBom(text));

async function counts(db: DB, campaignId: string) {
	const [c] = await db.select({ n: count() }).from(candidates).where(eq(candidates.campaignId, campaignId));
	const [a] = await db.select({ n: count() }).from(auditLog);
	return { candidates: c.n, audit: a.n };
}

/**
 * Inner Mongolia has no campaign-wide youth share but a youth minimum per channel; the shared
 * plantViolationsDetailed leaves that rule alone, so the test plants it: every youth of one channel
 * with a minimum (not one of the channels plantViolationsDetailed already broke) made older.
 */
function plantChannelYouthMissing(
	config: CampaignConfig,
	records: CandidateRecord[],
	avoid: Set<string>
): string | null {
	const refYear = Number(config.referenceDate.slice(0, 4));
	const channel = [...new Set(records.map((r) => r.channel))].find(
		(name) => !avoid.has(name) && channelQuotaFor(config, name).minYouth > 0
	);
	if (!channel) return null;
	for (const r of records) {
		if (r.channel === channel && isYouth(r.birth, config.referenceDate, config.youthAge))
			r.birth = `${refYear - config.youthAge - 6}${r.birth.slice(4)}`;
	}
	return channel;
}

/** Codes plantViolationsDetailed can plant in each preset, plus the per-channel youth rule above. */
const EXPECTED: Record<string, IssueCode[]> = {
	'jincheng-2023': ['EXCLUDED_CATEGORY', 'PRIOR_TITLE', 'QUOTA_EXCEEDED', 'TEXT_TOO_LONG', 'YOUTH_SHARE_LOW'],
	'qinghai-2023': ['EXCLUDED_CATEGORY', 'PRIOR_TITLE', 'QUOTA_EXCEEDED', 'TEXT_TOO_LONG', 'YOUTH_SHARE_LOW'],
	'hengshui-2022': ['EXCLUDED_CATEGORY', 'PRIOR_TITLE', 'QUOTA_EXCEEDED', 'TEXT_TOO_LONG', 'YOUTH_SHARE_LOW'],
	'neimenggu-2023': [
		'CHANNEL_YOUTH_MISSING',
		'EXCLUDED_CATEGORY',
		'PRIOR_TITLE',
		'QUOTA_EXCEEDED',
		'QUOTA_SHORT',
		'TEXT_TOO_LONG'
	],
	'guangxi-2024': ['EXCLUDED_CATEGORY', 'PRIOR_TITLE', 'QUOTA_EXCEEDED', 'QUOTA_SHORT', 'TEXT_TOO_LONG']
};

describe.each(PRESET_IDS.map((id, i) => [id, i] as const))('preset %s', (presetId, i) => {
	const config = presetConfig(presetId);
	const seed = 101 + i;
	const records = generateCandidates(config, 40, seed);

	for (const encoding of ['gbk', 'utf-8'] as const) {
		it(`imports a realistic ${encoding === 'gbk' ? 'GBK' : 'UTF-8'} file that checks clean`, async () => {
			const db = await freshDb();
			const id = await newCampaign(db, presetId);
			const csv = toNominationCsv(records);
			const bytes = encoding === 'gbk' ? gbk(csv) : utf8(csv);
			const preview = await previewUpload(config, [{ name: '汇总表.csv', bytes }]);
			expect(preview.errors).toEqual([]);
			expect(preview.encoding).toBe(encoding === 'gbk' ? 'GB18030/GBK' : 'UTF-8（带BOM）');
			expect(preview.rows).toBe(records.length);
			// The preview's projected report is what the check says after the import.
			const projected = projectedCheck(config, [], preview);
			const r = await importCandidates(db, ACTOR, id, bytes, { filename: `clean.${encoding}.csv` });
			expect(r).toMatchObject({ ok: true, imported: records.length, inserted: records.length, updated: 0 });
			const report = await campaignCheck(db, id);
			expect(report.errors).toEqual([]);
			// The stored check adds ids and the materials checklist; the issues are the same.
			const issues = (r: typeof report) => ({
				errors: r.errors.map(({ candidateId: _c, ...x }) => x),
				warnings: r.warnings.map(({ candidateId: _c, ...x }) => x),
				youthShare: r.youthShare,
				channels: r.channels
			});
			expect(issues(report)).toEqual(issues(projected.report));
			expect(report.channels.reduce((a, c) => a + c.count, 0)).toBe(records.length);
			expect((await counts(db, id)).candidates).toBe(records.length);
			// The records come back as they went in.
			const back = await currentRecords(db, id);
			expect(back.map((b) => b.name)).toEqual(records.map((x) => x.name));
		});
	}

	it('reports every planted violation', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, presetId);
		const { records: bad, planted } = plantViolationsDetailed(config, records, seed);
		const codes = planted.map((p) => p.code);
		if (config.youthShareMin === 0 && config.channelQuotas.some((q) => q.minYouth > 0)) {
			const avoid = new Set(planted.map((p) => p.channel).filter((c): c is string => Boolean(c)));
			const channel = plantChannelYouthMissing(config, bad, avoid);
			expect(channel, 'a channel with a youth minimum').not.toBeNull();
			codes.push('CHANNEL_YOUTH_MISSING');
		}
		expect([...codes].sort()).toEqual(EXPECTED[presetId]);
		const r = await importCandidates(db, ACTOR, id, gbk(toNominationCsv(bad)));
		expect(r.ok).toBe(true); // violations of the rules are the check's business, not the parser's
		const report = await campaignCheck(db, id);
		// PRIOR_TITLE (“原则上不再推荐”) is a warning the office may accept (issue 11).
		const flagged = [...report.errors, ...report.warnings.filter((w) => w.code === 'PRIOR_TITLE')];
		const found = new Set(flagged.map((e) => e.code));
		for (const code of codes) expect(found.has(code), `${presetId}: ${code}`).toBe(true);
		expect([...found].sort()).toEqual(EXPECTED[presetId]);
		// Each issue names its rule.
		for (const e of flagged.filter((x) => x.code !== 'DUPLICATE_CANDIDATE')) expect(e.source, e.code).toBeTruthy();
		for (const p of planted.filter((x) => x.candidate))
			expect(
				flagged.some((e) => e.code === p.code && e.candidate === p.candidate),
				`${p.code} ${p.candidate}`
			).toBe(true);
	});
});

/** A small Jincheng file as text rows, to break on purpose. */
function jinchengRows(n = 12, seed = 5) {
	const config = presetConfig('jincheng-2023');
	const records = generateCandidates(config, n, seed);
	const csv = noBom(toNominationCsv(records));
	const table = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
	return { config, records, header: table[0], rows: table.slice(1) };
}

const unparse = (header: string[], rows: string[][], delimiter = ',') =>
	Papa.unparse([header, ...rows], { delimiter, newline: '\r\n' });

describe('all or nothing', () => {
	it('refuses a file with bad rows whole and names each row and column', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, 'jincheng-2023');
		// Something already there, so that "nothing written" is not just "still empty".
		const first = jinchengRows(6, 9);
		expect((await importCandidates(db, ACTOR, id, utf8(unparse(first.header, first.rows)))).ok).toBe(true);
		const before = await counts(db, id);
		const configBefore = (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0].config;

		const { header, rows } = jinchengRows();
		const col = (h: string) => header.indexOf(h);
		rows[2][col('性别')] = '未知'; // spreadsheet row 4
		rows[5][col('出生年月')] = '1980.13'; // row 7
		rows[8][col('工作单位及职务职称')] = ''; // row 10
		rows[9][col('推荐单位')] = '不存在的推荐单位';
		rows[9][col('渠道类型')] = ''; // row 11: unknown channel without 渠道类型
		const r = await importCandidates(db, ACTOR, id, gbk(unparse(header, rows)));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const where = r.errors.map((e) => [e.row, e.column]);
		expect(where).toEqual([
			[4, '性别'],
			[7, '出生年月'],
			[10, '工作单位及职务职称'],
			[11, '推荐单位']
		]);
		expect(r.errors[3].message).toContain('UNKNOWN_CHANNEL');
		for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
		expect(await counts(db, id)).toEqual(before);
		expect((await db.select().from(campaigns).where(eq(campaigns.id, id)))[0].config).toEqual(configBefore);
	});

	it('writes nothing on a dry run', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, 'jincheng-2023');
		const { header, rows } = jinchengRows();
		const before = await counts(db, id);
		const r = await importCandidates(db, ACTOR, id, utf8(unparse(header, rows)), { dryRun: true });
		expect(r).toMatchObject({ ok: true, imported: rows.length, inserted: 0 });
		expect(await counts(db, id)).toEqual(before);
	});

	it('does not duplicate when the same file is imported twice, and updates a changed row', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, 'jincheng-2023');
		const { header, rows } = jinchengRows();
		const bytes = utf8(unparse(header, rows));
		const a = await importCandidates(db, ACTOR, id, bytes);
		const b = await importCandidates(db, ACTOR, id, bytes);
		expect(a).toMatchObject({ ok: true, inserted: rows.length });
		expect(b).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: rows.length });
		expect((await counts(db, id)).candidates).toBe(rows.length);
		rows[0][header.indexOf('专业专长')] = '新的专业专长';
		const existing = await currentRecords(db, id);
		const preview = await previewUpload((await db.select().from(campaigns).where(eq(campaigns.id, id)))[0].config, [
			{ name: '汇总表.csv', bytes: utf8(unparse(header, rows)) }
		]);
		expect(projectedCheck(presetConfig('jincheng-2023'), existing, preview).counts).toEqual({
			inserted: 0,
			updated: 1,
			unchanged: rows.length - 1
		});
		const c = await importCandidates(db, ACTOR, id, utf8(unparse(header, rows)));
		expect(c).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: rows.length - 1 });
		expect((await counts(db, id)).candidates).toBe(rows.length);
	});
});

describe('file variants', () => {
	it('reads tab-separated files, with and without BOM, in UTF-8 and GBK alike', async () => {
		const { config, header, rows } = jinchengRows();
		const tsv = unparse(header, rows, '\t');
		const variants: [string, Uint8Array, string, string][] = [
			['tsv utf-8', utf8(tsv), 'UTF-8', '制表符'],
			['tsv utf-8 bom', utf8('\uFEFF' + tsv), 'UTF-8（带BOM）', '制表符'],
			['tsv gbk', gbk(tsv), 'GB18030/GBK', '制表符'],
			['csv utf-8', utf8(unparse(header, rows)), 'UTF-8', '逗号'],
			['csv utf-8 bom', utf8('\uFEFF' + unparse(header, rows)), 'UTF-8（带BOM）', '逗号']
		];
		const reference = (await previewUpload(config, [{ name: '汇总表.csv', bytes: variants[0][1] }])).parsed.map(
			(p) => p.record
		);
		for (const [name, bytes, encoding, delimiter] of variants) {
			const p = await previewUpload(config, [{ name: '汇总表.csv', bytes }]);
			expect(p.errors, name).toEqual([]);
			expect([p.encoding, p.delimiter], name).toEqual([encoding, delimiter]);
			expect(
				p.parsed.map((x) => x.record),
				name
			).toEqual(reference);
		}
		const db = await freshDb();
		const id = await newCampaign(db, 'jincheng-2023');
		expect(await importCandidates(db, ACTOR, id, variants[2][1])).toMatchObject({ ok: true, inserted: rows.length });
		expect((await campaignCheck(db, id)).errors).toEqual([]);
	});

	it('creates a new channel from 渠道类型 with the preset quota of its type', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, 'jincheng-2023');
		const { header, rows } = jinchengRows(8, 3);
		const extra = [...rows[0]];
		extra[header.indexOf('姓名')] = '郜晓岚';
		extra[header.indexOf('推荐单位')] = '晋城市农学会';
		extra[header.indexOf('渠道类型')] = '学会';
		const r = await importCandidates(db, ACTOR, id, gbk(unparse(header, [...rows, extra])));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.newChannels).toContain('晋城市农学会');
		const config = (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0].config;
		expect(config.channels).toContainEqual({ name: '晋城市农学会', type: '学会' });
		const report = await campaignCheck(db, id);
		expect(report.channels.find((c) => c.name === '晋城市农学会')).toMatchObject({ count: 1, min: 0, max: 2 });
		const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'campaign.channels_added'));
		expect(audits).toHaveLength(1);
		// A second file naming the channel without 渠道类型 now finds it.
		extra[header.indexOf('渠道类型')] = '';
		extra[header.indexOf('姓名')] = '郜晓峰';
		expect(await importCandidates(db, ACTOR, id, utf8(unparse(header, [extra])))).toMatchObject({
			ok: true,
			inserted: 1
		});
	});

	it('exports candidates that import back unchanged', async () => {
		const db = await freshDb();
		const id = await newCampaign(db, 'guangxi-2024');
		const config = presetConfig('guangxi-2024');
		const records = generateCandidates(config, 30, 17);
		expect((await importCandidates(db, ACTOR, id, gbk(toNominationCsv(records)))).ok).toBe(true);
		const out = await exportCsv(db, id, 'candidates');
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.csv.startsWith('\uFEFF')).toBe(true);
		const again = await importCandidates(db, ACTOR, id, utf8(out.csv));
		expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: records.length });
	});
});
