CREATE TABLE `expert_pool` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`former_units` text NOT NULL,
	`school` text,
	`title` text,
	`fields` text NOT NULL,
	`region` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expert_pool_person_uq` ON `expert_pool` (`name`,`unit`);--> statement-breakpoint
CREATE TABLE `panel_draws` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`field` text NOT NULL,
	`seed` text NOT NULL,
	`pool_hash` text NOT NULL,
	`input` text NOT NULL,
	`result` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `panel_draws_campaign_idx` ON `panel_draws` (`campaign_id`);