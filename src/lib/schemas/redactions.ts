// The form of the redaction page (an organizer's manual edits of what the expert's dossier hides).
// Whether the text occurs, and how long it may be, is the candidate-edit service's to say.
import * as v from 'valibot';
import { choice, text } from './form';

/**
 * 手工隐去 / 不隐去 / 撤销: the text as typed (the service trims it and names the problem) and, for
 * 撤销, the list it leaves (the hidden `list` input; anything else is the add list).
 */
export const redactionForm = v.object({
	text: text('隐去内容', { trim: false }),
	list: choice('列表', ['add', 'remove'], 'add')
});
