// Types and labels of the dossier preview, shared by the organizer's and the expert's pages.
import type { expertDossier } from '../../domain/anonymity/anonymize';
import type { RedactionRule } from '../../domain/anonymity/redact';

/** What an expert receives: the dossier without the organizer's redaction list. */
export type ExpertDossier = ReturnType<typeof expertDossier>;

export const RULE_LABELS: Record<RedactionRule, string> = {
	name: '姓名',
	given_name: '名字',
	honorific: '称呼（如“李教授”“老李”“范导”“松哥”）',
	romanized: '姓名拼音（如“Fan Jiansong”“Prof. Fan”）',
	unit: '现工作单位',
	former_unit: '曾任职单位',
	abbreviation: '单位简称（如“西大”“柳职院”）',
	channel: '推荐单位',
	region: '所在城市',
	manual: '手工隐去'
};
