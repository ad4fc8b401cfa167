// The demo as a newcomer should first see it: mid-review. The campaign office has published the
// assignment and opened 初评; the experts have submitted part of their sheets and left drafts, so
// every expert has dossiers and every chair page has data. Everything goes through the services
// (assignment, rounds, sheets) under the acting user's name, so the audit log reads like a real
// campaign after its `demo.seed` entry.
import { compareReviewCodes } from '../../shared/review-codes';
import { and, asc, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { candidates, experts, memberships, users } from '../db/schema';
import type { Actor } from '../audit';
import { proposeAssignment, publishAssignment } from '../services/assignment';
import { createRound, getRound, openRound } from '../services/rounds';
import { roundPairs } from '../services/round-pairs';
import { saveSheet } from '../services/sheets';
import { rng } from './synthetic/random';

/** Share of its dossiers each expert has submitted, by position (expert03, expert08, expert13 are done). */
const SUBMITTED_SHARE = [0.5, 0.7, 1, 0.3, 0.6];

const COMMENTS = [
	'长期扎根基层一线，成果转化成效明显，事迹材料翔实。',
	'科研业绩突出，社会影响较大，建议进入复评。',
	'事迹真实感人，示范引领作用较强。',
	'业绩较好，但事迹材料中的宣传亮点还可进一步提炼。',
	'创新成果显著，服务地方产业发展贡献突出。'
];

export async function startDemoReview(
	db: DB,
	campaignId: string,
	seed: number
): Promise<{ roundId: string; submitted: number; drafts: number }> {
	const org = (
		await db
			.select({ id: users.id, username: users.username })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.campaignId, campaignId), eq(memberships.role, 'organizer')))
			.limit(1)
	)[0];
	if (!org) throw new Error('演示活动没有活动办公室账户');
	const office: Actor = { id: org.id, name: org.username };

	// 1. The office assigns three experts to every dossier (the exact solver) and publishes.
	let proposed = await proposeAssignment(db, office, campaignId, { mode: 'distributed', k: 3, borrow: true });
	if (!proposed.ok)
		proposed = await proposeAssignment(db, office, campaignId, { mode: 'distributed', k: 2, borrow: true });
	if (!proposed.ok) throw new Error(`演示活动无法分配：${proposed.message}`);
	const published = await publishAssignment(db, office, campaignId);
	if (!published.ok) throw new Error(`演示活动无法发布分配：${published.message}`);

	// 2. 初评 by score, reviewers as assigned, opened.
	const created = await createRound(db, office, campaignId, { name: '初评', type: 'score', reviewers: 'assigned' });
	if (!created.ok) throw new Error(`演示活动无法创建初评：${created.message}`);
	const opened = await openRound(db, office, campaignId, created.id, {
		excludeUncovered: '演示：本组专家均须回避，无人可评'
	});
	if (!opened.ok) throw new Error(`演示活动无法开始初评：${opened.message}`);
	const round = (await getRound(db, campaignId, created.id))!;
	const rubric = round.rubric ?? [];

	// 3. The experts at work: a share of each one's dossiers submitted, the next one a draft.
	const roster = await db
		.select({ expertId: experts.id, userId: users.id, username: users.username })
		.from(experts)
		.innerJoin(users, eq(users.id, experts.userId))
		.where(eq(experts.campaignId, campaignId))
		.orderBy(asc(users.username));
	const codeOf = new Map(
		(
			await db
				.select({ id: candidates.id, code: candidates.reviewCode, seq: candidates.seq })
				.from(candidates)
				.where(eq(candidates.campaignId, campaignId))
		).map((c) => [c.id, { code: c.code ?? '', seq: c.seq }])
	);
	// A dossier's merit is shared by its experts, so the matrix and the ranking mean something.
	const merit = (seq: number) => rng(seed * 7919 + seq)();
	let submitted = 0;
	let drafts = 0;
	for (const [i, e] of roster.entries()) {
		const actor: Actor = { id: e.userId, name: e.username };
		const pairs = (await roundPairs(db, round, e.expertId)).sort((a, b) =>
			compareReviewCodes(codeOf.get(a.candidateId)?.code ?? '', codeOf.get(b.candidateId)?.code ?? '')
		);
		const done = Math.round(pairs.length * SUBMITTED_SHARE[i % SUBMITTED_SHARE.length]);
		const noise = rng(seed * 31 + i);
		// One expert in five is markedly stricter: the calibrated matrix then differs from the raw one.
		const strictness = i % 5 === 3 ? -0.15 : 0;
		for (const [j, p] of pairs.entries()) {
			if (j > done) break;
			const q = merit(codeOf.get(p.candidateId)?.seq ?? j);
			const values: Record<string, number> = {};
			for (const c of rubric) {
				const share = Math.min(0.98, Math.max(0.3, 0.55 + 0.35 * q + strictness + 0.12 * (noise() - 0.5)));
				values[c.key] = Math.round(c.max * share);
			}
			const submit = j < done;
			const draftValues = submit ? values : { [rubric[0].key]: values[rubric[0].key] };
			const comment = submit ? COMMENTS[(i + j) % COMMENTS.length] : '初步意见：材料已阅，待补充评分。';
			const saved = await saveSheet(db, actor, {
				round,
				expertId: e.expertId,
				candidateId: p.candidateId,
				values: draftValues,
				comment,
				baseVersion: 0,
				submit
			});
			if (!saved.ok) throw new Error(`演示评分无法保存：${saved.message}`);
			if (submit) submitted++;
			else drafts++;
		}
	}
	return { roundId: round.id, submitted, drafts };
}
