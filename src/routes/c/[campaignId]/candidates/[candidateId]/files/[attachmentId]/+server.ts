// Download of one photo or attachment: organizers only; the type is the one stored at upload
// (decided by the file's content), and the browser is told to save it, never to render it inline.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/authz';
import { getDb } from '$lib/server/db';
import { contentDisposition, readAttachment } from '$lib/server/services/attachments';

export const GET: RequestHandler = async (event) => {
	const { campaign } = await requireRole(event, event.params.campaignId, 'organizer');
	const r = await readAttachment(await getDb(), campaign.id, event.params.candidateId, event.params.attachmentId);
	if (!r.ok) error(r.status, { message: r.message });
	return new Response(Buffer.from(r.bytes), {
		headers: {
			'Content-Type': r.row.mime,
			'Content-Length': String(r.bytes.byteLength),
			'Content-Disposition': contentDisposition(r.row.filename),
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'Cache-Control': 'private, no-store'
		}
	});
};
