import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { actionLabel, auditDiff, AUDIT_ACTION_LABELS } from './view';

/** A value as the audit page shows it: the one line of a scalar change. */
const shortValue = (v: unknown) => auditDiff(null, v)[0].after;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|svelte)$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
	});
}

describe('audit labels', () => {
	it('every action the code writes has a Chinese label of its own', () => {
		const found = new Set<string>();
		for (const f of sourceFiles('src')) {
			const text = readFileSync(f, 'utf8');
			for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]);
			for (const m of text.matchAll(/'([a-z]+\.[a-z_]+)'\s*:\s*'expert\.update'/g)) found.add(m[1]);
		}
		// the computed ones: conflict.${kind}, the rounds' sheet/vote submit, experts' applyUpdate
		for (const a of [
			'conflict.organizer',
			'conflict.recusal',
			'conflict.confirm',
			'conflict.dismiss',
			'sheet.submit',
			'vote.submit',
			'expert.update'
		])
			found.add(a);
		expect(found.size).toBeGreaterThan(40);
		const missing = [...found].filter((a) => !AUDIT_ACTION_LABELS[a]);
		expect(missing, 'add these to AUDIT_ACTION_LABELS in src/lib/domain/audit/view.ts').toEqual([]);
		for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).not.toMatch(/[A-Za-z]/);
	});

	it('an action added later still reads in Chinese', () => {
		expect(actionLabel('attachment.withdraw')).toBe('撤回附件');
		expect(actionLabel('reminder.send')).toBe('发送提醒');
		expect(actionLabel('zzz.qqq')).toBe('其他操作');
	});
});

describe('auditDiff', () => {
	it('lists only the changed keys, with Chinese labels and names for ids', () => {
		const names = (id: string) => ({ u_9: '王组长' })[id];
		expect(
			auditDiff({ name: '张三', gender: '男', unitAndTitle: 'A' }, { name: '张三', gender: '女', unitAndTitle: 'A' })
		).toEqual([{ key: 'gender', label: '性别', before: '男', after: '女' }]);
		expect(auditDiff({ chairUserId: null }, { chairUserId: 'u_9' }, names)).toEqual([
			{ key: 'chairUserId', label: '评审组长', before: '（空）', after: '王组长' }
		]);
		expect(auditDiff({ state: 'draft' }, { state: 'open' })).toEqual([
			{ key: 'state', label: '状态', before: '草稿', after: '进行中' }
		]);
	});
	it('a creation shows what was set, a deletion what was there; ids and times are left out', () => {
		const created = auditDiff(null, { id: 'p_1', name: '工科组', field: '工科', createdAt: 1 });
		expect(created.map((l) => [l.label, l.before, l.after])).toEqual([
			['姓名', null, '工科组'],
			['推荐领域', null, '工科']
		]);
		const removed = auditDiff({ expertId: 'e1' }, null, (id) => (id === 'e1' ? '李四' : undefined));
		expect(removed).toEqual([{ key: 'expertId', label: '专家', before: '李四', after: null }]);
		expect(auditDiff(null, null)).toEqual([]);
		expect(auditDiff({ a: 1 }, { a: 1 })).toEqual([]);
	});
	it('keeps long values and long lists short', () => {
		expect(shortValue('字'.repeat(100))).toHaveLength(61);
		const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
		const d = auditDiff({}, many);
		expect(d).toHaveLength(13);
		expect(d[12].label).toBe('另有 8 项');
		expect(shortValue(true)).toBe('是');
		expect(shortValue([{ a: 1 }, { a: 2 }])).toBe('2 项');
	});
});
