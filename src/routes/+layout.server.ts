import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { campaignsOfUser } from '$lib/server/services/campaigns';

// Only what the header needs. Pages authorize themselves; this layout grants nothing.
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!locals.user) return { user: null, campaigns: [] };
	const db = await getDb();
	return {
		user: { username: locals.user.username, displayName: locals.user.displayName },
		campaigns: await campaignsOfUser(db, locals.user.id)
	};
};
