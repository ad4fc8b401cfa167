// The one authorization helper every server load and action calls. Layouts are not trusted
// for this: SvelteKit runs loads in parallel and actions skip layouts entirely.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { getDb } from './db';
import { campaigns, experts, memberships } from './db/schema';
import type { Role } from '../domain/types';
import type { SessionUser } from './auth';
import type { Actor } from './audit';

export type { Role };

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The signed-in user, or a redirect to the login page (pages) / 401 (data requests from scripts). */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const target = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(target)}`);
	}
	return user;
}

export function actorOf(user: SessionUser): Actor {
	return { id: user.id, name: user.username };
}

export interface CampaignAccess {
	user: SessionUser;
	actor: Actor;
	campaign: typeof campaigns.$inferSelect;
	role: Role;
}

/**
 * Checks that the user is a member of the campaign with one of the roles.
 * Not a member (or no such campaign): 404, so a campaign's existence is not revealed.
 * A member with another role: 403.
 */
export async function requireRole(event: Event, campaignId: string, ...roles: Role[]): Promise<CampaignAccess> {
	const user = requireUser(event);
	const db = await getDb();
	const row = (
		await db
			.select({ c: campaigns, m: memberships })
			.from(memberships)
			.innerJoin(campaigns, eq(campaigns.id, memberships.campaignId))
			.where(and(eq(memberships.campaignId, campaignId), eq(memberships.userId, user.id)))
			.limit(1)
	)[0];
	if (!row) error(404, { message: '没有找到该活动' });
	const role = row.m.role as Role;
	if (roles.length && !roles.includes(role)) error(403, { message: '您没有权限访问此页面' });
	return { user, actor: actorOf(user), campaign: row.c, role };
}

/** The home page of a role inside a campaign. */
export function roleHome(campaignId: string, role: Role): string {
	switch (role) {
		case 'organizer':
			return `/c/${campaignId}/overview`;
		case 'chair':
			return `/c/${campaignId}/panel`;
		case 'expert':
			return `/c/${campaignId}/tasks`;
		case 'observer':
			// 纪检监察: progress first (it links the audit log and the final list).
			return `/c/${campaignId}/progress`;
	}
}

/**
 * The desk (tasks, declarations, dossiers): an expert, or a chair who also reviews through a roster
 * entry of their own account (services/chair-seats.ts keeps that entry off the panels they chair).
 * A chair without a roster entry is refused like any other non-reviewer: 403.
 */
export async function requireReviewer(
	event: Event,
	campaignId: string
): Promise<CampaignAccess & { expertId: string | null }> {
	const access = await requireRole(event, campaignId, 'expert', 'chair');
	const db = await getDb();
	const e = (
		await db
			.select({ id: experts.id })
			.from(experts)
			.where(and(eq(experts.campaignId, campaignId), eq(experts.userId, access.user.id)))
	)[0];
	if (access.role === 'chair' && !e) error(403, { message: '您没有权限访问此页面' });
	return { ...access, expertId: e?.id ?? null };
}
