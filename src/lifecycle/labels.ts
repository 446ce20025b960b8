// Locale keys for the lifecycle's names (ids contain '-', locale keys may not).
import type { EventType } from './event-log';
import type { Outcome, Stage } from './lifecycle';

const k = (id: string) => id.replace(/-/g, '_');
export const stageKey = (stage: Stage | string): string => `stage_${k(stage)}`;
export const outcomeKey = (outcome: Outcome | string): string => `outcome_${k(outcome)}`;
export const eventKey = (type: EventType | string): string => `event_${k(type)}`;
