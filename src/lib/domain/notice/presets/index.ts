// The campaign presets: one per notice in seeds/. A campaign is created from a deep copy.
import type { CampaignConfig } from '../../types';
import type { Preset } from './common';
import { jincheng2023 } from './jincheng-2023';
import { qinghai2023 } from './qinghai-2023';
import { hengshui2022 } from './hengshui-2022';
import { neimenggu2023 } from './neimenggu-2023';
import { guangxi2024 } from './guangxi-2024';

export type { Preset } from './common';

const ALL: Preset[] = [jincheng2023, qinghai2023, hengshui2022, neimenggu2023, guangxi2024];

export const PRESET_IDS: readonly string[] = ALL.map((p) => p.id);

export const PRESETS: Record<string, Preset> = Object.fromEntries(ALL.map((p) => [p.id, p]));

/** The preset itself (shared, do not mutate) or undefined for an unknown id. */
export function getPreset(id: string): Preset | undefined {
	return Object.prototype.hasOwnProperty.call(PRESETS, id) ? PRESETS[id] : undefined;
}

/** A fresh, independent CampaignConfig for a new campaign; throws on an unknown id. */
export function presetConfig(id: string): CampaignConfig {
	const preset = getPreset(id);
	if (!preset) throw new Error(`未知的活动预设：${id}（可用：${PRESET_IDS.join('、')}）`);
	// The config is plain JSON data, so a JSON round trip is a complete deep copy.
	const { id: _id, name: _name, noticeTitle: _title, ...config } = JSON.parse(JSON.stringify(preset)) as Preset;
	return { ...config, presetId: preset.id };
}
