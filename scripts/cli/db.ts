// Shared helpers for commands that use the database.
import { openDatabase, type DB } from '../../src/lib/server/db';
import { getCampaign } from '../../src/lib/server/services/campaigns';
import type { Actor } from '../../src/lib/server/audit';
import { badInput, type CliResult } from './types';

export const CLI_ACTOR: Actor = { id: null, name: `命令行(${process.env.USER ?? 'cli'})` };

export async function withCampaign(
	id: string | undefined,
	fn: (db: DB, campaign: NonNullable<Awaited<ReturnType<typeof getCampaign>>>) => Promise<CliResult>
): Promise<CliResult> {
	if (!id) return badInput('BAD_INPUT', '缺少参数 --campaign <活动编号>');
	const db = await openDatabase();
	const campaign = await getCampaign(db, id);
	if (!campaign) return badInput('UNKNOWN_CAMPAIGN', `没有编号为“${id}”的活动`);
	return fn(db, campaign);
}
