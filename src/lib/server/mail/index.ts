// Outgoing mail through nodemailer, used only when SMTP_URL is set (smtp://user:pass@host:port or
// smtps://…; MAIL_FROM the sender). Without it mailEnabled() is false and the pages show the links
// and texts to copy instead. Sending never throws: a refused or unreachable server comes back as
// { ok: false, message } in Chinese, so that a page can say which mails did not go out.
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailText } from './text';

export interface MailEnv {
	SMTP_URL?: string;
	MAIL_FROM?: string;
}

export type SendResult = { ok: true } | { ok: false; message: string };

let cached: { url: string; transport: Transporter } | null = null;

export function mailEnabled(env: MailEnv = process.env): boolean {
	return Boolean(env.SMTP_URL?.trim());
}

function transportFor(url: string): Transporter {
	if (cached?.url !== url) {
		cached?.transport.close();
		const u = new URL(url);
		const secure = u.protocol === 'smtps:';
		cached = {
			url,
			transport: nodemailer.createTransport({
				host: u.hostname,
				port: Number(u.port) || (secure ? 465 : 587),
				secure,
				auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
				// Short timeouts: a page waits for the answer, and a dead server must not hang it.
				connectionTimeout: 10_000,
				greetingTimeout: 10_000,
				socketTimeout: 20_000
			})
		};
	}
	return cached.transport;
}

/** The sender: MAIL_FROM, else the SMTP user, else a no-reply address. */
function senderOf(env: MailEnv): string {
	if (env.MAIL_FROM?.trim()) return env.MAIL_FROM.trim();
	try {
		const u = new URL(env.SMTP_URL!);
		const user = decodeURIComponent(u.username);
		if (user.includes('@')) return user;
		return `laurel@${u.hostname}`;
	} catch {
		return 'laurel@localhost';
	}
}

/** A plausible single address (no display names, no lists): the roster's e-mail column is free text. */
function isMailAddress(s: string | null | undefined): s is string {
	return typeof s === 'string' && /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(s.trim());
}

export async function sendMail(to: string, mail: MailText, env: MailEnv = process.env): Promise<SendResult> {
	if (!mailEnabled(env)) return { ok: false, message: '未配置邮件服务器（SMTP_URL）' };
	if (!isMailAddress(to)) return { ok: false, message: `电子邮箱“${to}”格式不正确` };
	try {
		if (!/^smtps?:$/.test(new URL(env.SMTP_URL!.trim()).protocol))
			return { ok: false, message: 'SMTP_URL 应以 smtp:// 或 smtps:// 开头' };
		await transportFor(env.SMTP_URL!.trim()).sendMail({
			from: senderOf(env),
			to: to.trim(),
			subject: mail.subject,
			text: mail.text,
			// base64 keeps Chinese text intact through any relay
			textEncoding: 'base64'
		});
		return { ok: true };
	} catch (e) {
		const why = (e as { code?: string; responseCode?: number })?.responseCode ?? (e as { code?: string })?.code ?? '';
		return { ok: false, message: `邮件服务器未能发送${why ? `（${why}）` : ''}` };
	}
}
