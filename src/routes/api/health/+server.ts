import { json } from '@sveltejs/kit';

// Liveness for load balancers and the load benchmark's reference: no database, no session.
export const GET = () => json({ ok: true });
