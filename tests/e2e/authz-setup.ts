// The authorization matrix's world (see authz-matrix.spec.ts): campaigns, round, conflict, attachment, draw.
import { expect } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { e2eDb, seedObserver, seedReviewCampaign } from './fixtures';
import { candidates, conflicts, experts, users } from '../../src/lib/server/db/schema';
import { createRound, listRounds, openRound } from '../../src/lib/server/services/rounds';
import { roundPairs } from '../../src/lib/server/services/round-pairs';
import { addOrganizerConflict } from '../../src/lib/server/services/conflict-decisions';
import { listAttachments, saveAttachment } from '../../src/lib/server/services/attachments';
import type { CandidateRecord } from '../../src/lib/domain/types';
import { campaigns, panelDraws } from '../../src/lib/server/db/schema';
import { configOf } from '../../src/lib/server/services/campaigns';
import { importPoolCsv } from '../../src/lib/server/services/pool';
import { drawFromPool } from '../../src/lib/server/services/draw';
import type { Role } from './authz-table';

export const HTML = 'text/html,application/xhtml+xml';
const actor = { id: null, name: 'e2e-authz' };

export interface Setup {
	campaignId: string;
	otherCampaignId: string;
	roundId: string;
	draftRoundId: string;
	code: string; // reviewed by `expert`, conflicted for `conflictedExpert`
	notReviewedCode: string;
	candidateId: string; // the candidate behind `code`
	expertId: string;
	attachmentId: string;
	token: string;
	users: Record<Exclude<Role, 'anonymous'>, string>;
	otherOrganizer: string;
	/** Strings that must never appear in a refused answer: candidates' names and units, the campaign's name. */
	secrets: { text: string; what: string }[];
	conflictId: string;
	drawId: string;
}

async function usernameOfExpert(expertId: string): Promise<string> {
	const db = await e2eDb();
	const row = (
		await db
			.select({ u: users.username })
			.from(experts)
			.innerJoin(users, eq(users.id, experts.userId))
			.where(eq(experts.id, expertId))
	)[0];
	return row.u;
}

const unitOf = (unitAndTitle: string) => (unitAndTitle ?? '').trim().split(/\s+/)[0] ?? '';

/** Two campaigns, a round with its pairs, a conflict, an attachment and a panel draw: what the matrix probes. */
export async function seedAuthz(): Promise<Setup> {
	const campaignId = await seedReviewCampaign('authz');
	const otherCampaignId = await seedReviewCampaign('authz2');
	const observer = await seedObserver(campaignId, 'authz');
	const db = await e2eDb();

	// A score round reviewed by the field panels, open; and a draft second round for the life-cycle actions.
	let rounds = await listRounds(db, campaignId);
	if (!rounds.length) {
		const r = await createRound(db, actor, campaignId, {
			name: '初评',
			type: 'score',
			reviewers: 'panel',
			deadline: '2030-06-30'
		});
		if (!r.ok) throw new Error(r.message);
		const o = await openRound(db, actor, campaignId, r.id, { excludeUncovered: '测试：本组专家均须回避，无人可评' });
		if (!o.ok) throw new Error(o.message);
		const r2 = await createRound(db, actor, campaignId, { name: '复评', type: 'score', reviewers: 'panel' });
		if (!r2.ok) throw new Error(r2.message);
		rounds = await listRounds(db, campaignId);
	}
	const round = rounds.find((r) => r.state === 'open')!;
	const draft = rounds.find((r) => r.state === 'draft')!;

	const expertUser = (await db.select().from(users).where(eq(users.username, 'authz-expert01')))[0];
	const me = (
		await db
			.select()
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, expertUser.id)))
	)[0];
	const all = await db.select().from(candidates).where(eq(candidates.campaignId, campaignId));
	const byId = new Map(all.map((c) => [c.id, c]));

	// The conflicted expert: a panel colleague who (before the conflict) also reviewed the chosen dossier.
	let existing = (
		await db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.kind, 'organizer')))
	)[0];
	if (!existing) {
		const pairs = await roundPairs(db, round);
		const mine = pairs.filter((p) => p.expertId === me.id).map((p) => p.candidateId);
		const shared = mine
			.map((c) => ({
				c,
				others: pairs.filter((p) => p.candidateId === c && p.expertId !== me.id).map((p) => p.expertId)
			}))
			.filter((x) => x.others.length)
			.sort((a, b) => (byId.get(a.c)!.reviewCode! < byId.get(b.c)!.reviewCode! ? -1 : 1))[0];
		if (!shared) throw new Error('authz-expert01 shares no dossier with a colleague');
		const r = await addOrganizerConflict(
			db,
			actor,
			campaignId,
			shared.others.sort()[0],
			shared.c,
			'与候选人为同一课题组成员（e2e）'
		);
		if (!r.ok) throw new Error(r.message);
		existing = (
			await db
				.select()
				.from(conflicts)
				.where(and(eq(conflicts.campaignId, campaignId), eq(conflicts.kind, 'organizer')))
		)[0];
	}
	const candidateId = existing.candidateId;
	const candidate = byId.get(candidateId)!;
	const pairsNow = await roundPairs(db, round);
	expect(
		pairsNow.some((p) => p.expertId === me.id && p.candidateId === candidateId),
		'expert01 reviews the dossier'
	).toBe(true);
	expect(
		pairsNow.some((p) => p.expertId === existing.expertId && p.candidateId === candidateId),
		'the conflicted colleague does not'
	).toBe(false);
	const reviewed = new Set(pairsNow.filter((p) => p.expertId === me.id).map((p) => p.candidateId));
	const notReviewed = all
		.filter((c) => !reviewed.has(c.id))
		.sort((a, b) => (a.reviewCode! < b.reviewCode! ? -1 : 1))[0];

	// A portrait named after the candidate, as offices send them.
	process.env.LAUREL_FILES = `.e2e/${process.env.E2E_PORT}/files`;
	let files = await listAttachments(db, campaignId, candidateId);
	if (!files.length) {
		const record = candidate.record as CandidateRecord;
		const bytes = new Uint8Array([
			0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x61, 0x75, 0x74, 0x68, 0x7a, 0xff, 0xd9
		]);
		const r = await saveAttachment(db, actor, campaignId, candidateId, {
			kind: 'portrait',
			filename: `${record.name}-2寸照片.jpg`,
			bytes
		});
		if (!r.ok) throw new Error(r.message);
		files = await listAttachments(db, campaignId, candidateId);
	}

	// A random panel draw (issue 15) for the draw record routes.
	let draw = (await db.select().from(panelDraws).where(eq(panelDraws.campaignId, campaignId)))[0];
	if (!draw) {
		const fields = configOf((await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]).fields;
		const csv = [
			'姓名,工作单位,评审领域,地区',
			...[0, 1, 2].map((i) => `矩阵库专家${i},矩阵研究所${i},${fields[0]},南宁市`)
		].join('\n');
		const imported = await importPoolCsv(db, actor, campaignId, new TextEncoder().encode(csv + '\n'), fields);
		if (!imported.ok) throw new Error(imported.message);
		const r = await drawFromPool(db, actor, campaignId, fields, {
			field: fields[0],
			size: 1,
			alternates: 0,
			maxPerUnit: 1,
			seed: 'authz'
		});
		if (!r.ok) throw new Error(r.message);
		draw = (await db.select().from(panelDraws).where(eq(panelDraws.campaignId, campaignId)))[0];
	}

	const secrets: Setup['secrets'] = [];
	for (const c of all) {
		const r = c.record as CandidateRecord;
		secrets.push({ text: r.name, what: `name of ${c.reviewCode}` });
		const unit = unitOf(r.unitAndTitle);
		if (unit.length >= 4) secrets.push({ text: unit, what: `unit of ${c.reviewCode}` });
	}

	return {
		campaignId,
		otherCampaignId,
		roundId: round.id,
		draftRoundId: draft.id,
		code: candidate.reviewCode!,
		notReviewedCode: notReviewed.reviewCode!,
		candidateId,
		expertId: me.id,
		attachmentId: files[0].id,
		token: 'no-such-invitation-token',
		users: {
			otherExpert: 'authz2-expert01',
			expert: 'authz-expert01',
			conflictedExpert: await usernameOfExpert(existing.expertId),
			chair: 'authz-chair',
			organizer: 'authz-organizer',
			observer
		},
		otherOrganizer: 'authz2-organizer',
		secrets,
		conflictId: existing.id,
		drawId: draw.id
	};
}
