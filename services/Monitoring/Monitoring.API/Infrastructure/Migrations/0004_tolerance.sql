-- How the monitoring judges an agreement, set by its drafting party: how far the forecast band's unfavourable end may
-- miss a target and still count as on track (percentage points for a change, units for a level), with a version of
-- its own for optimistic concurrency.
ALTER TABLE monitored_agreements
    ADD COLUMN tolerance_points text   NOT NULL DEFAULT '0',
    ADD COLUMN settings_version bigint NOT NULL DEFAULT 0;
