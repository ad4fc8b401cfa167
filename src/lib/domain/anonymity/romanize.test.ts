import { describe, expect, it } from 'vitest';
import { romanizedName } from './romanize';

const hits = (name: string, surnameLength: number, text: string) =>
	[...text.matchAll(romanizedName(name, surnameLength)!.pattern)].map((m) => m[0]);

describe('romanizedName', () => {
	it('reads syllables with pinyin-pro, surname readings included (单 = shan, 曾 = zeng)', () => {
		expect(romanizedName('范建松', 1)?.display).toBe('Fan Jiansong');
		// the given name as two syllables jian | song: a hyphen between them, not elsewhere
		expect(hits('范建松', 1, 'Fan Jian-song; Fan Jians-ong')).toEqual(['Fan Jian-song']);
		expect(romanizedName('单田芳', 1)?.display).toBe('Shan Tianfang');
		expect(romanizedName('曾国藩', 1)?.display).toBe('Zeng Guofan');
		expect(romanizedName('买买提·依明', 1)).toBeNull();
	});
	it('matches the usual spellings, tones, case, order and titles', () => {
		const text =
			'Fan Jiansong; FAN Jian-song; Jiansong Fan; Fàn Jiànsōng; fan, jian song; Prof. Fan; Dr Fan; J.-S. Fan';
		expect(hits('范建松', 1, text)).toEqual([
			'Fan Jiansong',
			'FAN Jian-song',
			'Jiansong Fan',
			'Fàn Jiànsōng',
			'fan, jian song',
			'Prof. Fan',
			'Dr Fan',
			'J.-S. Fan'
		]);
		expect(hits('欧阳明华', 2, 'Ouyang Minghua, OU-YANG Ming-hua')).toEqual(['Ouyang Minghua', 'OU-YANG Ming-hua']);
		expect(hits('吕绿', 1, 'Lü Lü and Lv Lv')).toEqual(['Lü Lü', 'Lv Lv']);
	});
	it('leaves English words and partial names alone', () => {
		expect(hits('范建松', 1, 'a fan of Jian; Fanjian; fans; Fan; Jiansongfang')).toEqual([]);
	});
});
