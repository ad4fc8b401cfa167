// What the 推荐表 form needs from the campaign: the classification's wording, the choices of its
// selects and the context a submitted form is checked against. Read by the services and the form.
import { fieldFullName } from './nomination-format';
import type { ChannelType } from '../types';

export interface FormContext {
	classification: 'field' | 'group';
	fields: string[];
	channels: { name: string; type: ChannelType | null }[];
	/** YYYY-MM-DD; a birth after it is refused. */
	today: string;
}

/** The choices of the form's selects and the notice's text limits, as the page receives them. */
export interface FormOptions {
	classification: 'field' | 'group';
	classLabel: string;
	fields: { value: string; label: string }[];
	channels: { value: string; label: string }[];
	textLimits: { deeds: number; story: number; awards: number };
}

export function classLabel(classification: 'field' | 'group'): string {
	return classification === 'group' ? '推荐组别' : '推荐领域';
}

export function classOptionLabel(classification: 'field' | 'group', value: string): string {
	const full = fieldFullName(value);
	return classification === 'field' && full !== value ? `${value}（${full}）` : value;
}
