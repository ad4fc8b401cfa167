// Argon2id with the parameters OWASP recommends for interactive logins.
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/** A password policy an office can live with: 8+ characters, not all digits. */
export function passwordProblem(password: string): string | null {
	if (password.length < 8) return '密码至少需要 8 个字符';
	if (password.length > 200) return '密码过长（最多 200 个字符）';
	if (/^\d+$/.test(password)) return '密码不能全为数字';
	return null;
}
