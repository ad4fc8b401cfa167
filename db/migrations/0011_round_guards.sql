ALTER TABLE `rounds` ADD `required_sheets` integer;--> statement-breakpoint
ALTER TABLE `rounds` ADD `max_yes` integer;--> statement-breakpoint
ALTER TABLE `sheets` ADD `rescore_by` text;