ALTER TABLE `invitations` ADD `revoked_at` integer;--> statement-breakpoint
-- The old lock-out counters are disposable: the table is rebuilt with the throttle's columns.
DROP TABLE `login_throttle`;--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_at` integer NOT NULL,
	`next_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX `login_throttle_last_idx` ON `login_throttle` (`last_at`);
