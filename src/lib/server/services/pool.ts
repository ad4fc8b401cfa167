// 专家库 (issue 15): the office's expert pool across campaigns, imported with the roster CSV's
// headers plus 地区. One row per person (name + unit); a re-import updates the row.
import { asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { expertPool } from '../db/schema';
import { audit, type Actor } from '../audit';
import { newId } from './accounts';
import { parseExpertCsv } from '../../domain/intake/expert-csv';
import { readCsvTable } from '../../domain/formats/csv-table';
import { expertColumnForHeader } from '../../domain/intake/expert-csv';
import { normalizeHeader } from '../../domain/intake/nomination-format';

export type PoolRow = typeof expertPool.$inferSelect;

/** The headers of the region column (not a roster column, so the roster parser ignores it). */
const REGION_HEADERS = ['地区', '所在地区', '地市', '所在市'];

export async function listPool(db: DB): Promise<PoolRow[]> {
	return db.select().from(expertPool).orderBy(asc(expertPool.unit), asc(expertPool.name));
}

export type PoolImportResult =
	| { ok: true; added: number; updated: number }
	| { ok: false; message: string; errors: { row: number; column: string; message: string }[] };

/**
 * Imports a CSV into the pool; a file with any error is refused whole (like the roster). Fields are
 * resolved against the campaign's fields, so a draw for that campaign matches them exactly.
 */
export async function importPoolCsv(
	db: DB,
	actor: Actor,
	campaignId: string,
	bytes: Uint8Array,
	fields: readonly string[]
): Promise<PoolImportResult> {
	const parsed = parseExpertCsv(bytes, { fields });
	if (parsed.errors.length)
		return { ok: false, message: `文件有 ${parsed.errors.length} 处错误，未导入`, errors: parsed.errors.slice(0, 50) };
	if (!parsed.rows.length) return { ok: false, message: '文件中没有专家行', errors: [] };
	const table = readCsvTable(bytes, { noun: '专家', isNameHeader: (c) => expertColumnForHeader(c)?.key === 'name' });
	const header = table.headerIndex >= 0 ? table.records[table.headerIndex] : [];
	const regionCol = header.findIndex((h) => REGION_HEADERS.some((r) => normalizeHeader(r) === normalizeHeader(h)));
	return db.transaction(async (tx) => {
		const existing = new Map((await tx.select().from(expertPool)).map((r) => [`${r.name}|${r.unit}`, r]));
		const now = Date.now();
		let added = 0;
		let updated = 0;
		for (const { row, expert: e } of parsed.rows) {
			const region = regionCol >= 0 ? (table.records[row - 1]?.[regionCol] ?? '').trim() || null : null;
			const values = {
				name: e.name,
				unit: e.unit,
				formerUnits: e.formerUnits ?? [],
				school: e.school ?? null,
				title: e.title ?? null,
				fields: e.fields,
				region,
				updatedAt: now
			};
			const prev = existing.get(`${e.name}|${e.unit}`);
			if (prev) {
				await tx.update(expertPool).set(values).where(eqId(prev.id));
				updated++;
			} else {
				const id = newId('pe_');
				await tx.insert(expertPool).values({ id, ...values, createdAt: now });
				existing.set(`${e.name}|${e.unit}`, { id, ...values, createdAt: now });
				added++;
			}
		}
		await audit(tx, actor, {
			campaignId,
			action: 'pool.import',
			entity: 'expert_pool',
			after: { added, updated, rows: parsed.rows.length }
		});
		return { ok: true as const, added, updated };
	});
}

const eqId = (id: string) => eq(expertPool.id, id);
