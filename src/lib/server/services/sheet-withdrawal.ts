// Withdrawing a pair's sheets when a conflict takes the pair away (a recusal or a confirmed tie).
// Its own module so that conflicts.ts needs nothing from the sheet service (which needs rounds.ts,
// which needs conflicts.ts): no import cycle.
import { and, eq, ne } from 'drizzle-orm';
import { rounds, sheetHistory, sheets } from '../db/schema';
import { audit, type Actor } from '../audit';
import type { Tx } from './candidates';

/** Recusal or a confirmed conflict: the pair's sheets in rounds not yet closed are withdrawn. */
export async function withdrawPairSheets(
	tx: Tx,
	actor: Actor,
	campaignId: string,
	expertId: string,
	candidateId: string
): Promise<number> {
	const open = await tx
		.select({ s: sheets })
		.from(sheets)
		.innerJoin(rounds, eq(rounds.id, sheets.roundId))
		.where(
			and(
				eq(rounds.campaignId, campaignId),
				ne(rounds.state, 'closed'),
				eq(sheets.expertId, expertId),
				eq(sheets.candidateId, candidateId)
			)
		);
	for (const { s } of open) {
		if (s.status === 'withdrawn') continue;
		const now = Date.now();
		await tx
			.update(sheets)
			.set({ status: 'withdrawn', version: s.version + 1, updatedAt: now })
			.where(eq(sheets.id, s.id));
		await tx.insert(sheetHistory).values({
			sheetId: s.id,
			version: s.version + 1,
			status: 'withdrawn',
			values: s.values,
			total: s.total,
			choice: s.choice,
			comment: s.comment,
			at: now,
			by: actor.name
		});
		await audit(tx, actor, {
			campaignId,
			action: 'sheet.withdraw',
			entity: 'sheet',
			entityId: s.id,
			before: { status: s.status, total: s.total }
		});
	}
	return open.length;
}
