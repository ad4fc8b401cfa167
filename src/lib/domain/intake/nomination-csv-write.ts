// Writing CandidateRecords as the nomination CSV of CONTRACTS.md (the format nomination-csv.ts
// reads). Moved out of nomination-csv.ts.
import { toCsv } from '../formats/csv-safe';
import {
	COLUMNS,
	columnForHeader,
	fieldFullName,
	formatBirth,
	formatCareer,
	type ColumnKey
} from './nomination-format';
import type { CandidateRecord, ChannelType } from '../types';

/**
 * The records as a nomination CSV: every column of CONTRACTS.md plus the other 推荐表 fields
 * and the union of the records' extra columns; UTF-8 with BOM, CRLF (csv-safe toCsv).
 * 渠道类型 comes from `channelTypes` (the campaign's view) or else the record.
 * Guarantee: parseNominationCsv(toNominationCsv(x)) gives back x for records in normalized form
 * (as the parser produces them); a career entry whose role is empty while its unit contains a
 * space cannot be told apart from unit + role and is the one lossy case.
 */
export function toNominationCsv(records: CandidateRecord[], channelTypes?: Map<string, ChannelType>): string {
	const extraHeaders: string[] = [];
	for (const r of records) {
		for (const h of Object.keys(r.extra ?? {})) {
			// An extra named like a known column would shadow it on import; it cannot be kept.
			if (!extraHeaders.includes(h) && !columnForHeader(h) && h.trim() !== '') extraHeaders.push(h);
		}
	}
	const headers = [...COLUMNS.map((c) => c.header), ...extraHeaders];
	const rows = records.map((r) => [
		...COLUMNS.map((c) => exportValue(r, c.key, channelTypes)),
		...extraHeaders.map((h) => r.extra?.[h] ?? '')
	]);
	return toCsv(headers, rows);
}

function exportValue(r: CandidateRecord, key: ColumnKey, channelTypes?: Map<string, ChannelType>): string {
	switch (key) {
		case 'birth':
			return formatBirth(r.birth);
		case 'field':
			return r.field ? fieldFullName(r.field) : '';
		case 'channelType':
			return channelTypes?.get(r.channel) ?? r.channelType ?? '';
		case 'grassroots':
		case 'priorTitle':
			return r[key] ? '是' : '否';
		case 'career':
			return formatCareer(r.career ?? []);
		case 'awards':
			return (r.awards ?? []).join('\n');
		default: {
			const v = r[key];
			return v === undefined || v === null ? '' : String(v);
		}
	}
}
