-- Every write to what a round's results read raises a version in the same transaction (table
-- results_versions, schema/review.ts). services/results-cache.ts counts these triggers and trusts
-- its memo only when all of them exist: a later migration that rebuilds one of these tables must
-- create its triggers again.
CREATE TABLE `results_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`v` integer NOT NULL
);--> statement-breakpoint
CREATE TRIGGER `results_v_sheets_insert` AFTER INSERT ON `sheets` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_sheets_update` AFTER UPDATE ON `sheets` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`round_id`, 1 WHERE OLD.`round_id` IS NOT NEW.`round_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_sheets_delete` AFTER DELETE ON `sheets` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_round_candidates_insert` AFTER INSERT ON `round_candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_round_candidates_update` AFTER UPDATE ON `round_candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`round_id`, 1 WHERE OLD.`round_id` IS NOT NEW.`round_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_round_candidates_delete` AFTER DELETE ON `round_candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidate_notes_insert` AFTER INSERT ON `candidate_notes` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidate_notes_update` AFTER UPDATE ON `candidate_notes` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`round_id`, 1 WHERE OLD.`round_id` IS NOT NEW.`round_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidate_notes_delete` AFTER DELETE ON `candidate_notes` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`round_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_rounds_insert` AFTER INSERT ON `rounds` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_rounds_update` AFTER UPDATE ON `rounds` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`id`, 1 WHERE OLD.`id` IS NOT NEW.`id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_rounds_delete` AFTER DELETE ON `rounds` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_conflicts_insert` AFTER INSERT ON `conflicts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_conflicts_update` AFTER UPDATE ON `conflicts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_conflicts_delete` AFTER DELETE ON `conflicts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidates_insert` AFTER INSERT ON `candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidates_update` AFTER UPDATE ON `candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_candidates_delete` AFTER DELETE ON `candidates` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_experts_insert` AFTER INSERT ON `experts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_experts_update` AFTER UPDATE ON `experts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_experts_delete` AFTER DELETE ON `experts` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_assignments_insert` AFTER INSERT ON `assignments` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_assignments_update` AFTER UPDATE ON `assignments` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_assignments_delete` AFTER DELETE ON `assignments` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panels_insert` AFTER INSERT ON `panels` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panels_update` AFTER UPDATE ON `panels` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (NEW.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT OLD.`campaign_id`, 1 WHERE OLD.`campaign_id` IS NOT NEW.`campaign_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panels_delete` AFTER DELETE ON `panels` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) VALUES (OLD.`campaign_id`, 1) ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panel_members_insert` AFTER INSERT ON `panel_members` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) SELECT `campaign_id`, 1 FROM `panels` WHERE `id` = NEW.`panel_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panel_members_update` AFTER UPDATE ON `panel_members` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) SELECT `campaign_id`, 1 FROM `panels` WHERE `id` = NEW.`panel_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
	INSERT INTO `results_versions` (`scope`, `v`) SELECT `campaign_id`, 1 FROM `panels` WHERE `id` = OLD.`panel_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `results_v_panel_members_delete` AFTER DELETE ON `panel_members` BEGIN
	INSERT INTO `results_versions` (`scope`, `v`) SELECT `campaign_id`, 1 FROM `panels` WHERE `id` = OLD.`panel_id` ON CONFLICT(`scope`) DO UPDATE SET `v` = `v` + 1;
END;
