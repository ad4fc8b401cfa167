ALTER TABLE `selections` ADD `notice_contact` text;--> statement-breakpoint
ALTER TABLE `selections` ADD `notice_dates` text;