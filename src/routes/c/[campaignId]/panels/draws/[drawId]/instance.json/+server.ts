// The recorded draw as a `laurel draw --in` instance: replay it outside the web, byte for byte.
import { error, type RequestHandler } from '@sveltejs/kit';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { drawInstance, getDraw } from '$lib/server/services/draw';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId!, 'organizer', 'observer');
	const row = await getDraw(await getDb(), campaign.id, event.params.drawId!);
	if (!row) error(404, { message: '没有找到该抽取记录' });
	return new Response(JSON.stringify(drawInstance(row), null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="draw-${row.id}.json"`
		}
	});
};
